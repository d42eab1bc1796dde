package dev.sprawl;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Secret-shaped strings generated at test time: random bodies, valid checksums where the format has
 * one. Nothing secret-looking is committed in tests. {@link #seeded} gives a reproducible generator
 * for golden files (whose committed text holds only redacted forms and fingerprints).
 */
public final class TestSecrets {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** The RFC 4648 base32 alphabet (AWS key ids). */
    public static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final TestSecrets DEFAULT = new TestSecrets(new SecureRandom());

    private final Random random;

    private TestSecrets(Random random) {
        this.random = random;
    }

    public static TestSecrets seeded(long seed) {
        return new TestSecrets(new Random(seed));
    }

    public static String alnum(int length) {
        return DEFAULT.randomAlnum(length);
    }

    public static String hex(int length) {
        return DEFAULT.randomOf("0123456789abcdef", length);
    }

    public static String password() {
        return DEFAULT.randomPassword();
    }

    public static String githubToken(String prefix) {
        return DEFAULT.randomGithubToken(prefix);
    }

    public static String awsAccessKeyId() {
        return DEFAULT.randomAwsAccessKeyId();
    }

    /** A GitHub token whose checksum is wrong. */
    public static String githubTokenBadChecksum(String prefix) {
        String t = githubToken(prefix);
        char last = t.charAt(t.length() - 1);
        return t.substring(0, t.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** Random characters from {@code alphabet} that look nothing like a placeholder. */
    public String randomOf(String alphabet, int length) {
        while (true) {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            if (!looksLikePlaceholder(s)) {
                return s;
            }
        }
    }

    public String randomAlnum(int length) {
        return randomOf(ALNUM, length);
    }

    /** A password-like value: letters, digits and a symbol. */
    /**
     * A password of 13 different characters: a short value with repeats has little entropy and is
     * rightly rated low (one in a thousand of the plain random ones was), which made tests that expect
     * a password-like value flaky.
     */
    public String randomPassword() {
        while (true) {
            String p = randomAlnum(10) + "#" + random.nextInt(10) + "Q";
            if (p.chars().distinct().count() == p.length()) {
                return p;
            }
        }
    }

    /** A GitHub token ({@code ghp_} etc.) with a valid CRC32 checksum. */
    public String randomGithubToken(String prefix) {
        String body = randomAlnum(30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        StringBuilder check = new StringBuilder();
        do {
            check.append(BASE62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (check.length() < 6) {
            check.append('0');
        }
        return prefix + body + check.reverse();
    }

    /** An AWS access key id: AKIA and 16 base32 characters. */
    public String randomAwsAccessKeyId() {
        return "AK" + "IA" + randomOf(BASE32, 16);
    }

    /** A freshly generated RSA private key in PKCS#8 PEM. */
    public static String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            byte[] der = g.generateKeyPair().getPrivate().getEncoded();
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
            String kind = "PRIVATE" + " KEY";
            return "-----BEGIN " + kind + "-----\n" + b64 + "\n-----END " + kind + "-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean looksLikePlaceholder(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        for (String bad : new String[] {"xxxx", "example", "fake", "todo", "test", "dummy", "sample", "insert",
                "here", "1234567", "0000000", "abcdefg", "your", "redact", "replace", "change", "a1b2c3d4", "notset",
                "not-set", "not_set"}) {
            if (l.contains(bad)) {
                return true;
            }
        }
        return false;
    }
}
