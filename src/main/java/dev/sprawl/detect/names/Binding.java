package dev.sprawl.detect.names;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * How a name is bound to a value, read from the bytes after the name (docs/detection.md
 * "Syntaxes"): {@code name = value}, {@code name: value}, {@code :=}, {@code =>}, {@code ?=};
 * whitespace in config-style lines and after CLI flags ({@code TRACKR_KEY 9fk2}, {@code --password x});
 * quoted names of JSON, dictionaries and pairs ({@code "password": "x"}, {@code ENV["TOKEN"] = "x"},
 * {@code define('DB_PASSWORD', 'x')}); XML elements and attributes ({@code <Pass>x</Pass>},
 * {@code password="x"}, {@code <add key="SmtpPassword" value="x"/>}, Hadoop's
 * {@code <name>…</name><value>x</value>}); setters and named arguments ({@code setPassword("x")});
 * HTTP authorization schemes ({@code Authorization: Bearer x}, {@code Basic} decoded for its user).
 *
 * @param valueStart where the value's bytes start
 * @param valueEnd   where they end
 * @param end        the end of the whole binding (past a closing quote or tag)
 * @param value      the value as judged ({@link ValueShape})
 * @param secret     the secret as fingerprinted (decoded where the syntax encodes it)
 * @param quoted     the value was delimited (quotes, a tag)
 * @param code       an unquoted value followed by {@code ;}, {@code ,} or {@code )}: a code expression
 * @param scheme     the HTTP authorization scheme before the value, or null
 * @param encoding   how the syntax encoded the value ({@code base64}), or null
 * @param basicUser  the user of a decoded {@code Basic} credential, or null
 */
