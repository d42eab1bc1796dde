package dev.sprawl.classify;

import dev.sprawl.detect.SecretValue;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Binary keystores recognised by their bytes, whatever the file is called: Java keystores (JKS
 * magic {@code FEEDFEED}, JCEKS {@code CECECECE}) and PKCS#12 files (a DER {@code PFX} with version 3
 * and a {@code data} content). No password is needed to report one; if it opens with an empty password
 * or the JDK default {@code changeit} it says so ({@code weakPassword}) and counts its entries. A
 * store that opens and holds no private key is a trust store: reported {@code low}.
 */
public final class Keystores {

    /** Largest file examined as a keystore; a keystore is a few KiB, a big trust store a few hundred. */
    public static final int MAX_KEYSTORE_BYTES = 10 * 1024 * 1024;
    /** Passwords tried to open a keystore, with their attribute value. */
    private static final String[][] WEAK_PASSWORDS = {{"", "empty"}, {"changeit", "changeit"}};

    static final Rule JAVA_KEYSTORE = builtin("java-keystore", "Java keystore",
            "https://docs.oracle.com/en/java/javase/17/docs/specs/man/keytool.html");
    static final Rule PKCS12_KEYSTORE = builtin("pkcs12-keystore", "PKCS#12 keystore",
            "https://www.rfc-editor.org/rfc/rfc7292");

    private static final byte[] PKCS7_DATA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D,
            0x01, 0x07, 0x01};

    private Keystores() {
    }

    /** The rules keystore findings carry (they are not regex rules, so not in any rule file). */
    public static List<Rule> rules() {
        return List.of(JAVA_KEYSTORE, PKCS12_KEYSTORE);
    }

    /** Findings for {@code blob} if it is a keystore (one per provenance); empty otherwise. */
    public static List<Finding> classify(Blob blob) {
        String type = sniff(blob.data(), blob.length());
        if (type == null) {
            return List.of();
        }
        Rule rule = type.equals("PKCS12") ? PKCS12_KEYSTORE : JAVA_KEYSTORE;
        SortedMap<String, String> attributes = new TreeMap<>();
        attributes.put("format", type);
        Confidence confidence = rule.confidence();
        int privateKeys = probe(type, blob.data(), blob.length(), attributes);
        if (privateKeys == 0) {
            confidence = Confidence.LOW;
        }
        SecretValue secret = SecretValue.ofBinary(blob.data(), blob.length());
        List<Finding> out = new ArrayList<>();
        for (Provenance p : blob.provenances()) {
            out.add(new Finding(rule, secret, confidence, attributes,
                    new Location(p.source(), p.path(), 1, 1, PathContext.guess(p.path()), p.details())));
        }
        return out;
    }

    /** {@code JKS}, {@code JCEKS} or {@code PKCS12} when the bytes start like one; else null. */
    static String sniff(byte[] d, int len) {
        if (len < 32 || len > MAX_KEYSTORE_BYTES) {
            return null;
        }
        if (magic(d, 0xFE, 0xED, 0xFE, 0xED) && d[4] == 0 && d[5] == 0 && d[6] == 0 && (d[7] == 1 || d[7] == 2)) {
            return "JKS";
        }
        if (magic(d, 0xCE, 0xCE, 0xCE, 0xCE) && d[4] == 0 && d[5] == 0 && d[6] == 0 && d[7] == 2) {
            return "JCEKS";
        }
        // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo { contentType data, ... }, ... }
        if ((d[0] & 0xFF) != 0x30) {
            return null;
        }
        int p = skipLength(d, 1, len);
        if (p < 0 || p + 3 > len || d[p] != 0x02 || d[p + 1] != 0x01 || d[p + 2] != 0x03) {
            return null;
        }
        p += 3;
        if (p >= len || (d[p] & 0xFF) != 0x30) {
            return null;
        }
        p = skipLength(d, p + 1, len);
        if (p < 0 || p + PKCS7_DATA.length > len) {
            return null;
        }
        for (int i = 0; i < PKCS7_DATA.length; i++) {
            if (d[p + i] != PKCS7_DATA[i]) {
                return null;
            }
        }
        return "PKCS12";
    }

    /**
     * Tries the weak passwords; when one opens the store, records it and the entry counts.
     *
     * @return the number of private-key entries, or -1 when the store did not open
     */
    private static int probe(String type, byte[] d, int len, SortedMap<String, String> attributes) {
        for (String[] pw : WEAK_PASSWORDS) {
            try {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(new ByteArrayInputStream(d, 0, len), pw[0].toCharArray());
                int keys = 0;
                int certs = 0;
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(alias)) {
                        keys++;
                    } else if (ks.isCertificateEntry(alias)) {
                        certs++;
                    }
                }
                attributes.put("weakPassword", pw[1]);
                attributes.put("privateKeys", Integer.toString(keys));
                attributes.put("certificates", Integer.toString(certs));
                return keys;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // wrong password or a store the JDK cannot read: try the next one
            }
        }
        return -1;
    }

    private static boolean magic(byte[] d, int a, int b, int c, int e) {
        return (d[0] & 0xFF) == a && (d[1] & 0xFF) == b && (d[2] & 0xFF) == c && (d[3] & 0xFF) == e;
    }

    /** Skips a DER/BER length at {@code p}; returns the position after it, or -1. */
    private static int skipLength(byte[] d, int p, int len) {
        if (p >= len) {
            return -1;
        }
        int b = d[p] & 0xFF;
        if (b <= 0x80) {
            return p + 1; // short form, or BER indefinite length
        }
        int n = b & 0x7F;
        return n > 4 || p + 1 + n > len ? -1 : p + 1 + n;
    }

    private static Rule builtin(String id, String name, String reference) {
        return new Rule(id, name, "keystore", Category.PRIVATE_KEY, Confidence.HIGH, List.of(),
                Pattern.compile("(?!)"), 0, 0, null, 0, List.of(reference), List.of(), List.of(),
                "(built-in)", 0);
    }
}
