package dev.sprawl.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses one rule file. Structural problems (missing fields, a pattern that does not compile, has no
 * {@code secret} group or is unbounded) are collected with their line; such a rule is left out.
 */
final class RuleParser {

    /** The widest match a rule may have; the confirm window around a keyword hit is this wide. */
    static final int MAX_RULE_WIDTH = 16_384;
    /** Shortest keyword: shorter ones would make the prefilter fire everywhere. */
    static final int MIN_KEYWORD_LENGTH = 3;

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Set<String> KNOWN_FIELDS = Set.of("id", "name", "provider", "category", "confidence",
            "keywords", "pattern", "engine", "validate", "minEntropy", "references", "examples", "negativeExamples",
            "description");

    private final RuleSource source;
    private final List<Rule> rules = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private RuleParser(RuleSource source) {
        this.source = source;
    }

    record Result(List<Rule> rules, List<RuleProblem> problems) {
    }

    static Result parse(RuleSource source) {
        RuleParser parser = new RuleParser(source);
        parser.run();
        return new Result(List.copyOf(parser.rules), List.copyOf(parser.problems));
    }

    private void run() {
        Node root;
        try {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            root = yaml.compose(new StringReader(source.text()));
        } catch (YAMLException e) {
            problems.add(new RuleProblem(source.name(), 0, null, "not valid YAML: " + firstLine(e.getMessage())));
            return;
        } catch (IllegalArgumentException e) {
            // SnakeYAML lets a NumberFormatException out of a bad backslash-u escape (found on the manifest parser)
            problems.add(new RuleProblem(source.name(), 0, null, "not valid YAML: an invalid escape sequence"));
            return;
        }
        if (!(root instanceof MappingNode top)) {
            problems.add(new RuleProblem(source.name(), 1, null, "expected a mapping with a 'rules' list"));
            return;
        }
        Node list = fields(top).get("rules");
        if (!(list instanceof SequenceNode seq)) {
            problems.add(new RuleProblem(source.name(), line(top), null, "expected a 'rules' list"));
            return;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof MappingNode m) {
                parseRule(m);
            } else {
                problems.add(new RuleProblem(source.name(), line(item), null, "a rule must be a mapping"));
            }
        }
    }

    private void parseRule(MappingNode node) {
        Map<String, Node> f = fields(node);
        int line = line(node);
        String id = scalar(f, "id");
        List<String> errors = new ArrayList<>();
        for (String key : f.keySet()) {
            if (!KNOWN_FIELDS.contains(key)) {
                errors.add("unknown field '" + key + "'");
            }
        }
        if (id == null) {
            errors.add("missing 'id'");
        } else if (!ID.matcher(id).matches()) {
            errors.add("id must be lowercase letters, digits and dashes");
        }
        String name = required(f, "name", errors);
        String provider = required(f, "provider", errors);
        Category category = null;
        String categoryText = required(f, "category", errors);
        if (categoryText != null) {
            category = Category.fromLabel(categoryText);
            if (category == null) {
                errors.add("unknown category '" + categoryText + "'");
            }
        }
        Confidence confidence = Confidence.HIGH;
        String confidenceText = scalar(f, "confidence");
        if (confidenceText != null) {
            confidence = Confidence.fromLabel(confidenceText);
            if (confidence == null) {
                errors.add("unknown confidence '" + confidenceText + "'");
            }
        }
        List<String> keywords = new ArrayList<>();
        for (String k : list(f, "keywords", errors)) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_KEYWORD_LENGTH) {
                errors.add("keyword '" + k + "' is shorter than " + MIN_KEYWORD_LENGTH + " bytes");
            }
            keywords.add(lower);
        }
        if (keywords.isEmpty()) {
            errors.add("needs at least one keyword");
        }
        Pattern pattern = null;
        int width = 0;
        int lead = -1;
        String engine = scalar(f, "engine");
        if (engine != null) {
            if (!Engines.isKnown(engine)) {
                errors.add("unknown engine '" + engine + "' (known: " + Engines.names() + ")");
            } else if (f.containsKey("pattern")) {
                errors.add("a rule has either a pattern or an engine, not both");
            } else {
                pattern = Engines.NEVER;
                width = Engines.bounds(engine)[0];
                lead = Engines.bounds(engine)[1];
            }
        } else {
            String patternText = required(f, "pattern", errors);
            if (patternText != null) {
                try {
                    pattern = Pattern.compile(patternText);
                    if (!patternText.contains("(?<secret>")) {
                        errors.add("pattern has no 'secret' group");
                    }
                    RegexShape shape = RegexShape.parse(patternText);
                    long w = shape.maxWidth();
                    if (w > MAX_RULE_WIDTH) {
                        errors.add(w == RegexShape.UNBOUNDED
                                ? "pattern has unbounded width (use {0,N} instead of * + {n,})"
                                : "pattern can match " + w + " chars, more than " + MAX_RULE_WIDTH);
                    } else {
                        width = (int) w;
                        // without a proven lead, a keyword can still start no later than width - its length
                        long l = shape.keywordLead(keywords);
                        int shortest = keywords.stream().mapToInt(String::length).min().orElse(0);
                        lead = l >= 0 && l <= w ? (int) l : (int) Math.max(0, w - shortest);
                    }
                    if (pattern.matcher("").find()) {
                        errors.add("pattern matches the empty string");
                    }
                } catch (PatternSyntaxException e) {
                    errors.add("pattern does not compile: " + firstLine(e.getDescription()) + " near index " + e.getIndex());
                } catch (IllegalArgumentException e) {
                    errors.add("pattern not understood: " + e.getMessage());
                }
            }
        }
        String validate = scalar(f, "validate");
        if (validate != null && !Validators.isKnown(validate)) {
            errors.add("unknown validator '" + validate + "' (known: " + Validators.names() + ")");
        }
        double minEntropy = 0;
        String entropyText = scalar(f, "minEntropy");
        if (entropyText != null) {
            try {
                minEntropy = Double.parseDouble(entropyText);
            } catch (NumberFormatException e) {
                errors.add("minEntropy must be a number");
            }
        }
        List<String> references = list(f, "references", errors);
        List<String> examples = list(f, "examples", errors);
        List<String> negatives = list(f, "negativeExamples", errors);
        if (!errors.isEmpty()) {
            for (String e : errors) {
                problems.add(new RuleProblem(source.name(), line, id, e));
            }
            return;
        }
        rules.add(new Rule(id, name, provider, category, confidence, keywords, pattern, width, lead, validate,
                minEntropy, references, examples, negatives, source.name(), line, engine));
    }

    private static Map<String, Node> fields(MappingNode node) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                out.put(k.getValue(), t.getValueNode());
            }
        }
        return out;
    }

    private static String scalar(Map<String, Node> f, String key) {
        Node n = f.get(key);
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String required(Map<String, Node> f, String key, List<String> errors) {
        String v = scalar(f, key);
        if (v == null || v.isBlank()) {
            errors.add("missing '" + key + "'");
            return null;
        }
        return v;
    }

    private static List<String> list(Map<String, Node> f, String key, List<String> errors) {
        Node n = f.get(key);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof SequenceNode seq)) {
            errors.add("'" + key + "' must be a list");
            return out;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(s.getValue());
            } else {
                errors.add("'" + key + "' entries must be strings");
            }
        }
        return out;
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
