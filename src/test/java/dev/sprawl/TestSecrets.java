package dev.sprawl;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Secret-shaped strings generated at test time: random bodies, valid checksums where the format has
 * one. Nothing secret-looking is committed in tests.
 */
public final class TestSecrets {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    /** Random characters from {@code alphabet}, with at least one digit, upper and lower when possible. */
    public static String random(String alphabet, int length) {
        while (true) {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            if (!looksLikePlaceholder(s)) {
                return s;
            }
        }
    }

    public static String alnum(int length) {
        return random(ALNUM, length);
    }

    public static String hex(int length) {
        return random("0123456789abcdef", length);
    }

    /** A password-like value: letters, digits and a symbol. */
    public static String password() {
        return alnum(10) + "#" + RANDOM.nextInt(10) + "Q";
    }

    /** A GitHub token ({@code ghp_} etc.) with a valid CRC32 checksum. */
    public static String githubToken(String prefix) {
        String body = random(ALNUM, 30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
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

    /** A GitHub token whose checksum is wrong. */
    public static String githubTokenBadChecksum(String prefix) {
        String t = githubToken(prefix);
        char last = t.charAt(t.length() - 1);
        return t.substring(0, t.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** An AWS access key id: AKIA and 16 base32 characters. */
    public static String awsAccessKeyId() {
        return "AK" + "IA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    }

    /** A freshly generated RSA private key in PKCS#8 PEM. */
    public static String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            byte[] der = g.generateKeyPair().getPrivate().getEncoded();
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(der);
            String kind = "PRIVATE" + " KEY";
            return "-----BEGIN " + kind + "-----\n" + b64 + "\n-----END " + kind + "-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean looksLikePlaceholder(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        return l.contains("xxxx") || l.contains("example") || l.contains("fake") || l.contains("todo")
                || l.contains("test") || l.contains("dummy") || l.contains("sample") || l.contains("insert")
                || l.contains("here") || l.contains("1234567") || l.contains("0000000") || l.contains("abcdefg")
                || l.contains("****") || l.contains("your");
    }
}
