package dev.sprawl.analyze;

/**
 * One file for the analyzers: its path and text, and its YAML and JSON parses, each made once and
 * shared by every analyzer that asks.
 */
public final class AnalyzerInput {

    private final String path;
    private final String fileName;
    private final Text text;
    private final long maxParseChars;
    private YamlTrees.Result yaml;
    private JsonTrees.Result json;
    private String parseError;

    AnalyzerInput(String path, Text text, long maxParseChars) {
        this.path = path;
        int slash = path.lastIndexOf('/');
        int bang = path.lastIndexOf('!');
        this.fileName = path.substring(Math.max(slash, bang) + 1).toLowerCase(java.util.Locale.ROOT);
        this.text = text;
        this.maxParseChars = maxParseChars;
    }

    /** Path relative to the target, {@code /}-separated. */
    public String path() {
        return path;
    }

    /** The last path segment, in lower case. */
    public String fileName() {
        return fileName;
    }

    public Text text() {
        return text;
    }

    /** Every YAML document of the file that parsed (documents after a syntax error are lost; see {@link #parseError()}). */
    public java.util.List<Tree> yaml() {
        if (yaml == null) {
            yaml = YamlTrees.parse(text, maxParseChars);
            if (yaml.error() != null && parseError == null) {
                parseError = yaml.error();
            }
        }
        return yaml.documents();
    }

    /** The file as one JSON document, or null when it is not valid JSON (see {@link #parseError()}). */
    public Tree json() {
        if (json == null) {
            json = JsonTrees.parse(text);
            if (json.error() != null && parseError == null) {
                parseError = json.error();
            }
        }
        return json.tree();
    }

    /**
     * The documents of a file that may be YAML or JSON: JSON when it starts with <code>{</code> or
     * {@code [} and parses as JSON, YAML otherwise (YAML reads most JSON too).
     */
    public java.util.List<Tree> documents() {
        String s = text.content();
        int i = 0;
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '\uFEFF')) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[')) {
            Tree t = json();
            if (t != null) {
                return java.util.List.of(t);
            }
            if (fileName.endsWith(".json")) {
                return java.util.List.of();
            }
            parseError = null;
        }
        return yaml();
    }

    /** The first error met by a parse an analyzer asked for, or null. */
    public String parseError() {
        return parseError;
    }
}
