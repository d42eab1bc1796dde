package dev.sprawl.classify;

import dev.sprawl.classify.Der.Element;
import dev.sprawl.classify.Der.Malformed;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a PEM private key says about itself, read from its DER structure with no decryption:
 * {@code algorithm}, {@code size} in bits, {@code curve} for EC keys, {@code encrypted} and, when
 * encrypted, the {@code encryption} scheme. Handles PKCS#1 RSA, SEC1 EC, OpenSSL DSA, PKCS#8
 * (plain and encrypted) and legacy OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}).
 */
final class PrivateKeys {

    static final String RSA = "1.2.840.113549.1.1.1";
    static final String RSA_PSS = "1.2.840.113549.1.1.10";
    static final String DSA = "1.2.840.10040.4.1";
    static final String EC = "1.2.840.10045.2.1";
    static final String X25519 = "1.3.101.110";
    static final String X448 = "1.3.101.111";
    static final String ED25519 = "1.3.101.112";
    static final String ED448 = "1.3.101.113";
    private static final String PBES2 = "1.2.840.113549.1.5.13";

    /** Named curves: OID -> name and size in bits. */
    static final Map<String, Curve> CURVES = Map.ofEntries(
            Map.entry("1.2.840.10045.3.1.1", new Curve("P-192", 192)),
            Map.entry("1.3.132.0.33", new Curve("P-224", 224)),
            Map.entry("1.2.840.10045.3.1.7", new Curve("P-256", 256)),
            Map.entry("1.3.132.0.34", new Curve("P-384", 384)),
            Map.entry("1.3.132.0.35", new Curve("P-521", 521)),
            Map.entry("1.3.132.0.10", new Curve("secp256k1", 256)),
            Map.entry("1.3.36.3.3.2.8.1.1.7", new Curve("brainpoolP256r1", 256)),
            Map.entry("1.3.36.3.3.2.8.1.1.11", new Curve("brainpoolP384r1", 384)),
            Map.entry("1.3.36.3.3.2.8.1.1.13", new Curve("brainpoolP512r1", 512)),
            Map.entry("1.2.156.10197.1.301", new Curve("SM2", 256)));

    /** Encryption schemes by OID, for {@code encryption}. */
    private static final Map<String, String> CIPHERS = Map.ofEntries(
            Map.entry("2.16.840.1.101.3.4.1.2", "aes-128-cbc"),
            Map.entry("2.16.840.1.101.3.4.1.22", "aes-192-cbc"),
            Map.entry("2.16.840.1.101.3.4.1.42", "aes-256-cbc"),
            Map.entry("1.2.840.113549.3.7", "des-ede3-cbc"),
            Map.entry("1.3.14.3.2.7", "des-cbc"),
            Map.entry("1.2.840.113549.1.5.3", "pbeWithMD5AndDES-CBC"),
            Map.entry("1.2.840.113549.1.5.10", "pbeWithSHA1AndDES-CBC"),
            Map.entry("1.2.840.113549.1.12.1.3", "pbeWithSHAAnd3-KeyTripleDES-CBC"),
            Map.entry("1.2.840.113549.1.12.1.6", "pbeWithSHAAnd40BitRC2-CBC"));

    record Curve(String name, int bits) {
    }

    private PrivateKeys() {
    }

    /** Attributes of the key in {@code pem} (a private-key label); throws when the DER is not a key. */
    static SortedMap<String, String> describe(Pem pem) throws Malformed {
        SortedMap<String, String> a = new TreeMap<>();
        String label = pem.label();
        String procType = pem.headers().get("proc-type");
        if (procType != null && procType.contains("ENCRYPTED")) {
            a.put("algorithm", labelAlgorithm(label));
            a.put("encrypted", "true");
            String dek = pem.headers().get("dek-info");
            if (dek != null) {
                a.put("encryption", dek.split(",", 2)[0].strip().toLowerCase(java.util.Locale.ROOT));
            }
            return a;
        }
        Element root = Der.parse(pem.body()).expect(Der.SEQUENCE);
        switch (label) {
            case "RSA PRIVATE KEY" -> rsa(root, a);
            case "EC PRIVATE KEY" -> sec1(root, null, a);
            case "DSA PRIVATE KEY" -> dsa(root, a);
            case "ENCRYPTED PRIVATE KEY" -> encryptedPkcs8(root, a);
            default -> pkcs8(root, a);
        }
        a.putIfAbsent("encrypted", "false");
        return a;
    }

    private static String labelAlgorithm(String label) {
        int space = label.indexOf(' ');
        String first = space < 0 ? label : label.substring(0, space);
        return switch (first) {
            case "RSA", "EC", "DSA" -> first;
            default -> "unknown";
        };
    }

    /** PKCS#1 RSAPrivateKey: version, modulus, ... */
    private static void rsa(Element seq, Map<String, String> a) throws Malformed {
        List<Element> f = seq.children();
        if (f.size() < 9) {
            throw new Malformed("RSAPrivateKey needs 9 fields");
        }
        BigInteger modulus = f.get(1).integer();
        a.put("algorithm", "RSA");
        a.put("size", Integer.toString(modulus.bitLength()));
    }

