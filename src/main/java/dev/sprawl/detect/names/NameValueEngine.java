package dev.sprawl.detect.names;

import dev.sprawl.detect.Engine;
import dev.sprawl.detect.Match;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generic credential detector: a name that means a credential ({@link CredentialNames}) bound to
 * a literal value by any common syntax ({@link Binding}), judged by the value's shape
 * ({@link ValueShape}) and attributed to a provider when the name names one ({@link Providers}).
 * It is tried at every name that starts where the keyword prefilter allows a match to start.
 */
public final class NameValueEngine implements Engine {

    public static final NameValueEngine INSTANCE = new NameValueEngine(CredentialNames.builtIn(), Providers.builtIn());

    private final CredentialNames names;
    private final Providers providers;
    /** Per base rule, category and provider: the rule a match is reported under. */
    private final Map<String, Rule> variants = new ConcurrentHashMap<>();

    NameValueEngine(CredentialNames names, Providers providers) {
        this.names = names;
        this.providers = providers;
    }

    @Override
    public int find(byte[] data, int length, int from, int to, Rule rule, Found out) {
        int last = from;
        int matched = 0;
        int token = -1;
        for (int k = from; k < to && k < length; k++) {
            // the name that holds this keyword occurrence starts at its token's start
            int p = k;
            while (p > 0 && k - p < CredentialNames.MAX_NAME && Binding.isNameByte(data[p - 1])) {
                p--;
            }
            if (p == token || p < matched) {
                continue;
            }
            token = p;
            int end = tryName(data, length, p, rule, out);
            if (end < 0) {
                return -end;
            }
            last = Math.max(last, end);
            matched = Math.max(matched, end);
        }
        return last;
    }

    /** The match of the name starting at {@code p}: its end, 0 when none, minus its end when the limit was reached. */
    private int tryName(byte[] data, int length, int p, Rule rule, Found out) {
        int q = p;
        while (q < length && q - p <= CredentialNames.MAX_NAME && Binding.isNameByte(data[q])) {
            q++;
        }
        // a name ends before trailing dots and dashes (end of a sentence, a flag's value)
        int nameEnd = q;
        while (nameEnd > p && (data[nameEnd - 1] == '.' || data[nameEnd - 1] == '-')) {
            nameEnd--;
        }
        if (nameEnd == p || q - p > CredentialNames.MAX_NAME || !Binding.hasLetter(data, p, nameEnd)) {
            return 0;
        }
        String name = new String(data, p, nameEnd - p, StandardCharsets.ISO_8859_1);
        CredentialNames.Verdict verdict = names.judge(name);
        if (verdict == null) {
            return 0;
        }
        Binding b = Binding.parse(data, length, p, nameEnd);
        if (b == null) {
            return 0;
        }
        ValueShape.Verdict shape = ValueShape.judge(b.value(), verdict.ambiguous(), b.quoted(), b.code());
        if (shape == null) {
            return 0;
        }
        Category category = verdict.category();
        if (b.scheme() != null && category == Category.GENERIC_SECRET) {
            category = Category.TOKEN;
        }
        String provider = providers.fromWords(verdict.words());
        TreeMap<String, String> attributes = new TreeMap<>();
        if (shape.placeholderLike()) {
            attributes.put("placeholderLike", "true");
        }
        if (b.scheme() != null) {
            attributes.put("scheme", b.scheme());
        }
        if (b.encoding() != null) {
            attributes.put("encoding", b.encoding());
        }
        List<Match.IdentitySpan> identities = b.basicUser() == null ? List.of()
                : List.of(new Match.IdentitySpan("user", b.valueStart(), b.valueEnd(), b.basicUser()));
        Confidence confidence = shape.confidence();
        boolean low = confidence == Confidence.LOW;
        Match m = new Match(variant(rule, category, provider), b.valueStart(), b.valueEnd(),
                new SecretValue(b.secret()), low, low ? null : confidence, attributes, identities);
        return out.add(m, p, b.end()) ? -b.end() : b.end();
    }

    private Rule variant(Rule base, Category category, String provider) {
        String key = base.id() + '/' + category.name() + '/' + provider;
        return variants.computeIfAbsent(key, k -> base.variant(idOf(base, category), nameOf(category), category,
                provider == null ? base.provider() : provider));
    }

    private static String idOf(Rule base, Category c) {
        return switch (c) {
            case PASSWORD -> "generic-password";
            case TOKEN -> "generic-token";
            case API_KEY -> "generic-api-key";
            case PRIVATE_KEY -> "generic-private-key";
            case CONNECTION_STRING -> "generic-connection-string";
            default -> "generic-secret";
        };
    }

    private static String nameOf(Category c) {
        return switch (c) {
            case PASSWORD -> "Password assignment";
            case TOKEN -> "Token assignment";
            case API_KEY -> "API key assignment";
            case PRIVATE_KEY -> "Private key assignment";
            case CONNECTION_STRING -> "Connection string assignment";
            default -> "Secret assignment";
        };
    }
}
