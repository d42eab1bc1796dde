package dev.sprawl.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret's value. {@link #toString()} is redacted so the value cannot reach a log or an exception
 * by accident; {@link #reveal()} is the one explicit way to read it.
 */
public final class SecretValue {

    private final String value;
    /** Set for binary secrets (keystores): the fingerprint of the raw bytes, and a size-only redaction. */
    private final String binaryFingerprint;
    private final int binaryLength;

    public SecretValue(String value) {
        this(value, null, 0);
    }

    private SecretValue(String value, String binaryFingerprint, int binaryLength) {
        this.value = value;
        this.binaryFingerprint = binaryFingerprint;
        this.binaryLength = binaryLength;
    }

    /**
     * A binary secret such as a keystore file: its value is the base64 of the bytes (what
     * {@code --show-secrets} prints), its fingerprint the SHA-256 of the bytes themselves.
     */
    public static SecretValue ofBinary(byte[] data, int length) {
        byte[] bytes = java.util.Arrays.copyOf(data, length);
        return new SecretValue(java.util.Base64.getEncoder().encodeToString(bytes), "sha256:" + sha256(bytes), length);
    }

    /** The plain value: only for fingerprints, validators and {@code --show-secrets}. */
    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    /** {@code sha256:} and the lowercase hex SHA-256 of the value's UTF-8 bytes (the contract); of the raw bytes for a binary secret. */
    public String fingerprint() {
        if (binaryFingerprint != null) {
            return binaryFingerprint;
        }
        return "sha256:" + sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * A form safe to show: a few leading and trailing characters around an ellipsis, fewer for short
     * values, nothing of values under 8 characters; a PEM block shows its BEGIN line only; a binary
     * secret only its size.
     */
    public String redacted() {
        if (binaryFingerprint != null) {
            return "(binary, " + binaryLength + " bytes)";
        }
        if (value.startsWith("-----BEGIN ")) {
            int eol = value.indexOf("-----", 11);
            return eol < 0 ? "-----BEGIN …" : value.substring(0, eol + 5) + "…";
        }
        int n = value.codePointCount(0, value.length());
        int head;
        int tail;
        if (n >= 24) {
            head = 4;
            tail = 3;
        } else if (n >= 12) {
            head = 2;
            tail = 2;
        } else if (n >= 8) {
            head = 1;
            tail = 1;
        } else {
            return "…";
        }
        int headEnd = value.offsetByCodePoints(0, head);
        int tailStart = value.offsetByCodePoints(value.length(), -tail);
        return sanitize(value.substring(0, headEnd)) + "…" + sanitize(value.substring(tailStart));
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SecretValue[" + redacted() + "]";
    }
}
