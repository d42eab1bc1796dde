package dev.sprawl.inventory.owner;

import dev.sprawl.inventory.Owner;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed CODEOWNERS file with GitHub's semantics: gitignore-style patterns without negation or
 * character ranges, the last matching line wins, and a matching line without owners leaves the path
 * unowned. A pattern with a {@code /} at its start or in its middle is anchored at the repository
 * root; otherwise it matches at any depth. {@code *} stays within one folder, {@code **} crosses
 * folders, a trailing {@code /} (or a match on a folder) covers everything below it, except that a
 * final {@code /*} covers only the folder's direct children.
 */
public final class CodeOwners {

    /** Where GitHub looks for the file, in its order of precedence. */
    public static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

    record Entry(Glob pattern, List<String> owners, int line) {
    }

    private final String fileName;
    private final List<Entry> entries;

    private CodeOwners(String fileName, List<Entry> entries) {
        this.fileName = fileName;
        this.entries = entries;
    }

    public static CodeOwners parse(String fileName, String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = stripComment(lines[n]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String pattern = parts[0].replace("\\#", "#");
            if (pattern.startsWith("!") || pattern.contains("[")) {
                continue; // not supported by GitHub: the line is ignored
            }
            List<String> owners = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                owners.add(parts[i]);
            }
            entries.add(new Entry(compile(pattern), owners, n + 1));
        }
        return new CodeOwners(fileName, entries);
    }

    /** The owner of a repository-relative path, or null when no line gives it an owner. */
    public Owner ownerOf(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.pattern().matches(p)) {
                if (e.owners().isEmpty()) {
                    return null;
                }
                return new Owner(e.owners().get(0), "codeowners", fileName + ":" + e.line(),
                        e.owners().subList(1, e.owners().size()));
            }
        }
        return null;
    }

    private static String stripComment(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '#') {
                sb.append("\\#");
                i++;
            } else if (c == '#') {
                break;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A CODEOWNERS pattern turned into a small token program matched in time linear in the path for
     * each token (a regex from a glob backtracks: {@code **}{@code /a*b*c*d*e} against a long name
     * takes for ever, and a scanned repository writes its own CODEOWNERS).
     */
    static Glob compile(String glob) {
        String g = glob;
        boolean anchored = g.startsWith("/");
        if (anchored) {
            g = g.substring(1);
        }
        boolean dirOnly = g.endsWith("/");
        if (dirOnly) {
            g = g.substring(0, g.length() - 1);
        }
        if (g.contains("/")) {
            anchored = true;
        }
        boolean childrenOnly = g.endsWith("/*") || g.equals("*") && anchored;
        List<Integer> tokens = new ArrayList<>();
        if (!anchored) {
            tokens.add(Glob.ANY_DIRS);
        }
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                    tokens.add(slashAfter ? Glob.ANY_DIRS : Glob.ANYTHING);
                    i += slashAfter ? 2 : 1;
                } else {
                    tokens.add(Glob.STAR);
                }
            } else if (c == '?') {
                tokens.add(Glob.ONE);
            } else {
                tokens.add((int) c);
            }
        }
        if (dirOnly) {
            tokens.add((int) '/');
            tokens.add(Glob.ANYTHING);
        } else if (!childrenOnly) {
            tokens.add(Glob.BELOW);
        }
        return new Glob(tokens.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Matches by keeping the set of path positions each token can end at: a character, {@code ?} (one
     * character but '/'), {@code *} (a run without '/'), {@code **}{@code /} (nothing, or anything
     * ending in '/'), {@code **} (anything), and "nothing, or '/' and anything" at the end.
     */
    static final class Glob {
        static final int STAR = -1;
        static final int ONE = -2;
        static final int ANY_DIRS = -3;
        static final int ANYTHING = -4;
        static final int BELOW = -5;

        private final int[] tokens;

        Glob(int[] tokens) {
            this.tokens = tokens;
        }

        boolean matches(String path) {
            int n = path.length();
            boolean[] at = new boolean[n + 1];
            at[0] = true;
            for (int token : tokens) {
                boolean[] next = new boolean[n + 1];
                boolean any = false;
                switch (token) {
                    case STAR -> {
                        boolean run = false;
                        for (int t = 0; t <= n; t++) {
                            run = at[t] || (run && path.charAt(t - 1) != '/');
                            next[t] = run;
                        }
                    }
                    case ONE -> {
                        for (int t = 0; t < n; t++) {
                            next[t + 1] = at[t] && path.charAt(t) != '/';
                        }
                    }
                    case ANY_DIRS -> {
                        boolean seen = false;
                        for (int t = 0; t <= n; t++) {
                            next[t] = at[t] || (seen && t > 0 && path.charAt(t - 1) == '/');
                            seen |= at[t];
                        }
                    }
                    case ANYTHING -> {
                        boolean seen = false;
                        for (int t = 0; t <= n; t++) {
                            seen |= at[t];
                            next[t] = seen;
                        }
                    }
                    case BELOW -> {
                        System.arraycopy(at, 0, next, 0, n + 1);
                        for (int t = 0; t < n; t++) {
                            if (at[t] && path.charAt(t) == '/') {
                                next[n] = true;
                            }
                        }
                    }
                    default -> {
                        for (int t = 0; t < n; t++) {
                            next[t + 1] = at[t] && path.charAt(t) == token;
                        }
                    }
                }
                for (boolean b : next) {
                    any |= b;
                }
                if (!any) {
                    return false;
                }
                at = next;
            }
            return at[n];
        }
    }
}
