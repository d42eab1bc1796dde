package dev.sprawl.govern;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an identities manifest strictly: the YAML is composed (never constructed into objects) with
 * SnakeYAML's safe loader and its default limits, and every problem is reported as {@code file:line:}.
 * Unknown keys, duplicate keys, bad durations, dates, globs, fingerprints and finding codes are errors.
 */
final class ManifestParser {

    private static final Set<String> TOP = Set.of("policy", "identities");
    private static final Set<String> POLICY = Set.of("maxAge", "fail");
    private static final Set<String> IDENTITY = Set.of("name", "owner", "purpose", "scope", "expires",
            "rotateEvery", "match");
    private static final Set<String> MATCH = Set.of("fingerprint", "rule", "provider", "path", "identity");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,4})([dwy])");
    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private ManifestParser(String file) {
        this.file = file;
    }

    static Manifest parse(String file, String text) throws ManifestException {
        ManifestParser p = new ManifestParser(file);
        Manifest m = p.run(text);
        if (!p.problems.isEmpty()) {
            throw new ManifestException(p.problems);
        }
        return m;
    }

    /** Days in a duration such as {@code 90d}, {@code 12w}, {@code 1y} (365 days); null when malformed. */
    static Long days(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "w" -> n * 7;
            case "y" -> n * 365;
            default -> n;
        };
    }

    private Manifest run(String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problem(line, "not valid YAML: " + (e.getProblem() == null ? "syntax error" : shown(e.getProblem())));
            return null;
        } catch (YAMLException e) {
            problem(1, "not valid YAML: " + shown(firstLine(e.getMessage())));
            return null;
        } catch (IllegalArgumentException e) {
            // SnakeYAML lets a NumberFormatException out of a bad backslash-u escape (fuzz finding)
            problem(1, "not valid YAML: an invalid escape sequence");
            return null;
        }
        if (root == null || isNull(root)) {
            return new Manifest(file, Policy.DEFAULT, List.of());
        }
        Map<String, Node> top = mapping(root, "the manifest", TOP);
        if (top == null) {
            return null;
        }
        Policy policy = top.containsKey("policy") ? policy(top.get("policy")) : Policy.DEFAULT;
        List<DeclaredIdentity> identities = new ArrayList<>();
        Node list = top.get("identities");
        if (list != null && !isNull(list)) {
            if (list instanceof SequenceNode seq) {
                Set<String> names = new HashSet<>();
                for (Node item : seq.getValue()) {
                    DeclaredIdentity d = identity(item);
                    if (d != null && !names.add(d.name())) {
                        problem(line(item), "identity '" + shown(d.name()) + "' is declared twice");
                    } else if (d != null) {
                        identities.add(d);
                    }
                }
            } else {
                problem(line(list), "'identities' must be a list");
            }
        }
        return new Manifest(file, policy, identities);
    }

    private Policy policy(Node node) {
        if (isNull(node)) {
            return Policy.DEFAULT;
        }
        Map<String, Node> f = mapping(node, "'policy'", POLICY);
        if (f == null) {
            return Policy.DEFAULT;
        }
        long maxAge = Policy.DEFAULT_MAX_AGE_DAYS;
        String maxAgeText = scalar(f, "maxAge");
        if (maxAgeText != null) {
            Long d = days(maxAgeText);
            if (d == null) {
                problem(line(f.get("maxAge")), "maxAge must be a duration such as 90d, 12w or 1y, not '"
                        + shown(maxAgeText) + "'");
            } else {
                maxAge = d;
            }
        }
        Set<String> fail = new LinkedHashSet<>();
        for (String code : strings(f, "fail")) {
            if (!Codes.ALL.contains(code)) {
                problem(line(f.get("fail")), "unknown finding code '" + shown(code) + "' in fail (expected one of "
                        + String.join(", ", Codes.ALL) + ")");
            } else {
                fail.add(code);
            }
        }
        return new Policy(maxAge, fail);
    }

    private DeclaredIdentity identity(Node node) {
        Map<String, Node> f = mapping(node, "an identity", IDENTITY);
        if (f == null) {
            return null;
        }
        int before = problems.size();
        String name = scalar(f, "name");
        if (name == null || name.isBlank()) {
            problem(line(node), "an identity needs a 'name'");
        }
        LocalDate expires = null;
        String expiresText = scalar(f, "expires");
        if (expiresText != null) {
            try {
                expires = LocalDate.parse(expiresText);
            } catch (DateTimeParseException e) {
                problem(line(f.get("expires")), "expires must be a date such as 2027-03-31, not '" + shown(expiresText) + "'");
            }
        }
        Long rotate = null;
        String rotateText = scalar(f, "rotateEvery");
        if (rotateText != null) {
            rotate = days(rotateText);
            if (rotate == null) {
                problem(line(f.get("rotateEvery")), "rotateEvery must be a duration such as 30d, 12w or 1y, not '"
                        + shown(rotateText) + "'");
            }
        }
        Match match = null;
        Node m = f.get("match");
        if (m == null || isNull(m)) {
            problem(line(node), "identity '" + shown(name) + "' needs a 'match' (fingerprint, rule, provider, path or identity)");
        } else {
            match = match(m, name);
        }
        if (problems.size() > before) {
            return null;
        }
        Node owner = f.get("owner");
        return new DeclaredIdentity(name, blankToNull(scalar(f, "owner")), blankToNull(scalar(f, "purpose")),
                blankToNull(scalar(f, "scope")), expires, rotate, rotateText, match, line(node),
                owner == null ? 0 : line(owner));
    }

    private Match match(Node node, String name) {
        Map<String, Node> f = mapping(node, "'match'", MATCH);
        if (f == null) {
            return null;
        }
        int before = problems.size();
        List<String> fingerprints = strings(f, "fingerprint");
        for (String fp : fingerprints) {
            if (!FINGERPRINT.matcher(fp).matches()) {
                problem(line(f.get("fingerprint")), "fingerprint must be sha256: and 64 lowercase hex digits");
            }
        }
        List<String> paths = new ArrayList<>();
        for (String glob : strings(f, "path")) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
                paths.add(glob);
            } catch (IllegalArgumentException e) {
                problem(line(f.get("path")), "path '" + shown(glob) + "' is not a valid glob");
            }
        }
        Match match = new Match(fingerprints, strings(f, "rule"), strings(f, "provider"), paths, strings(f, "identity"));
        if (match.isEmpty() && problems.size() == before) {
            problem(line(node), "identity '" + shown(name) + "' has an empty 'match'");
        }
        return match;
    }

    /** The keys of a mapping node in order, reporting non-mappings, unknown and duplicate keys. */
    private Map<String, Node> mapping(Node node, String what, Set<String> known) {
        if (!(node instanceof MappingNode map)) {
            problem(line(node), what + " must be a mapping");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                problem(line(k), "keys must be plain names");
            } else if (!known.contains(key)) {
                problem(line(k), "unknown key '" + shown(key) + "' in " + what + " (expected "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            } else if (out.put(key, t.getValueNode()) != null) {
                problem(line(k), "duplicate key '" + shown(key) + "'");
            }
        }
        return out;
    }

    private String scalar(Map<String, Node> f, String key) {
        Node n = f.get(key);
        if (n == null || isNull(n)) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(line(n), "'" + key + "' must be a single value");
        return null;
    }

    /** A value or a list of values. */
    private List<String> strings(Map<String, Node> f, String key) {
        Node n = f.get(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        List<String> out = new ArrayList<>();
        if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !isNull(s)) {
                    out.add(s.getValue());
                } else {
                    problem(line(item), "'" + key + "' must list plain values");
                }
            }
        } else {
            problem(line(n), "'" + key + "' must be a value or a list of values");
        }
        return out;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int line(Node n) {
        return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    private void problem(int line, String message) {
        problems.add(file + ":" + line + ": " + message);
    }

    /** Longest piece of the manifest quoted in a problem. */
    static final int MAX_QUOTED_CHARS = 80;

    /**
     * A value from the manifest as a problem quotes it: control characters (a terminal escape, a
     * newline) as {@code \\uXXXX}, cut at {@link #MAX_QUOTED_CHARS} characters.
     */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < value.length() && b.length() < MAX_QUOTED_CHARS; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return i < value.length() ? b + "..." : b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
