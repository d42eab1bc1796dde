package dev.sprawl.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values that sit in a secret's slot. Two kinds:
 * <ul>
 *   <li>{@linkplain #isPlaceholder placeholders} are not secrets at all and are not reported: variable
 *       references and templates, documentation stand-ins ({@code <token>}, {@code your_key_here},
 *       {@code EXAMPLE}, {@code xxxx}), masked values ({@code ****}), literals such as {@code null};</li>
 *   <li>{@linkplain #isStandIn stand-ins} are values people really deploy although they look like
 *       samples: default words ({@code password}, {@code secret}, {@code admin}, also written with
 *       digits for letters: {@code p4ssw0rd}), values with a
 *       counting or repeating run ({@code 1234567}, {@code 0000000}) and values made mostly of one
 *       character ({@code aaaaaaaa}). They are reported, with low confidence.</li>
 * </ul>
 */
public final class Placeholders {

    /** Case-insensitive fragments whose presence marks a documentation stand-in value. */
    static final List<String> MARKERS = List.of(
            "example", "xxxx", "changeme", "change_me", "change-me", "placeholder", "dummy", "sample",
            "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "insert", "replace_me",
            "replaceme", "redacted", "****", "....", "fake", "todo", "notreal", "not_real", "not-real",
            "secretkey_here", "_here", "-here", "not-set", "not_set", "notset", "a1b2c3d4");

    /** Counting or repeating runs of this many characters ({@code 1234567}, {@code abcdefg}, {@code 0000000}). */
    static final int MIN_RUN = 7;
    /** Share of one character from which a value is filler. */
    static final int DOMINANT_PERCENT = 80;

    /** Whole values that are literals or type names, not credentials (case-insensitive). */
    private static final Pattern LITERAL = Pattern.compile(
            "(?i)(?:none|null|nil|undefined|true|false|string|str|value|empty|hidden|masked|required|optional"
                    + "|\\*+|x+|\\.+|-+|_+|#+)");

    /** Whole values that are default words: deployed often enough to report, weak enough to be low. */
    private static final Pattern DEFAULT_WORD = Pattern.compile(
            "(?i)(?:password|passwd|pass|secret|token|apikey|api_key|key|test|testing|admin|administrator|root"
                    + "|default|guest|user|username|letmein|welcome|qwerty)");

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|credentials?)");

    /**
     * References and templates: ${X}, $X (and anything after it, but not a hash in modular crypt
     * format, which has three or more: $apr1$salt$hash, $2b$10$hash, $krb5tgs$...), ${{ x }}, {{ x }}, <x>, %(x)s, %X%, #{x}, @x@,
     * &lt;x&gt;, [x].
     */
    private static final Pattern TEMPLATE = Pattern.compile(
            "\\$\\{.*|\\$\\(.*|.*\\{\\{.*|<[^<>]{1,64}>|%\\(?[A-Za-z_][A-Za-z0-9_]{0,63}\\)?[sd%]?|#\\{.*\\}.*"
                    + "|@[A-Za-z_][A-Za-z0-9_]{0,63}@|\\$(?![A-Za-z0-9_-]{1,32}\\$[^$\\s]*\\$)[A-Za-z_][A-Za-z0-9_]{0,63}.*|%[A-Za-z_][A-Za-z0-9_]{0,63}%"
                    + "|&lt;.*&gt;.*|\\[[A-Za-z][A-Za-z0-9 '._-]{0,64}\\]");

    /**
     * Values that name where a secret comes from rather than being one: environment lookups, ARNs,
     * a label ending in a colon, a CSS selector, a lower-case absolute path of two or more segments.
     */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:process\\.)?env\\.[A-Za-z_].*|(?:os\\.)?environ\\b.*|(?:os\\.)?getenv\\(.*|System\\.getenv\\(.*"
                    + "|ENV\\[.*|arn:aws[a-z-]*:.*|[A-Za-z][A-Za-z ]{0,40}:|#[a-z][a-z0-9_]*-[a-z0-9_-]+"
                    + "|(?:/[a-z0-9_.@:-]{1,64}){2,}/?");

    /**
     * Addresses reserved for documentation (RFC 5737, RFC 3849) right after a credential's
     * {@code @}: {@code user:secret@192.0.2.10}, {@code user:secret@[2001:db8::1]}.
     */
    private static final Pattern DOCUMENTATION_HOST = Pattern.compile(
            "@\\[?(?:192\\.0\\.2\\.|198\\.51\\.100\\.|203\\.0\\.113\\.|2001:db8:)", Pattern.CASE_INSENSITIVE);

    private Placeholders() {
    }

    /** True when {@code value} is a stand-in rather than a secret: not reported. */
    public static boolean isPlaceholder(String value) {
        if (value.isEmpty()) {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String m : MARKERS) {
            if (lower.contains(m)) {
                return true;
            }
        }
        return LITERAL.matcher(value).matches() || TEMPLATE.matcher(value).matches()
                || REFERENCE.matcher(value).matches() || value.contains("${") || value.contains("{{");
    }

    /**
     * True when the credential ending at {@code end} is followed by {@code @} and an address reserved
     * for documentation: the whole URL is an example.
     */
    public static boolean beforeDocumentationHost(byte[] data, int end) {
        if (end >= data.length || data[end] != '@') {
            return false;
        }
        int to = Math.min(data.length, end + 16);
        return DOCUMENTATION_HOST.matcher(new String(data, end, to - end, java.nio.charset.StandardCharsets.ISO_8859_1))
                .lookingAt();
    }

    /**
     * True when {@code value} is the name of a credential field ({@code password}, {@code secret},
     * {@code token}, {@code api_key}...): under a credential's key it repeats the key, it is not a value.
     */
    public static boolean isCredentialName(String value) {
        return CREDENTIAL_NAME.matcher(value).matches();
    }

    /** True when {@code value} is a default word ({@code password}, {@code secret}, {@code admin}). */
    public static boolean isDefaultWord(String value) {
        return DEFAULT_WORD.matcher(value).matches();
    }

    /** True when {@code value} is a default word or a counting sequence: reported with low confidence. */
    public static boolean isStandIn(String value) {
        if (DEFAULT_WORD.matcher(value).matches() || dominated(value) || DEFAULT_WORD.matcher(unleet(value)).matches()) {
            return true;
        }
        int[] run = longestRun(value.toLowerCase(Locale.ROOT));
        return run[1] - run[0] >= MIN_RUN;
    }

    /**
     * {@code value} with the digits and signs people put for letters read back as letters
     * ({@code p4ssw0rd} is password, {@code s3cr3t} secret, {@code @dm1n} admin).
     */
    static String unleet(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return b.toString();
    }

    /**
     * The longest run of characters that count up by one ({@code 12345}, {@code abcde}) or repeat
     * ({@code 00000}), as [start, end).
     */
    public static int[] longestRun(String s) {
        int bestStart = 0;
        int bestEnd = s.isEmpty() ? 0 : 1;
        int start = 0;
        int step = 2; // no step yet
        for (int i = 1; i < s.length(); i++) {
            char prev = s.charAt(i - 1);
            int d = prev == '9' && s.charAt(i) == '0' ? 1 : s.charAt(i) - prev; // 7890 counts up too
            boolean alnum = Character.isLetterOrDigit(s.charAt(i)) && Character.isLetterOrDigit(s.charAt(i - 1));
            if (alnum && (d == 0 || d == 1) && (step == 2 || step == d)) {
                step = d;
            } else if (alnum && (d == 0 || d == 1)) {
                start = i - 1;
                step = d;
            } else {
                start = i;
                step = 2;
            }
            if (i + 1 - start > bestEnd - bestStart) {
                bestStart = start;
                bestEnd = i + 1;
            }
        }
        return new int[] {bestStart, bestEnd};
    }

    /** One character makes up {@value #DOMINANT_PERCENT}% or more of a value of 8+ characters. */
    private static boolean dominated(String v) {
        if (v.length() < 8) {
            return false;
        }
        int[] counts = new int[128];
        int max = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                max = Math.max(max, ++counts[c]);
            }
        }
        return max * 100 >= v.length() * DOMINANT_PERCENT;
    }

}
