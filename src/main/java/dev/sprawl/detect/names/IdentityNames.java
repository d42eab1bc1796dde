package dev.sprawl.detect.names;

import dev.sprawl.detect.Match;
import dev.sprawl.detect.Placeholders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Identity binding by name: the values bound to identity names ({@code username}, {@code User Id},
 * {@code aws_access_key_id}, {@code client_id}, {@code tenant}, {@code host}, {@code Data Source})
 * in a range of a blob — the record around a secret. The names are data
 * ({@code rules/data/credential-names.txt}, {@code identity.*}); the syntaxes are the generic
 * detector's ({@link Binding}).
 */
public final class IdentityNames {

    /** Longest identity value kept. */
    static final int MAX_VALUE = 256;

    private IdentityNames() {
    }

    /** Identities bound by name in {@code [from, to)}, except values inside {@code [skipFrom, skipTo)}. */
    public static List<Match.IdentitySpan> find(byte[] d, int len, int from, int to, int skipFrom, int skipTo) {
        CredentialNames names = CredentialNames.builtIn();
        List<Match.IdentitySpan> out = new ArrayList<>();
        for (int p = from; p < to; p++) {
            if (!Binding.isNameByte(d[p]) || p > 0 && Binding.isNameByte(d[p - 1]) || d[p] == '.') {
                continue;
            }
            int q = p;
            while (q < len && q - p <= CredentialNames.MAX_NAME && Binding.isNameByte(d[q])) {
                q++;
            }
            if (q - p > CredentialNames.MAX_NAME || !Binding.hasLetter(d, p, q)) {
                continue;
            }
            String name = new String(d, p, q - p, StandardCharsets.ISO_8859_1);
            int start = p;
            // two-word names of connection strings: "User Id", "Data Source"
            if (p >= 2 && d[p - 1] == ' ' && Binding.isNameByte(d[p - 2])) {
                int w = p - 1;
                while (w > 0 && Binding.isNameByte(d[w - 1])) {
                    w--;
                }
                String two = new String(d, w, p - 1 - w, StandardCharsets.ISO_8859_1) + "_" + name;
                if (names.identityKind(two) != null && names.judge(two) == null) {
                    name = two;
                }
            }
            String kind = names.identityKind(name);
            if (kind == null || names.judge(name) != null) {
                continue;
            }
            Binding b = Binding.parse(d, len, start, q);
            if (b == null || b.valueStart() < skipTo && b.valueEnd() > skipFrom) {
                continue;
            }
            String value = b.value();
            int vs = b.valueStart();
            int ve = b.valueEnd();
            if (kind.equals("host")) {
                int scheme = value.indexOf("://");
                if (scheme >= 0) {
                    String rest = value.substring(scheme + 3);
                    int at = rest.lastIndexOf('@');
                    rest = at >= 0 ? rest.substring(at + 1) : rest;
                    int end = 0;
                    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '.'
                            || rest.charAt(end) == '-' || rest.charAt(end) == ':' || rest.charAt(end) == '_')) {
                        end++;
                    }
                    value = rest.substring(0, end);
                }
            }
            if (value.isEmpty() || value.length() > MAX_VALUE || Placeholders.isPlaceholder(value)
                    || value.contains("$")) {
                continue;
            }
            out.add(new Match.IdentitySpan(kind, vs, ve, value));
            p = Math.max(p, b.end() - 1);
        }
        return out;
    }
}
