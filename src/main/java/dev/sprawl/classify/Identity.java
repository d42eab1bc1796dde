package dev.sprawl.classify;

import java.util.Comparator;

/**
 * The non-secret half of a credential, found in the record that holds the secret: whom or what the
 * secret authenticates (identity binding). Stored in a {@link Location}'s details under
 * {@value #DETAIL} as a {@code List<Identity>}; rendered as {@code locations[].identity}.
 * Identities are not secrets and are shown as they are.
 *
 * @param kind  {@code user}, {@code key-id}, {@code client-id}, {@code account} or {@code host}
 * @param value the identity as written (a user name, an access key id, a host name...)
 * @param line  1-based line where it is written
 */
public record Identity(String kind, String value, int line) {

    /** The location detail key that holds a location's identities. */
    public static final String DETAIL = "identity";

    public static final String USER = "user";
    public static final String KEY_ID = "key-id";
    public static final String CLIENT_ID = "client-id";
    public static final String ACCOUNT = "account";
    public static final String HOST = "host";

    public static final Comparator<Identity> ORDER = Comparator.comparing(Identity::kind)
            .thenComparing(Identity::value).thenComparingInt(Identity::line);
}
