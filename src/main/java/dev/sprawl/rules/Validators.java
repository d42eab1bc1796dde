package dev.sprawl.rules;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Offline validators a rule may name in its {@code validate} field. Each tells whether a candidate
 * secret's built-in checksum holds; a failing checksum lowers confidence, it never drops a finding.
 * <ul>
 *   <li>{@code github-checksum}, {@code npm-checksum}: CRC32 of the body in the last 6 base62 characters;</li>
 *   <li>{@code bech32}: the BIP 173 checksum (age secret keys, Nostr {@code nsec1} keys);</li>
 *   <li>{@code base58check}: the double-SHA-256 checksum of Bitcoin WIF keys and BIP 32 extended keys;</li>
 *   <li>{@code pypi-macaroon}: a PyPI token decodes to a version 2 macaroon for pypi.org.</li>
 * </ul>
 */
public final class Validators {

    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final Map<String, Predicate<String>> BY_NAME = new TreeMap<>(Map.of(
            "github-checksum", Validators::githubChecksum,
            "npm-checksum", Validators::githubChecksum,
            "bech32", Bech32::valid,
            "base58check", Base58Check::valid,
            "pypi-macaroon", PypiMacaroon::valid));

    private Validators() {
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    public static String names() {
        return String.join(", ", BY_NAME.keySet());
    }

    /** Runs validator {@code name} on {@code secret}; true when the checksum holds. */
    public static boolean check(String name, String secret) {
        Predicate<String> v = BY_NAME.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown validator " + name);
        }
        return v.test(secret);
    }

    /**
     * GitHub's prefixed tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_}) and npm's ({@code npm_}, which
     * "follow the same format of GitHub authentication tokens"): 30 random base62 characters
     * followed by the CRC32 of those characters, base62-encoded and left-padded to 6 characters.
     */
    static boolean githubChecksum(String token) {
        int underscore = token.indexOf('_');
        if (underscore < 0 || token.length() - underscore - 1 != 36) {
            return false;
        }
        String body = token.substring(underscore + 1, token.length() - 6);
        String check = token.substring(token.length() - 6);
        return base62(crc32(body), 6).equals(check);
    }

    static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    /** {@code value} in base 62 (digits, upper, lower), left-padded with '0' to {@code width}. */
    static String base62(long value, int width) {
        StringBuilder sb = new StringBuilder();
        long v = value;
        do {
            sb.append(BASE62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (sb.length() < width) {
            sb.append('0');
        }
        return sb.reverse().toString();
    }
}
