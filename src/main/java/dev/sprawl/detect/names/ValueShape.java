package dev.sprawl.detect.names;

import dev.sprawl.detect.Entropy;
import dev.sprawl.detect.Placeholders;
import dev.sprawl.detect.WeakValues;
import dev.sprawl.rules.Confidence;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The confidence model of generic credentials: the name says a value is a credential; the value's
 * shape says how likely it is a real one (docs/detection.md "Confidence").
 * <ul>
 *   <li>not reported: empty or very short values, references and templates ({@code ${VAR}},
 *       {@code {{ .Values.x }}}, {@code %(x)s}, {@code <token>}), stated placeholders
 *       ({@code changeme}, {@code your_key_here}), literals ({@code null}, {@code true}), code
 *       (calls, member paths, bare identifiers where a literal would be quoted), URLs without
 *       credentials and paths, here-document openers ({@code <<EOT}), another option where the value
 *       would be ({@code --format=lines}), an unquoted value that holds a label of its own (a test log's
 *       {@code PASS: gdb.base/x.exp: runs}); a value quoted twice is judged by its inner literal; under an ambiguous name (a bare {@code key}), anything not random-looking;</li>
 *   <li>{@code low}, {@code placeholderLike}: dummy-looking values (counting runs such as
 *       {@code 1234567890abcdef}, {@code a1b2c3}, one repeated character, default words);</li>
 *   <li>{@code low}: word-like or weak values (plain words, phrases, a word with a few digits, labels and
 *       identifiers made of words such as {@code Signed-off-by} or {@code sequencerInUse}, a setting
 *       such as {@code protocol=http});</li>
 *   <li>{@code medium}: random-looking values (8+ characters, two or more character classes,
 *       entropy of 2.5 bits per character or more, or 16+ characters of 3.0 bits);</li>
 *   <li>{@code high}: long, very random values (20+ characters, three or more classes, 4.0 bits)
 *       under a name that is not ambiguous.</li>
 * </ul>
 */
public final class ValueShape {

    /** The judgement of one value. */
    public record Verdict(Confidence confidence, boolean placeholderLike) {
    }

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 512;

