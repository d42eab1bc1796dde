package dev.sprawl.inventory.owner;

import dev.sprawl.inventory.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

    record Entry(Pattern pattern, List<String> owners, int line) {
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
            if (e.pattern().matcher(p).matches()) {
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

    static Pattern compile(String glob) {
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
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                    if (slashAfter) {
                        re.append("(?:.*/)?");
                        i += 2;
                    } else {
                        re.append(".*");
                        i += 1;
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (dirOnly) {
            re.append("/.*");
        } else if (!childrenOnly) {
            re.append("(?:/.*)?");
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