record Binding(int valueStart, int valueEnd, int end, String value, String secret, boolean quoted, boolean code,
               String scheme, String encoding, String basicUser) {

    /** Farthest a value is read, in bytes. */
    static final int MAX_VALUE = ValueShape.MAX_LENGTH;
    /** Most blanks between a name, its operator and its value. */
    static final int MAX_GAP = 16;
    private static final Set<String> LINE_PREFIXES = Set.of("export", "set", "setenv", "env", "arg", "declare",
            "readonly", "local", "setx");
    private static final Set<String> SCHEMES = Set.of("bearer", "basic", "token", "bot", "digest", "apikey",
            "api-key", "sso-key", "ssws", "key", "negotiate", "splunk", "geniekey");

    static boolean isNameByte(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.';
    }

    static boolean hasLetter(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] >= 'a' && d[i] <= 'z' || d[i] >= 'A' && d[i] <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /** The binding of the name {@code d[p, q)}, or null when no literal value is bound to it. */
    static Binding parse(byte[] d, int len, int p, int q) {
        if (p > 0 && d[p - 1] == '<') {
            return element(d, len, q);
        }
        if (endsWith(d, p, "<name>") || endsWith(d, p, "<key>")) {
            return hadoop(d, len, q);
        }
        byte nameQuote = p > 0 && (d[p - 1] == '"' || d[p - 1] == '\'') ? d[p - 1] : 0;
        boolean escapedQuote = nameQuote != 0 && p > 1 && d[p - 2] == '\\';
        int i = q;
        boolean quotedName = false;
        if (nameQuote != 0) {
            if (escapedQuote && at(d, len, i, '\\') && at(d, len, i + 1, nameQuote)) {
                i += 2;
                quotedName = true;
            } else if (!escapedQuote && at(d, len, i, nameQuote)) {
                i++;
                quotedName = true;
            }
            if (quotedName && at(d, len, i, ']')) {
                i++;
            }
        }
        boolean lineStart = lineStart(d, quotedName ? p - (escapedQuote ? 2 : 1) : p);
        boolean flag = d[p] == '-';
        if (quotedName) {
            Binding b = afterQuotedName(d, len, i, p - (escapedQuote ? 2 : 1));
            if (b != null) {
                return b;
            }
        }
        if (at(d, len, i, '(') && d[p] >= 'a' && d[p] <= 'z') {
            // a setter or builder call, setPassword("x"), .token("x"); UPPER_CASE( is a constant's constructor
            int j = skipBlanks(d, len, i + 1);
            return isQuote(d, len, j) ? quoted(d, len, j, true) : null;
        }
        int j = skipBlanks(d, len, i);
        int gap = j - i;
        int op = operator(d, len, j);
        boolean inString = p > 0 && (d[p - 1] == '"' || d[p - 1] == '\'');
        if (op == 1 && d[j] == ':' && !quotedName && !lineStart && !inString && !afterOpener(d, p)) {
            return null; // a ternary, a label or a type annotation, not a binding
        }
        boolean equals = op == 1 && d[j] == '=';
        if (op > 0) {
            j = skipBlanks(d, len, j + op);
        } else if (gap == 0 || !(lineStart || flag) || j >= len || d[j] == '\n' || d[j] == '\r') {
            return null;
        }
        if (j >= len || d[j] == '\n' || d[j] == '\r' || inString && !quotedName && d[j] == d[p - 1]) {
            return null; // "password: " + x: the string that holds the name ends where a value would start
        }
        return value(d, len, j, lineStart && !flag, equals);
    }

    /** After a quoted name: an attribute name's value attribute or content, a JSON name/value object, a pair. */
    private static Binding afterQuotedName(byte[] d, int len, int i, int quoteAt) {
        int j = skipBlanks(d, len, i);
        if (endsWith(d, quoteAt, "key=") || endsWith(d, quoteAt, "name=") || endsWith(d, quoteAt, "Key=")
                || endsWith(d, quoteAt, "Name=")) {
            if (startsWithIgnoreCase(d, len, j, "value=")) {
                int k = j + 6;
                return isQuote(d, len, k) ? quoted(d, len, k, false) : null;
            }
            if (at(d, len, j, '>')) {
                return content(d, len, j + 1, null);
            }
            return null;
        }
        if (at(d, len, j, ',')) {
            int k = skipBlanks(d, len, j + 1);
            if (startsWithIgnoreCase(d, len, k, "\"value\"")) {
                k = skipBlanks(d, len, k + 7);
                if (!at(d, len, k, ':')) {
                    return null;
                }
                k = skipBlanks(d, len, k + 1);
                return isQuote(d, len, k) ? quoted(d, len, k, false) : null;
            }
            Binding pair = isQuote(d, len, k) ? quoted(d, len, k, false) : null;
            // a pair's second item is a value, not the next JSON key
            return pair == null || at(d, len, skipBlanks(d, len, pair.end()), ':') ? null : pair;
        }
        return null;
    }

    /** {@code <Name attr="...">value</Name>}. */
    private static Binding element(byte[] d, int len, int q) {
        int j = q;
        while (j < len && d[j] != '>' && d[j] != '<' && d[j] != '\n' && j - q < 200) {
            j++;
        }
        if (!at(d, len, j, '>') || d[j - 1] == '/') {
            return null;
        }
        String attrs = new String(d, q, j - q, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        String encoding = attrs.contains("encoding=\"base64\"") ? "base64" : null;
        return content(d, len, j + 1, encoding);
    }

    /** Element content up to {@code </}, on one line. */
    private static Binding content(byte[] d, int len, int from, String encoding) {
        int k = from;
        while (k < len && d[k] != '<' && d[k] != '\n' && k - from <= MAX_VALUE) {
            k++;
        }
        if (!at(d, len, k, '<') || !at(d, len, k + 1, '/')) {
            return null;
        }
        int s = from;
        int e = k;
        while (s < e && (d[s] == ' ' || d[s] == '\t')) {
            s++;
        }
        while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t')) {
            e--;
        }
        if (s == e) {
            return null;
        }
        String raw = new String(d, s, e - s, StandardCharsets.UTF_8);
        String secret = raw;
        if ("base64".equals(encoding)) {
            String decoded = decodeBase64(raw);
            if (decoded == null) {
                encoding = null;
            } else {
                secret = decoded;
            }
        }
        return new Binding(s, e, k + 2, secret, secret, true, false, null, encoding, null);
    }

    /** Hadoop-style {@code <name>…</name> <value>x</value>} (the value may be on the next line). */
    private static Binding hadoop(byte[] d, int len, int q) {
        int j = q;
        if (!startsWithIgnoreCase(d, len, j, "</name>") && !startsWithIgnoreCase(d, len, j, "</key>")) {
            return null;
        }
        j += d[j + 2] == 'n' || d[j + 2] == 'N' ? 7 : 6;
        int limit = Math.min(len, j + 120);
        while (j < limit && (d[j] == ' ' || d[j] == '\t' || d[j] == '\n' || d[j] == '\r')) {
            j++;
        }
        if (!startsWithIgnoreCase(d, len, j, "<value>")) {
            return null;
        }
        return content(d, len, j + 7, null);
    }

    /** A literal value at {@code j}: quoted, braced, or unquoted to its end. */
    private static Binding value(byte[] d, int len, int j, boolean configLine, boolean afterEquals) {
        if (j + 1 < len && (d[j] == 'r' || d[j] == 'b' || d[j] == 'u' || d[j] == 'R' || d[j] == 'B')
                && (d[j + 1] == '"' || d[j + 1] == '\'')) {
            j++;
        }
        if (isQuote(d, len, j) || at(d, len, j, '\\') && isQuote(d, len, j + 1)) {
            return quoted(d, len, j, false);
        }
        byte c = d[j];
        if (c == '{' && afterEquals && !at(d, len, j + 1, '{') && !at(d, len, j + 1, '"')) {
            int k = j + 1;
            while (k < len && d[k] != '}' && d[k] != '\n' && k - j <= MAX_VALUE) {
                k++;
            }
            return at(d, len, k, '}') && k > j + 1 ? make(d, j + 1, k, k + 1, true, false) : null;
        }
        if (c == '[' || c == '{' || c == '(' || c == '|' || c == '>' || c == '&' || c == '*' || c == '<' && !configLine
                || c == '#' || c == ';' || c == ',' || c == ')') {
            return null;
        }
        if (c == '!' && j + 1 < len && Character.isLetter(d[j + 1])) {
            return null; // a YAML tag: !vault, !Ref
        }
        String scheme = scheme(d, len, j);
        if (scheme != null) {
            j = skipBlanks(d, len, j + scheme.length());
        }
        int k = j;
        if (configLine) {
            while (k < len && d[k] != '\n' && d[k] != '\r' && k - j <= MAX_VALUE) {
                if ((d[k] == '#' || d[k] == ';') && k > j && (d[k - 1] == ' ' || d[k - 1] == '\t')) {
                    break; // a trailing comment
                }
                k++;
            }
            int e = k;
            while (e > j && (d[e - 1] == ' ' || d[e - 1] == '\t')) {
                e--;
            }
            if (labelled(d, j, k)) {
                return null; // a label of its own inside the value: a log or prose line (PASS: x.exp: runs)
            }
            boolean code = e > j && (d[e - 1] == ';' || d[e - 1] == ',');
            if (code) {
                e--;
            }
            e = secondBinding(d, j, e);
            int semi = indexOf(d, j, e, (byte) ';');
            if (semi > j) {
                e = semi; // key=value;key=value (a connection string)
                code = false;
            }
            // a config line's value runs to the line's end and may hold spaces
            return e > j ? withScheme(make(d, j, e, e, false, code), scheme) : null;
        }
        while (k < len && k - j <= MAX_VALUE && !endsUnquoted(d[k]) && !escapedBreak(d, len, k)) {
            k++;
        }
        if (k == j || labelled(d, k - 1, Math.min(len, k + 1))) {
            return null; // nothing, or a label (x.exp: runs)
        }
        boolean code = k < len && (d[k] == ';' || d[k] == ')' || d[k] == ',');
        return withScheme(make(d, j, k, k, false, code), scheme);
    }

    /** A colon followed by a blank within {@code d[from, to)}: the line is labelled again, as logs and prose are. */
    private static boolean labelled(byte[] d, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (d[i] == ':' && (d[i + 1] == ' ' || d[i + 1] == '\t')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The end of a config line's value that another binding or a line continuation follows
     * ({@code NPM_TOKEN=x SAFE=1}, {@code ENV A=x \}): the first blank before it.
     */
    private static int secondBinding(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] != ' ' && d[i] != '\t') {
                continue;
            }
            int k = i;
            while (k < to && (d[k] == ' ' || d[k] == '\t')) {
                k++;
            }
            if (k == to - 1 && (d[k] == '\\' || d[k] == '`')) {
                return i;
            }
            int n = k;
            while (n < to && (Character.isLetterOrDigit(d[n]) || d[n] == '_' || d[n] == '.' || d[n] == '-')) {
                n++;
            }
            if (n > k && n < to && d[n] == '=' && Character.isLetter(d[k])) {
                return i;
            }
        }
        return to;
    }

    /**
     * An escaped line break or tab ({@code \n}, {@code \r}, {@code \t}) at {@code k}: inside a string
     * literal (a JSON snapshot of an env file, {@code "KEY: x\nNEXT: y"}) it ends an unquoted value.
     */
    private static boolean escapedBreak(byte[] d, int len, int k) {
        return d[k] == '\\' && k + 1 < len && (d[k + 1] == 'n' || d[k + 1] == 'r' || d[k + 1] == 't');
    }

    private static boolean endsUnquoted(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '"' || b == '\'' || b == '`' || b == ';'
                || b == ',' || b == '&' || b == ')' || b == ']' || b == '}' || b == '<' || b == '>';
    }

    /** A quoted value starting with its quote at {@code j} (possibly escaped: {@code \"}). */
    private static Binding quoted(byte[] d, int len, int j, boolean code) {
        boolean escaped = d[j] == '\\';
        if (escaped) {
            j++;
        }
        byte quote = d[j];
        int s = j + 1;
        String scheme = scheme(d, len, s);
        if (scheme != null) {
            s = skipBlanks(d, len, s + scheme.length());
        }
        int k = s;
        while (k < len && d[k] != '\n' && d[k] != '\r' && k - s <= MAX_VALUE) {
            if (d[k] == '\\' && k + 1 < len) {
                if (escaped && d[k + 1] == quote) {
                    break;
                }
                k += 2;
                continue;
            }
            if (d[k] == quote) {
                break;
            }
            k++;
        }
        if (k >= len || d[k] != (escaped ? '\\' : quote) || k == s) {
            return null;
        }
        int e = k;
        while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t')) {
            e--;
        }
        return e > s ? withScheme(make(d, s, e, k + (escaped ? 2 : 1), true, code), scheme) : null;
    }

    private static Binding make(byte[] d, int s, int e, int end, boolean quoted, boolean code) {
        String v = new String(d, s, e - s, StandardCharsets.UTF_8);
        return new Binding(s, e, end, v, v, quoted, code, null, null, null);
    }

    private static Binding withScheme(Binding b, String scheme) {
        if (b == null || scheme == null) {
            return b;
        }
        String user = null;
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals("basic")) {
            String decoded = decodeBase64(b.value());
            int colon = decoded == null ? -1 : decoded.indexOf(':');
            if (colon > 0) {
                user = decoded.substring(0, colon);
            }
        }
        return new Binding(b.valueStart(), b.valueEnd(), b.end(), b.value(), b.secret(), true, false, lower, null, user);
    }

    /** An HTTP authorization scheme and one space at {@code j} ({@code Bearer }, {@code Basic }), or null. */
    private static String scheme(byte[] d, int len, int j) {
        int k = j;
        while (k < len && k - j < 12 && (Character.isLetter(d[k]) || d[k] == '-')) {
            k++;
        }
        if (k == j || k >= len || d[k] != ' ' || k + 1 >= len || d[k + 1] == ' ' || d[k + 1] == '\n') {
            return null;
        }
        String word = new String(d, j, k - j, StandardCharsets.ISO_8859_1);
        return SCHEMES.contains(word.toLowerCase(Locale.ROOT)) ? word : null;
    }

    /** Printable UTF-8 of a base64 text, or null. */
    static String decodeBase64(String text) {
        try {
            byte[] raw = Base64.getDecoder().decode(text.trim());
            String s = new String(raw, StandardCharsets.UTF_8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0xFFFD) {
                    return null;
                }
            }
            return s.isEmpty() ? null : s;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The length of the operator at {@code j} ({@code =}, {@code :}, {@code :=}, {@code =>}, {@code ?=}), or 0.
     * Comparisons ({@code ==}, {@code =~}, {@code !=}, {@code <=}) and scopes ({@code ::}) are not bindings.
     */
    private static int operator(byte[] d, int len, int j) {
        if (j >= len) {
            return 0;
        }
        byte c = d[j];
        byte next = j + 1 < len ? d[j + 1] : 0;
        if (c == ':' && next == '=' || c == '=' && next == '>' || c == '?' && next == '=') {
            return 2;
        }
        if (c == '=' && next != '=' && next != '~') {
            return 1;
        }
        if (c == ':' && next != ':' && !(next == '/' && j + 2 < len && d[j + 2] == '/')) {
            return 1;
        }
        return 0;
    }

    /** True when the name at {@code p} follows {@code {}, {@code (} or {@code ,} (an object literal or arguments). */
    private static boolean afterOpener(byte[] d, int p) {
        int i = p - 1;
        while (i >= 0 && (d[i] == ' ' || d[i] == '\t')) {
            i--;
        }
        return i >= 0 && (d[i] == '{' || d[i] == ',' || d[i] == '(');
    }

    /**
     * True when only blanks, a shell or Dockerfile word ({@code export}, {@code set}, {@code ENV}) or
     * a YAML list dash stand between the line's start and {@code p}.
     */
    static boolean lineStart(byte[] d, int p) {
        int limit = Math.max(0, p - 64);
        int i = p - 1;
        while (i >= limit && (d[i] == ' ' || d[i] == '\t')) {
            i--;
        }
        if (i >= limit && Character.isLetter(d[i])) {
            int e = i + 1;
            while (i >= limit && Character.isLetter(d[i])) {
                i--;
            }
            String word = new String(d, i + 1, e - i - 1, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (!LINE_PREFIXES.contains(word)) {
                return false;
            }
            while (i >= limit && (d[i] == ' ' || d[i] == '\t')) {
                i--;
            }
        }
        if (i >= limit && d[i] == '-' && (i == 0 || d[i - 1] == ' ' || d[i - 1] == '\n' || d[i - 1] == '\t')) {
            i--;
            while (i >= limit && (d[i] == ' ' || d[i] == '\t')) {
                i--;
            }
        }
        return i < 0 || i >= limit - 1 && i >= 0 && (d[i] == '\n' || d[i] == '\r');
    }

    private static int skipBlanks(byte[] d, int len, int i) {
        int limit = Math.min(len, i + MAX_GAP);
        while (i < limit && (d[i] == ' ' || d[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean at(byte[] d, int len, int i, int c) {
        return i >= 0 && i < len && d[i] == c;
    }

    private static boolean isQuote(byte[] d, int len, int i) {
        return i < len && (d[i] == '"' || d[i] == '\'' || d[i] == '`');
    }

    private static boolean endsWith(byte[] d, int end, String s) {
        int n = s.length();
        if (end < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (d[end - n + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] d, int len, int i, String s) {
        if (i + s.length() > len) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (Character.toLowerCase((char) d[i + k]) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] d, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
