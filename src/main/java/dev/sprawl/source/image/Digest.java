package dev.sprawl.source.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content digests ({@code sha256:} + 64 lowercase hex, {@code sha512:} + 128). Digests come from
 * untrusted manifests: only valid ones are ever turned into a blob path or a URL.
 */
public final class Digest {

    private static final Pattern VALID = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    private Digest() {
    }

    public static boolean valid(String digest) {
        return digest != null && VALID.matcher(digest).matches();
    }

    public static String algorithm(String digest) {
        return digest.substring(0, digest.indexOf(':'));
    }

    public static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    /** A hasher for a valid digest's algorithm. */
    public static MessageDigest hasher(String digest) {
        try {
            return MessageDigest.getInstance(algorithm(digest).equals("sha512") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of {@code data} in the same algorithm as {@code like}. */
    public static String of(byte[] data, String like) {
        MessageDigest md = hasher(like);
        return algorithm(like) + ":" + HexFormat.of().formatHex(md.digest(data));
    }

    public static String sha256(byte[] data) {
        return of(data, "sha256:");
    }

    /** Shortened for messages: {@code sha256:0123456789ab}. */
    public static String shortForm(String digest) {
        return digest != null && digest.length() > 19 ? digest.substring(0, 19) : String.valueOf(digest);
    }
}
