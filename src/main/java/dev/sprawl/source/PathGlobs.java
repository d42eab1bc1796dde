package dev.sprawl.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --exclude} globs. A glob matches a target-relative path ({@code build/**}, {@code **}{@code /*.min.js})
 * or, when it has no {@code /}, any single file or folder name at any depth ({@code node_modules},
 * {@code *.lock}). Excluding a folder skips everything below it. The syntax is the JDK's {@code glob:}
 * (a glob the JDK rejects throws its {@link IllegalArgumentException}); matching is {@link Glob}'s, in
 * linear time, since globs also come from scanned files.
 */
public final class PathGlobs {

    private final List<Glob> onPath;
    private final List<Glob> onName;

    public PathGlobs(List<String> globs) {
        for (String g : globs) {
            FileSystems.getDefault().getPathMatcher("glob:" + g); // the JDK's syntax check
        }
        this.onPath = globs.stream().map(Glob::of).toList();
        this.onName = globs.stream().filter(g -> !g.contains("/")).map(Glob::of).toList();
    }

    /** True when the {@code /}-separated relative path or its last name matches a glob. */
    public boolean matches(String relativePath) {
        if (onPath.isEmpty() || relativePath.isEmpty()) {
            return false;
        }
        Path p;
        try {
            p = Path.of(relativePath);
        } catch (java.nio.file.InvalidPathException e) {
            return false; // a name no file system path can hold (a NUL from an archive member name)
        }
        String whole = p.toString();
        for (Glob m : onPath) {
            if (m.matches(whole)) {
                return true;
            }
        }
        Path name = p.getFileName();
        if (name == null) {
            return false; // "/" alone: a root has no name to match
        }
        String last = name.toString();
        for (Glob m : onName) {
            if (m.matches(last)) {
                return true;
            }
        }
        return false;
    }
}
