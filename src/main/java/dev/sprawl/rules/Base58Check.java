package dev.sprawl.rules;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Base58Check (Bitcoin): the payload's first four bytes of SHA-256(SHA-256(payload)) are appended
 * before base58 encoding. Used by WIF private keys and BIP 32 extended keys.
 */
final class Base58Check {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** Longest text decoded (an extended key is 111 characters). */
    private static final int MAX_LENGTH = 200;
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58Check() {
    }

    static boolean valid(String text) {
        byte[] raw = decode(text);
        if (raw == null || raw.length < 5) {
            return false;
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - 4);
        byte[] check = Arrays.copyOfRange(raw, raw.length - 4, raw.length);
        byte[] hash = sha256(sha256(payload));
        return Arrays.equals(Arrays.copyOf(hash, 4), check);
    }

    static byte[] decode(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                return null;
            }
            if (leading && v == 0) {
                zeros++;
            } else {
                leading = false;
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(v));
        }
        byte[] body = n.signum() == 0 ? new byte[0] : n.toByteArray();
        if (body.length > 0 && body[0] == 0) {
            body = Arrays.copyOfRange(body, 1, body.length);
        }
        byte[] out = new byte[zeros + body.length];
        System.arraycopy(body, 0, out, zeros, body.length);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
