package dev.sprawl.analyze;

import dev.sprawl.detect.names.CredentialNames;
import dev.sprawl.rules.Category;
import java.util.List;

/**
 * Decides from a key's name alone ({@code DB_PASSWORD}, {@code clientSecret}, {@code tls.key},
 * {@code client-key-data}) whether the value under it in a structured document is a credential, and
 * of which category. The analyzers' view of {@link CredentialNames}: the words are the same data
 * ({@code rules/data/credential-names.txt}) as for the generic detector, so a name means the same
 * thing to a parser and to the name-value engine. A name whose last word says the value only
 * <em>points at</em> a credential ({@code _FILE}, {@code _PATH}, {@code _NAME}, {@code _ID},
 * {@code _URL}, {@code _REF}...) or that mentions {@code public} or {@code existing} is not a credential.
 */
public final class CredentialKeys {

    private CredentialKeys() {
    }

    /** The category of the credential a value under {@code key} would be, or null when the name is not a credential's. */
    public static Category categoryOf(String key) {
        return key == null ? null : CredentialNames.builtIn().keyCategory(key);
    }

    /**
     * True when {@code key} names something that points at a credential rather than holds it: a
     * credential's name followed by a pointer word ({@code PASSWORD_FILE}, {@code TOKEN_URL},
     * {@code secret_arn}).
     */
    public static boolean isPointer(String key) {
        return CredentialNames.builtIn().isPointer(key);
    }

    /** Lower-case words of a key name: {@code clientSecretKey} and {@code CLIENT_SECRET_KEY} give client, secret, key. */
    static List<String> words(String key) {
        return CredentialNames.words(key);
    }
}
