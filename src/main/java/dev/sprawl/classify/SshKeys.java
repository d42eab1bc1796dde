package dev.sprawl.classify;

import dev.sprawl.classify.Der.Malformed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSH private keys: the OpenSSH format ({@code openssh-key-v1}, PROTOCOL.key) and PuTTY's
 * {@code .ppk} files. The algorithm and size come from the public key both carry in clear; whether
 * the private part is encrypted from the cipher name.
 */
final class SshKeys {

    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern PUTTY = Pattern.compile(
            "PuTTY-User-Key-File-\\d: ([^\\r\\n]{1,60})\\r?\\nEncryption: ([^\\r\\n]{1,30})\\r?\\n"
                    + "Comment: [^\\r\\n]{0,200}\\r?\\nPublic-Lines: (\\d{1,3})\\r?\\n");
    /** Longest string field read from an SSH wire structure. */
    private static final int MAX_FIELD = 64 * 1024;

    private SshKeys() {
    }

    /** Attributes of an {@code OPENSSH PRIVATE KEY} body. */
    static SortedMap<String, String> openssh(byte[] body) throws Malformed {
        if (body.length < OPENSSH_MAGIC.length
                || !java.util.Arrays.equals(body, 0, OPENSSH_MAGIC.length, OPENSSH_MAGIC, 0, OPENSSH_MAGIC.length)) {
            throw new Malformed("not openssh-key-v1");
        }
        Wire w = new Wire(body, OPENSSH_MAGIC.length);
        String cipher = w.text();
        w.bytes(); // kdf name
        w.bytes(); // kdf options
        long keys = w.uint32();
        if (keys < 1) {
            throw new Malformed("no keys");
        }
        SortedMap<String, String> a = publicKey(w.bytes());
        a.put("encrypted", Boolean.toString(!cipher.equals("none")));
        if (!cipher.equals("none")) {
            a.put("encryption", cipherName(cipher));
        }
        return a;
    }

    /** Attributes of a PuTTY private key file, or throws when the text is not one. */
    static SortedMap<String, String> putty(String text) throws Malformed {
        Matcher m = PUTTY.matcher(text);
        if (!m.find()) {
            throw new Malformed("not a PuTTY key file");
        }
        int lines = Integer.parseInt(m.group(3));
        String[] rest = text.substring(m.end()).split("\\r?\\n", lines + 1);
        if (rest.length < lines) {
            throw new Malformed("public lines missing");
        }
        StringBuilder b64 = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b64.append(rest[i].strip());
        }
        SortedMap<String, String> a;
        try {
            a = publicKey(Base64.getDecoder().decode(b64.toString()));
        } catch (IllegalArgumentException e) {
            throw new Malformed("public lines are not base64");
        }
        String encryption = m.group(2).strip();
        a.put("encrypted", Boolean.toString(!encryption.equals("none")));
        if (!encryption.equals("none")) {
            a.put("encryption", cipherName(encryption));
        }
        return a;
    }

    /** Algorithm and size of an SSH public key blob (RFC 4253 section 6.6 and successors). */
    static SortedMap<String, String> publicKey(byte[] blob) throws Malformed {
        Wire w = new Wire(blob, 0);
        String type = w.text();
        SortedMap<String, String> a = new TreeMap<>();
        switch (type) {
            case "ssh-rsa" -> {
                w.bytes(); // e
                a.put("algorithm", "RSA");
                a.put("size", Integer.toString(new BigInteger(1, w.bytes()).bitLength()));
            }
            case "ssh-dss" -> {
                a.put("algorithm", "DSA");
                a.put("size", Integer.toString(new BigInteger(1, w.bytes()).bitLength()));
            }
            case "ssh-ed25519", "sk-ssh-ed25519@openssh.com" -> {
                a.put("algorithm", "Ed25519");
                a.put("size", "256");
            }
            case "ssh-ed448" -> {
                a.put("algorithm", "Ed448");
                a.put("size", "448");
            }
            default -> {
                if (type.startsWith("ecdsa-sha2-") || type.startsWith("sk-ecdsa-sha2-")) {
                    String curve = w.text();
                    a.put("algorithm", "EC");
                    a.put("curve", switch (curve) {
                        case "nistp256" -> "P-256";
                        case "nistp384" -> "P-384";
                        case "nistp521" -> "P-521";
                        default -> "unknown"; // never echo unread bytes of the key
                    });
                    String digits = curve.replaceAll("[^0-9]", "");
                    if (!digits.isEmpty() && digits.length() <= 4) {
                        a.put("size", digits);
                    }
                } else {
                    a.put("algorithm", "unknown"); // the type string is the input's own bytes: not echoed
                }
            }
        }
        return a;
    }

    /** Cipher names OpenSSH and PuTTY write; anything else is reported as "other", never echoed. */
    private static final java.util.Set<String> CIPHERS = java.util.Set.of("aes128-ctr", "aes192-ctr", "aes256-ctr",
            "aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");

    private static String cipherName(String cipher) {
        return CIPHERS.contains(cipher) ? cipher : "other";
    }

    /** Reader of the SSH wire encoding: uint32 big-endian, length-prefixed strings. */
    private static final class Wire {
        private final byte[] data;
        private int pos;

        Wire(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        long uint32() throws Malformed {
            if (pos + 4 > data.length) {
                throw new Malformed("truncated");
            }
            long v = ((data[pos] & 0xFFL) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                    | (data[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        byte[] bytes() throws Malformed {
            long n = uint32();
            if (n > MAX_FIELD || pos + n > data.length) {
                throw new Malformed("field past the end");
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + (int) n);
            pos += (int) n;
            return out;
        }

        String text() throws Malformed {
            byte[] b = bytes();
            for (byte x : b) {
                if (x < 0x20 || x > 0x7E) {
                    throw new Malformed("non-printable name");
                }
            }
            return new String(b, StandardCharsets.US_ASCII);
        }
    }
}
