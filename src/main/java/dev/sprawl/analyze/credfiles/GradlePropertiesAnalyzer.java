package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.classify.Identity;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gradle.properties}: every credential-named property ({@code ossrhPassword},
 * {@code signing.password}, {@code systemProp.https.proxyPassword}, {@code artifactory_api_key}...).
 * Its identity is read from the properties that share its prefix: the prefix is the name up to its
 * credential word ({@code ossrh}, {@code signing.}, {@code systemProp.https.proxy}) and the rest of
 * the sibling's name says the kind: {@code user}/{@code username}/{@code login} (user),
 * {@code keyId} (key id), {@code host}/{@code url} (host).
 */
public final class GradlePropertiesAnalyzer extends IniFile {

    private static final String[] CREDENTIAL_WORDS = {"password", "passwd", "passphrase", "token", "secret", "apikey",
        "api_key", "api-key", "key"};
    private static final Map<String, String> SIBLINGS = Map.of("user", Identity.USER, "username", Identity.USER,
            "login", Identity.USER, "userid", Identity.USER, "keyid", Identity.KEY_ID, "host", Identity.HOST,
            "url", Identity.HOST);

    public GradlePropertiesAnalyzer() {
        super("gradle-properties", AnalyzerRule.GRADLE_PROPERTIES, true, true, Map.of(), Map.of(), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("gradle.properties") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return true;
    }

    @Override
    void section(Ini.Section s, AnalyzerOutput out) {
        for (Ini.Entry e : s.entries()) {
            var category = CredentialKeys.categoryOf(e.key());
            if (category == null) {
                continue;
            }
            String prefix = prefix(e.lowerKey());
            Ids ids = new Ids(out);
            if (prefix != null) {
                for (Ini.Entry other : s.entries()) {
                    String k = other.lowerKey();
                    if (other != e && k.startsWith(prefix)) {
                        String kind = SIBLINGS.get(k.substring(prefix.length()).replaceAll("[._-]", ""));
                        if (kind != null) {
                            if (kind.equals(Identity.HOST)) {
                                ids.host(other.value(), other.keyOffset());
                            } else {
                                ids.add(kind, other.value(), other.keyOffset());
                            }
                        }
                    }
                }
            }
            ids.bind(new dev.sprawl.analyze.Span(e.keyOffset(), e.valueSpan().end()));
            out.literal(AnalyzerRule.GRADLE_PROPERTIES, category, e.key(), e.value(), e.valueSpan());
        }
    }

    /** The name up to its last credential word, or null when that leaves nothing. */
    static String prefix(String lowerKey) {
        int best = -1;
        for (String w : CREDENTIAL_WORDS) {
            best = Math.max(best, lowerKey.lastIndexOf(w));
        }
        return best <= 0 ? null : lowerKey.substring(0, best).toLowerCase(Locale.ROOT);
    }
}