    /** SEC1 ECPrivateKey: version 1, privateKey, [0] parameters, [1] publicKey. */
    private static void sec1(Element seq, String curveOid, Map<String, String> a) throws Malformed {
        List<Element> f = seq.children();
        if (f.size() < 2 || !f.get(0).integer().equals(BigInteger.ONE)) {
            throw new Malformed("ECPrivateKey needs version 1");
        }
        Element priv = f.get(1).expect(Der.OCTET_STRING);
        String oid = curveOid;
        for (Element e : f.subList(2, f.size())) {
            if (e.tag() == 0xA0) {
                List<Element> params = e.children();
                if (!params.isEmpty() && params.get(0).tag() == Der.OID) {
                    oid = params.get(0).oid();
                }
            }
        }
        a.put("algorithm", "EC");
        Curve c = oid == null ? null : CURVES.get(oid);
        if (c != null) {
            a.put("curve", c.name());
            a.put("size", Integer.toString(c.bits()));
        } else {
            if (oid != null) {
                a.put("curve", oid);
            }
            a.put("size", Integer.toString(priv.length() * 8));
        }
    }

    /** OpenSSL DSAPrivateKey: version, p, q, g, y, x. */
    private static void dsa(Element seq, Map<String, String> a) throws Malformed {
        List<Element> f = seq.children();
        if (f.size() < 6) {
            throw new Malformed("DSAPrivateKey needs 6 fields");
        }
        a.put("algorithm", "DSA");
        a.put("size", Integer.toString(f.get(1).integer().bitLength()));
    }

    /** PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version, algorithm, privateKey OCTET STRING, ... */
    static void pkcs8(Element seq, Map<String, String> a) throws Malformed {
        List<Element> f = seq.children();
        if (f.size() < 3) {
            throw new Malformed("PrivateKeyInfo needs 3 fields");
        }
        f.get(0).integer();
        List<Element> alg = f.get(1).expect(Der.SEQUENCE).children();
        if (alg.isEmpty()) {
            throw new Malformed("empty AlgorithmIdentifier");
        }
        String oid = alg.get(0).oid();
        Element key = f.get(2).expect(Der.OCTET_STRING);
        switch (oid) {
            case RSA, RSA_PSS -> {
                rsa(Der.read(key.data(), key.start(), key.end()).expect(Der.SEQUENCE), a);
                if (oid.equals(RSA_PSS)) {
                    a.put("algorithm", "RSASSA-PSS");
                }
            }
            case EC -> {
                String curve = alg.size() > 1 && alg.get(1).tag() == Der.OID ? alg.get(1).oid() : null;
                sec1(Der.read(key.data(), key.start(), key.end()).expect(Der.SEQUENCE), curve, a);
            }
            case DSA -> {
                a.put("algorithm", "DSA");
                if (alg.size() > 1 && alg.get(1).tag() == Der.SEQUENCE) {
                    List<Element> pqg = alg.get(1).children();
                    if (!pqg.isEmpty()) {
                        a.put("size", Integer.toString(pqg.get(0).integer().bitLength()));
                    }
                }
            }
            case ED25519 -> edwards("Ed25519", 256, a);
            case X25519 -> edwards("X25519", 256, a);
            case ED448 -> edwards("Ed448", 448, a);
            case X448 -> edwards("X448", 448, a);
            default -> a.put("algorithm", oid);
        }
    }

    private static void edwards(String name, int bits, Map<String, String> a) {
        a.put("algorithm", name);
        a.put("size", Integer.toString(bits));
    }

    /** PKCS#8 EncryptedPrivateKeyInfo: the key algorithm is inside the ciphertext; name the scheme. */
    private static void encryptedPkcs8(Element seq, Map<String, String> a) throws Malformed {
        List<Element> f = seq.children();
        if (f.size() != 2) {
            throw new Malformed("EncryptedPrivateKeyInfo needs 2 fields");
        }
        f.get(1).expect(Der.OCTET_STRING);
        List<Element> alg = f.get(0).expect(Der.SEQUENCE).children();
        if (alg.isEmpty()) {
            throw new Malformed("empty AlgorithmIdentifier");
        }
        String oid = alg.get(0).oid();
        a.put("algorithm", "unknown");
        a.put("encrypted", "true");
        String scheme = CIPHERS.getOrDefault(oid, oid);
        if (oid.equals(PBES2) && alg.size() > 1) {
            List<Element> params = alg.get(1).expect(Der.SEQUENCE).children();
            if (params.size() == 2) {
                List<Element> enc = params.get(1).expect(Der.SEQUENCE).children();
                if (!enc.isEmpty()) {
                    String cipher = enc.get(0).oid();
                    scheme = "PBES2/" + CIPHERS.getOrDefault(cipher, cipher);
                }
            }
        }
        a.put("encryption", scheme);
    }
}
