package dev.sprawl.inventory;

import dev.sprawl.source.PathGlobs;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .sprawlignore} file: suppressions that keep secrets in the inventory (marked
 * {@code ignored}) but stop them from failing the build.
 *
 * <pre>
 * # a fingerprint, an optional expiry date, an optional reason
 * sha256:3f2a…c9 until=2027-01-31 test key of the staging sandbox, rotated monthly
 * # a path glob (as --exclude: without '/' it matches any name) and an optional reason
 * docs/examples/** documentation samples
 * </pre>
 *
 * After its {@code until} date a fingerprint suppression lapses: the secret counts again and carries
 * a {@code suppression-expired} finding.
 */
public final class IgnoreFile {

    /** The file name looked up at a target's root. */
    public static final String NAME = ".sprawlignore";

    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    /** One fingerprint suppression. */
    public record Entry(String fingerprint, LocalDate until, String reason, int line) {
    }

    private record PathEntry(PathGlobs glob, String text, String reason, int line) {
    }

    private final String fileName;
    private final Map<String, Entry> byFingerprint;
    private final List<PathEntry> paths;
    private final List<String> problems;

    private IgnoreFile(String fileName, Map<String, Entry> byFingerprint, List<PathEntry> paths, List<String> problems) {
        this.fileName = fileName;
        this.byFingerprint = byFingerprint;
        this.paths = paths;
        this.problems = problems;
    }

    public static final IgnoreFile EMPTY = new IgnoreFile(NAME, Map.of(), List.of(), List.of());

    public static IgnoreFile parse(String fileName, String text) {
        Map<String, Entry> fps = new HashMap<>();
        List<PathEntry> paths = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String first = parts[0];
            if (first.startsWith("sha256:")) {
                if (!FINGERPRINT.matcher(first).matches()) {
                    problems.add(fileName + ":" + (n + 1) + ": not a sha256 fingerprint");
                    continue;
                }
                LocalDate until = null;
                String reason = "";
                int next = 1;
                if (parts.length > 1 && parts[1].startsWith("until=")) {
                    try {
                        until = LocalDate.parse(parts[1].substring(6));
                    } catch (DateTimeParseException e) {
                        problems.add(fileName + ":" + (n + 1) + ": until= must be a date like 2027-01-31");
                        continue;
                    }
                    next = 2;
                }
                if (parts.length > next) {
                    reason = next == 1 ? line.substring(first.length()).strip() : parts[2];
                }
                fps.put(first, new Entry(first, until, reason, n + 1));
            } else {
                String reason = line.substring(first.length()).strip();
                try {
                    paths.add(new PathEntry(new PathGlobs(List.of(first)), first, reason, n + 1));
                } catch (IllegalArgumentException e) { // PatternSyntaxException: "[" and the like
                    problems.add(fileName + ":" + (n + 1) + ": not a valid path glob");
                }
            }
        }
        return new IgnoreFile(fileName, fps, paths, problems);
    }

    /** Lines that could not be understood (reported as warnings). */
    public List<String> problems() {
        return problems;
    }

    public Entry entry(String fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** Why a path is suppressed ({@code .sprawlignore:3 docs/**: reason}), or null. */
    public String pathReason(String path) {
        String outer = path.contains("!") ? path.substring(0, path.indexOf('!')) : path;
        for (PathEntry p : paths) {
            if (p.glob().matches(outer)) {
                return fileName + ":" + p.line() + " " + p.text() + (p.reason().isEmpty() ? "" : ": " + p.reason());
            }
        }
        return null;
    }

    public String describe(Entry e) {
        return fileName + ":" + e.line() + (e.reason().isEmpty() ? "" : ": " + e.reason());
    }
}
