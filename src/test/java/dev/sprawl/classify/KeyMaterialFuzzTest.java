package dev.sprawl.classify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import dev.sprawl.TestCertificates;
import dev.sprawl.classify.Der.Malformed;
import dev.sprawl.rules.Category;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets over key material: DER (keys and certificates), OpenPGP packets, OpenSSH and PuTTY
 * keys, PEM armour, JWTs and keystores. Our own parsers throw only {@link Malformed}, with a message
 * that never repeats the key bytes; the top-level reader never throws; attributes stay few and short.
 */
class KeyMaterialFuzzTest {

    private static final String[] LABELS = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY"};

    @BeforeAll
    static void seeds() throws Exception {
        KeyPair rsa = TestCertificates.keyPair("RSA", 1024);
        KeyPair ec = TestCertificates.keyPair("EC", 256);
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = TestCertificates.selfSigned(ec, "svc-fuzz", BigInteger.TEN, now, now.plus(1, ChronoUnit.DAYS));
        FuzzContract.seeds(KeyMaterialFuzzTest.class, "der", FuzzContract.seedsOf(
                "rsa-pkcs8", prefixed(0, rsa.getPrivate().getEncoded()),
                "ec-pkcs8", prefixed(0, ec.getPrivate().getEncoded()),
                "ed25519-pkcs8", prefixed(0, ed.getPrivate().getEncoded()),
                "ec-as-sec1", prefixed(2, ec.getPrivate().getEncoded()),
                "certificate", prefixed(0, cert.getEncoded())));
        byte[] n = rsa.getPublic().getEncoded();
        FuzzContract.seeds(KeyMaterialFuzzTest.class, "pgp", FuzzContract.seedsOf(
                "secret-key", pgpSecretKey(new BigInteger(1, n)), "cut", new byte[] {(byte) 0x95, 0, 4}));
        byte[] pub = concat(str("ssh-ed25519".getBytes(StandardCharsets.US_ASCII)), str(new byte[32]));
        FuzzContract.seeds(KeyMaterialFuzzTest.class, "ssh", FuzzContract.seedsOf(
                "openssh", concat("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII), str(ascii("none")),
                        str(ascii("none")), str(new byte[0]), ByteBuffer.allocate(4).putInt(1).array(), str(pub),
                        str(ascii("@@"))),
                "public", pub));
        String putty = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: svc\nPublic-Lines: 1\n"
                + "AAAAC3NzaC1lZDI1NTE5AAAAIA==\nPrivate-Lines: 1\n@@\nPrivate-MAC: 00\n";
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"svc\",\"exp\":4102444800,\"iss\":\"https://issuer.example\"}";
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
        FuzzContract.seeds(KeyMaterialFuzzTest.class, "text", FuzzContract.seedsOf(
                "pem-key", TestCertificates.pem("PRIVATE KEY", rsa.getPrivate().getEncoded()),
                "pem-cert", TestCertificates.pem(cert),
                "pem-headers", "-----BEGIN RSA " + "PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n@@\n"
                        + "-----END RSA PRIVATE KEY-----\n",
                "putty", putty,
                "jwt", url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                        + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".@@"));
        FuzzContract.seeds(KeyMaterialFuzzTest.class, "keystore", FuzzContract.seedsOf(
                "pkcs12", keystore("PKCS12", ec, cert), "jks", keystore("JKS", ec, cert)));
    }

    /** Input: a selector byte (which PEM label), then DER. */
    @FuzzTest
    void der(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] der = java.util.Arrays.copyOfRange(data, 1, data.length);
        FuzzContract.call(() -> Der.parse(der), Malformed.class);
        FuzzContract.call(() -> Certificates.describe(der));
        Pem pem = new Pem(LABELS[(data[0] & 0xFF) % LABELS.length], Map.of(), der);
        attributes(FuzzContract.call(() -> PrivateKeys.describe(pem), Malformed.class));
    }

    @FuzzTest
    void pgp(byte[] data) {
        attributes(FuzzContract.call(() -> PgpKeys.describe(FuzzContract.plant(data)), Malformed.class));
    }

    @FuzzTest
    void ssh(byte[] data) {
        byte[] in = FuzzContract.plant(data);
        attributes(FuzzContract.call(() -> SshKeys.openssh(in), Malformed.class));
        attributes(FuzzContract.call(() -> SshKeys.publicKey(in), Malformed.class));
    }

    /** Text material: PEM (also base64-wrapped), PuTTY files, JWTs, through the classifier's reader. */
    @FuzzTest
    void text(byte[] data) {
        String s = new String(FuzzContract.plant(data), StandardCharsets.UTF_8);
        FuzzContract.call(() -> Pem.parse(s));
        if (s.startsWith("PuTTY-User-Key-File-")) {
            attributes(FuzzContract.call(() -> SshKeys.putty(s), Malformed.class));
        }
        for (Category c : new Category[] {Category.PRIVATE_KEY, Category.TOKEN}) {
            KeyMaterial.Result r = FuzzContract.call(() -> KeyMaterial.describe(c, s));
            FuzzContract.bounded("attributes", r.attributes().size(), 32);
            for (String v : r.attributes().values()) {
                FuzzContract.bounded("attribute chars", v.length(), 512);
            }
        }
    }

    @FuzzTest
    void keystore(byte[] data) {
        Blob blob = new Blob(data, data.length, List.of(Provenance.file("app.p12")));
        List<Finding> findings = FuzzContract.call(() -> Keystores.classify(blob));
        FuzzContract.bounded("findings", findings.size(), 1);
    }

    private static void attributes(SortedMap<String, String> a) {
        if (a == null) {
            return;
        }
        FuzzContract.noCanary("key attributes", a);
        FuzzContract.bounded("attributes", a.size(), 32);
        for (String v : a.values()) {
            FuzzContract.bounded("attribute chars", v.length(), 512);
        }
    }

    // --- seeds

    private static byte[] prefixed(int selector, byte[] der) {
        return concat(new byte[] {(byte) selector}, der);
    }

    private static byte[] pgpSecretKey(BigInteger n) {
        byte[] body = concat(new byte[] {4, 0x5F, 0, 0, 0, 1}, mpi(n), mpi(BigInteger.valueOf(65537)), new byte[] {0},
                mpi(n.shiftRight(8)));
        return concat(new byte[] {(byte) 0xC5, (byte) 0xFF}, ByteBuffer.allocate(4).putInt(body.length).array(), body);
    }

    private static byte[] mpi(BigInteger v) {
        byte[] mag = v.toByteArray();
        if (mag[0] == 0) {
            mag = java.util.Arrays.copyOfRange(mag, 1, mag.length);
        }
        int bits = v.bitLength();
        return concat(new byte[] {(byte) (bits >> 8), (byte) bits}, mag);
    }

    private static byte[] keystore(String type, KeyPair kp, X509Certificate cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        char[] pw = "changeit".toCharArray();
        ks.setKeyEntry("svc", kp.getPrivate(), pw, new Certificate[] {cert});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, pw);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] str(byte[] b) {
        return concat(ByteBuffer.allocate(4).putInt(b.length).array(), b);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