    private static final Pattern WORD_WITH_DIGITS = Pattern.compile(
            "[!@#$%^&*?._-]{0,3}(?:[A-Z]?[a-z]{3,}|[A-Z]{3,})(?:[-_.]?(?:[A-Z]?[a-z]{3,}|[A-Z]{3,})){0,3}[0-9!@#$%^&*?._-]{0,6}");
    private static final Pattern CALL_OR_PATH = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\\.|->|::)[A-Za-z_$][A-Za-z0-9_$]*)*\\s*\\(.*|[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\\.|->|::)[A-Za-z_$][A-Za-z0-9_$]*)+|(?:this|self)\\b.*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern BAREWORD = Pattern.compile("[a-z][a-z0-9]*");
    /** A segment of a member path: an identifier word, not a random string. */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z_$][a-z0-9_$]*(?:[A-Z][a-z0-9_$]*){0,4}");
    private static final Pattern ALTERNATING = Pattern.compile("(?i)(?:[a-z][0-9]){3,}[a-z]?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final List<String> DUMMY_MARKERS = List.of("a1b2c3", "abc123", "123abc", "qwerty", "asdf", "0123456789");

    /** printf, Python, .NET and slf4j format specifiers: the literal is a format, not a value. */
    private static final Pattern FORMAT = Pattern.compile(".*(?:%[-+0 #]?[0-9]*[sdvxqf]|\\{[0-9]?\\}).*");
    /**
     * A here-document opener ({@code <<EOT}, {@code <<-EOF}, {@code <<~SQL}, {@code <<'END'}) in HCL,
     * shells, Ruby and PHP: the value follows on the next lines, and the text rules judge it there.
     */
    private static final Pattern HEREDOC = Pattern.compile("<<[-~]?(?:\"[A-Za-z_][A-Za-z0-9_]*\"|'[A-Za-z_][A-Za-z0-9_]*'|[A-Za-z_][A-Za-z0-9_]*)");
    /** Another option where a value would be ({@code --format=lines}, {@code -DNO_ICONV}): the flag took none. */
    private static final Pattern OPTION = Pattern.compile("--[A-Za-z][A-Za-z0-9-]*(?:=.*)?|-[A-Za-z][A-Z0-9_]{2,}(?:=.*)?");
    /**
     * One word-like segment: lower, UPPER, Capitalised, camelCase or PascalCase letters, each hump
     * with at most two digits after it ({@code p4}, {@code MD5}, {@code ExitCode}).
     */
    private static final Pattern WORD_SEGMENT = Pattern.compile(
            "\\p{Ll}+[0-9]{0,2}(?:\\p{Lu}\\p{Ll}+[0-9]{0,2})*|\\p{Lu}+[0-9]{0,2}|\\p{Lu}\\p{Ll}+[0-9]{0,2}(?:\\p{Lu}\\p{Ll}+[0-9]{0,2})*");
    /** An assignment of identifier words ({@code protocol=http}, {@code section.sub=section.val1}): a setting, not a value. */
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,40}=[^=].*");
    /** Regex syntax: a pattern, not a secret. */
    private static final Pattern REGEX = Pattern.compile(".*(?:\\(\\?|\\\\[sdwbSDWB]|\\[[A-Za-z0-9]-|\\{[0-9]+,[0-9]*\\}).*");
    /** Identifier characters only: a value made of these that names a credential is a name. */
    private static final Pattern IDENTIFIER_CHARS = Pattern.compile("[A-Za-z0-9_./:|\\[\\]-]+");
    private static final java.util.Set<String> CREDENTIAL_WORDS = java.util.Set.of("password", "passwd", "secret",
            "secrets", "token", "tokens", "key", "keys", "credential", "credentials", "apikey", "auth", "pwd");

    private ValueShape() {
    }

    /**
     * Judges {@code value} bound to a credential name.
     *
     * @param ambiguous the name is a bare {@code key}, {@code auth}, {@code pass}... (needs a random value)
     * @param quoted    the value was a quoted literal
     * @param code      the line is code (the value is followed by {@code ;}, {@code )} or {@code ,}): an unquoted
     *                  identifier there is a variable, not a literal
     * @return null when the value is not reported
     */
    public static Verdict judge(String value, boolean ambiguous, boolean quoted, boolean code) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            // quoted twice ('"$(NAME_SQ)"' in a Makefile): the inner literal is the value
            value = value.substring(1, value.length() - 1);
            quoted = true;
        }
        int n = value.length();
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            return null;
        }
        if (FORMAT.matcher(value).matches() || REGEX.matcher(value).matches() || HEREDOC.matcher(value).matches()
                || OPTION.matcher(value).matches()) {
            return null;
        }
        if (!quoted && (value.indexOf('[') >= 0 || value.indexOf('(') >= 0 || memberPath(value))) {
            return null;
        }
        if (!quoted && code && IDENTIFIER.matcher(value).matches()) {
            // a variable where a literal would be quoted; a bare lower-case word may still be one (PHP, Perl)
            return ambiguous || !BAREWORD.matcher(value).matches() ? null : new Verdict(Confidence.LOW, false);
        }
        // a1b2c3... is a stated placeholder to the regex rules; here it is dummy-looking (reported low)
        boolean counting = value.toLowerCase(Locale.ROOT).contains("a1b2c3");
        if (!counting && Placeholders.isPlaceholder(value)) {
            return null;
        }
        if (dummy(value)) {
            return ambiguous ? null : new Verdict(Confidence.LOW, true);
        }
        if (Placeholders.isCredentialName(value)
                || WeakValues.isNotSecret(value, List.of()) || value.startsWith("/") && value.indexOf(' ') < 0
                || NUMBER.matcher(value).matches() && n < 4) {
            return null;
        }
        if (Placeholders.isStandIn(value)) {
            return ambiguous ? null : new Verdict(Confidence.LOW, true);
        }
        double h = Entropy.of(value);
        int classes = classes(value);
        boolean wordLike = WeakValues.isWeak(value) || WORD_WITH_DIGITS.matcher(value).matches() || namesCredential(value)
                || wordy(value) || ASSIGNMENT.matcher(value).matches() && wordy(value.substring(0, value.indexOf('=')));
        boolean random = !wordLike && (n >= 8 && h >= 2.5 && classes >= 2 || n >= 16 && h >= 3.0);
        if (!random) {
            return ambiguous ? null : new Verdict(Confidence.LOW, false);
        }
        if (!ambiguous && n >= 20 && classes >= 3 && h >= 4.0) {
            return new Verdict(Confidence.HIGH, false);
        }
        return new Verdict(Confidence.MEDIUM, false);
    }

    /** A call or a member path of identifier words ({@code config.db.password}, {@code getToken()}). */
    static boolean memberPath(String value) {
        if (!CALL_OR_PATH.matcher(value).matches()) {
            return false;
        }
        if (value.indexOf('(') >= 0 || value.startsWith("this") || value.startsWith("self")) {
            return true;
        }
        for (String seg : value.split("\\.|->|::")) {
            if (seg.length() > 32 || !PATH_SEGMENT.matcher(seg).matches()) {
                return false; // a random segment: a token with dots (tk.eyJ..., a JWT), not a path
            }
        }
        return true;
    }

    /**
     * Made of words, as labels, identifiers and field names are ({@code Signed-off-by:},
     * {@code sequencerInUse}, {@code p4ExitCode}, {@code CRAM-MD5}): every segment between separators
     * is a word, an UPPER word or camelCase humps of letters with at most two digits after each, at
     * most one hump is a single letter, the humps average three letters or more, those of three or more
     * have a vowel and three letters in ten are vowels. A generated value mixes case and digits inside its humps, and fails.
     */
    static boolean wordy(String value) {
        String v = value;
        while (!v.isEmpty() && (v.endsWith(":") || v.endsWith(",") || v.endsWith(";"))) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 32) {
            return false;
        }
        for (String segment : v.split("[-_.: ]+")) {
            if (!segment.isEmpty() && !WORD_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        List<String> parts = CredentialNames.words(v);
        if (parts.isEmpty()) {
            return false;
        }
        int singles = 0;
        int letters = 0;
        int vowels = 0;
        for (String p : parts) {
            int n = 0;
            while (n < p.length() && Character.isLetter(p.charAt(n))) {
                n++;
            }
            letters += n;
            String word = p.substring(0, n);
            vowels += vowels(word);
            if (n == 1 && ++singles > 1 || n >= 3 && vowels(word) == 0) {
                return false;
            }
        }
        // words average three letters and a third of them are vowels; random letters have a fifth
        return letters >= parts.size() * 3 && vowels * 10 >= letters * 3;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int vowels(String letters) {
        int n = 0;
        for (int i = 0; i < letters.length(); i++) {
            if ("aeiouyäöüéèàıíóú".indexOf(Character.toLowerCase(letters.charAt(i))) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** A value of identifier characters whose words include a credential word: a key or field name. */
    static boolean namesCredential(String value) {
        if (!IDENTIFIER_CHARS.matcher(value).matches()) {
            return false;
        }
        boolean named = false;
        int singles = 0;
        for (String w : CredentialNames.words(value)) {
            if (w.length() == 1 && !Character.isDigit(w.charAt(0)) && ++singles > 1) {
                return false; // several one-letter humps: random case, not words
            }
            named |= CREDENTIAL_WORDS.contains(w);
        }
        return named;
    }

    /** Dummy-looking: a counting run of six or more, alternating letter-digit pairs, a keyboard walk. */
    static boolean dummy(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String m : DUMMY_MARKERS) {
            if (lower.contains(m)) {
                return true;
            }
        }
        StringBuilder digits = new StringBuilder();
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        // digits that count up through the value (Q2w3E4r5T6y7), letters of a keyboard walk (QwErTy)
        if (digits.length() >= 6 && countsUp(digits) || letters.indexOf("qwerty") >= 0 || letters.indexOf("asdfgh") >= 0) {
            return true;
        }
        int[] run = Placeholders.longestRun(lower);
        return run[1] - run[0] >= 6 && (run[1] - run[0]) * 2 >= value.length() || ALTERNATING.matcher(value).matches()
                && countingPairs(lower);
    }

    private static boolean countsUp(CharSequence digits) {
        for (int i = 1; i < digits.length(); i++) {
            int d = digits.charAt(i) - digits.charAt(i - 1);
            if (d != 1 && d != -9) {
                return false;
            }
        }
        return true;
    }

    private static boolean countingPairs(String s) {
        // a1b2c3: letters and digits both count up
        for (int i = 2; i < s.length(); i++) {
            if (s.charAt(i) - s.charAt(i - 2) != 1) {
                return false;
            }
        }
        return true;
    }

    static int classes(String v) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
