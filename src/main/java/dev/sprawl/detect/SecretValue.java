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

    public SecretValue(String value) {
        this.value = value;
    }

    /** The plain value: only for fingerprints, validators and {@code --show-secrets}. */
    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    /** {@code sha256:} and the lowercase hex SHA-256 of the value's UTF-8 bytes (the contract). */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * A form safe to show: a few leading and trailing characters around an ellipsis, fewer for short
     * values, nothing of values under 8 characters; a PEM block shows its BEGIN line only.
     */
    public String redacted() {
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
