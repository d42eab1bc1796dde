package dev.sprawl.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * {@code --exclude} globs. A glob matches a target-relative path ({@code build/**}, {@code **}{@code /*.min.js})
 * or, when it has no {@code /}, any single file or folder name at any depth ({@code node_modules},
 * {@code *.lock}). Excluding a folder skips everything below it.
 */
public final class PathGlobs {

    private final List<PathMatcher> onPath;
    private final List<PathMatcher> onName;

    public PathGlobs(List<String> globs) {
        this.onPath = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        this.onName = globs.stream().filter(g -> !g.contains("/"))
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
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
        for (PathMatcher m : onPath) {
            if (m.matches(p)) {
                return true;
            }
        }
        Path name = p.getFileName();
        if (name == null) {
            return false; // "/" alone: a root has no name to match
        }
        for (PathMatcher m : onName) {
            if (m.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
