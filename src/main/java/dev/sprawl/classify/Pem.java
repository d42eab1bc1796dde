package dev.sprawl.classify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes one PEM-style block as a rule matched it: plain (RFC 7468), with escaped newlines
 * ({@code \n} inside a JSON or code string), split over quoted string literals, or the whole block
 * base64-encoded once more (Kubernetes secrets, kubeconfig {@code *-data} fields).
 *
 * @param label   the text between {@code BEGIN} and the dashes, e.g. {@code RSA PRIVATE KEY}
 * @param headers RFC 1421 headers such as {@code Proc-Type} and {@code DEK-Info} (keys in lower case)
 * @param body    the decoded base64 body
 */
record Pem(String label, Map<String, String> headers, byte[] body) {

    private static final Pattern BEGIN = Pattern.compile("-{4,5} ?BEGIN ([A-Z0-9 .]{1,60}?) ?-{4,5}");
    private static final Pattern END = Pattern.compile("-{4,5} ?END [A-Z0-9 .]{1,60}? ?-{4,5}");
    private static final Pattern ESCAPES = Pattern.compile("\\\\{1,3}[rn]");
    private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z0-9-]{0,40}): ?(.{0,200})");
    /** An OpenPGP armor checksum line: '=' and four base64 characters. */
    private static final Pattern ARMOR_CRC = Pattern.compile("=[A-Za-z0-9+/]{4}");
    private static final String BASE64_PEM_PREFIX = "LS0tLS1CRUdJTi";

    /** Parses {@code text}; returns null when it holds no decodable block. */
    static Pem parse(String text) {
        String t = text.strip();
        if (t.startsWith(BASE64_PEM_PREFIX)) {
            try {
                t = new String(Base64.getMimeDecoder().decode(t), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        t = ESCAPES.matcher(t).replaceAll("\n");
        Matcher begin = BEGIN.matcher(t);
        if (!begin.find()) {
            return null;
        }
        Matcher end = END.matcher(t);
        int stop = end.find(begin.end()) ? end.start() : t.length();
        Map<String, String> headers = new TreeMap<>();
        StringBuilder b64 = new StringBuilder();
        boolean inHeaders = true;
        boolean started = false;
        for (String raw : t.substring(begin.end(), stop).split("\n")) {
            String line = unquote(raw);
            if (line.isEmpty()) {
                inHeaders = !started; // the blank line after the headers ends them
                continue;
            }
            started = true;
            Matcher h = HEADER.matcher(line);
            if (inHeaders && h.matches()) {
                headers.put(h.group(1).toLowerCase(Locale.ROOT), h.group(2).strip());
                continue;
            }
            inHeaders = false;
            if (ARMOR_CRC.matcher(line).matches()) {
                continue;
            }
            b64.append(line);
        }
        byte[] body = decodeBase64(b64);
        if (body == null) {
            return null;
        }
        return new Pem(begin.group(1).strip(), headers, body);
    }

    /** Strips code-string decoration from a line: quotes, concatenation, trailing commas, spaces. */
    private static String unquote(String raw) {
        String s = raw.strip();
        boolean changed = true;
        while (changed && !s.isEmpty()) {
            changed = false;
            char first = s.charAt(0);
            if (first == '"' || first == '\'' || first == '`') {
                s = s.substring(1).strip();
                changed = true;
            }
            if (s.isEmpty() || s.equals("+")) {
                return "";
            }
            char last = s.charAt(s.length() - 1);
            if (last == '"' || last == '\'' || last == '`' || last == ',' || last == '\\' || last == ';'
                    || (last == '+' && s.length() > 1 && Character.isWhitespace(s.charAt(s.length() - 2)))) {
                s = s.substring(0, s.length() - 1).strip();
                changed = true;
            }
        }
        return s;
    }

    /** Decodes base64, ignoring whitespace; null when the text is not base64. */
    private static byte[] decodeBase64(CharSequence text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                return null;
            }
            clean.append(c);
        }
        int pad = clean.indexOf("=");
        String s = pad < 0 ? clean.toString() : clean.substring(0, pad);
        if (s.isEmpty() || s.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
