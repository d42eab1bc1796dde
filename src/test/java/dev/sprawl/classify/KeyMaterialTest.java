package dev.sprawl.classify;

import static dev.sprawl.TestCertificates.concat;
import static dev.sprawl.TestCertificates.integer;
import static dev.sprawl.TestCertificates.keyPair;
import static dev.sprawl.TestCertificates.oid;
import static dev.sprawl.TestCertificates.pem;
import static dev.sprawl.TestCertificates.seq;
import static dev.sprawl.TestCertificates.tlv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestCertificates;
import dev.sprawl.TestSecrets;
import dev.sprawl.rules.Category;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.Test;

/** Key material parsing: every key and certificate is generated here, at test time. */
class KeyMaterialTest {

    /** Labels are assembled so this file holds no PEM armour a scanner would flag. */
    private static final String KEY = " KEY";
    private static final String PRIVATE = "PRIVATE";

    private static KeyMaterial.Result key(String text) {
        return KeyMaterial.describe(Category.PRIVATE_KEY, text);
    }

    private static Map<String, String> attrs(String text) {
        KeyMaterial.Result r = key(text);
        assertThat(r.invalid()).as("parsed: %s", r.attributes()).isFalse();
        return r.attributes();
    }

    @Test
    void rsaPkcs8AndPkcs1() throws Exception {
        KeyPair kp = keyPair("RSA", 2048);
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        assertThat(attrs(pem(PRIVATE + KEY, pkcs8)))
                .containsEntry("algorithm", "RSA").containsEntry("size", "2048").containsEntry("encrypted", "false");
        byte[] pkcs1 = Der.parse(pkcs8).children().get(2).contents();
        assertThat(attrs(pem("RSA " + PRIVATE + KEY, pkcs1)))
                .containsEntry("algorithm", "RSA").containsEntry("size", "2048").containsEntry("encrypted", "false");
    }

    @Test
    void ecPkcs8AndSec1WithCurve() throws Exception {
        KeyPair kp = keyPair("EC", 384);
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        assertThat(attrs(pem(PRIVATE + KEY, pkcs8)))
                .containsEntry("algorithm", "EC").containsEntry("curve", "P-384").containsEntry("size", "384");
        // SEC1 as OpenSSL writes it: version, key, [0] curve
        java.util.List<Der.Element> inner = Der.read(pkcs8, 0, pkcs8.length).children();
        Der.Element ecKey = inner.get(2);
        java.util.List<Der.Element> fields = Der.read(ecKey.data(), ecKey.start(), ecKey.end()).children();
        byte[] sec1 = seq(integer(BigInteger.ONE), tlv(0x04, fields.get(1).contents()),
                tlv(0xA0, oid("1.2.840.10045.3.1.7")));
        assertThat(attrs(pem("EC " + PRIVATE + KEY, sec1)))
                .containsEntry("algorithm", "EC").containsEntry("curve", "P-256").containsEntry("size", "256");
    }

    @Test
    void edwardsAndDsa() {
        assertThat(attrs(pem(PRIVATE + KEY, keyPair("Ed25519", 0).getPrivate().getEncoded())))
                .containsEntry("algorithm", "Ed25519").containsEntry("size", "256");
        assertThat(attrs(pem(PRIVATE + KEY, keyPair("X448", 0).getPrivate().getEncoded())))
                .containsEntry("algorithm", "X448").containsEntry("size", "448");
        assertThat(attrs(pem(PRIVATE + KEY, keyPair("DSA", 2048).getPrivate().getEncoded())))
                .containsEntry("algorithm", "DSA").containsEntry("size", "2048");
    }

    @Test
    void encryptedPkcs8NamesItsScheme() throws Exception {
        byte[] plain = keyPair("RSA", 2048).getPrivate().getEncoded();
        char[] password = TestSecrets.password().toCharArray();
        String alg = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Cipher c = Cipher.getInstance(alg);
        c.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(password)),
                new PBEParameterSpec(salt, 1000, new IvParameterSpec(new byte[16])));
        byte[] encrypted = c.doFinal(plain);
        AlgorithmParameters params = c.getParameters();
        // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier (PBES2, params), OCTET STRING }
        byte[] der = seq(seq(oid("1.2.840.113549.1.5.13"), params.getEncoded()), tlv(0x04, encrypted));
        assertThat(attrs(pem("ENCRYPTED " + PRIVATE + KEY, der)))
                .containsEntry("encrypted", "true").containsEntry("encryption", "PBES2/aes-256-cbc")
                .containsEntry("algorithm", "unknown");
    }

    @Test
    void legacyOpensslEncryptionHeaders() {
        String body = Base64.getMimeEncoder().encodeToString(randomBytes(600));
        String text = "-----BEGIN RSA " + PRIVATE + KEY + "-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-256-CBC," + TestSecrets.hex(32).toUpperCase() + "\n\n" + body
                + "\n-----END RSA " + PRIVATE + KEY + "-----";
        assertThat(attrs(text)).containsEntry("algorithm", "RSA").containsEntry("encrypted", "true")
                .containsEntry("encryption", "aes-256-cbc").doesNotContainKey("size");
    }

    @Test
    void opensshKeysTellAlgorithmSizeAndEncryption() {
        byte[] ed = sshString("ssh-ed25519", randomBytes(32));
        assertThat(attrs(pem("OPENSSH " + PRIVATE + KEY, openssh("none", ed))))
                .containsEntry("algorithm", "Ed25519").containsEntry("size", "256").containsEntry("encrypted", "false");
        RSAPublicKey rsa = (RSAPublicKey) keyPair("RSA", 3072).getPublic();
        byte[] rsaBlob = concat(str("ssh-rsa"), mpint(rsa.getPublicExponent()), mpint(rsa.getModulus()));
        assertThat(attrs(pem("OPENSSH " + PRIVATE + KEY, openssh("aes256-ctr", rsaBlob))))
                .containsEntry("algorithm", "RSA").containsEntry("size", "3072").containsEntry("encrypted", "true")
                .containsEntry("encryption", "aes256-ctr");
        byte[] ecdsa = concat(str("ecdsa-sha2-nistp521"), str("nistp521"), str(randomBytes(133)));
        assertThat(attrs(pem("OPENSSH " + PRIVATE + KEY, openssh("none", ecdsa))))
                .containsEntry("algorithm", "EC").containsEntry("curve", "P-521").containsEntry("size", "521");
    }

    @Test
    void puttyKeyFile() {
        RSAPublicKey rsa = (RSAPublicKey) keyPair("RSA", 2048).getPublic();
        byte[] blob = concat(str("ssh-rsa"), mpint(rsa.getPublicExponent()), mpint(rsa.getModulus()));
        String pub = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(blob);
        String text = "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: aes256-cbc\nComment: deploy@ci\nPublic-Lines: "
                + pub.split("\n").length + "\n" + pub + "\nPrivate-Lines: 1\n" + TestSecrets.alnum(64) + "\n";
        assertThat(attrs(text)).containsEntry("algorithm", "RSA").containsEntry("size", "2048")
                .containsEntry("encrypted", "true");
    }

    @Test
    void pgpSecretKeyPacket() {
        RSAPublicKey rsa = (RSAPublicKey) keyPair("RSA", 2048).getPublic();
        for (int s2k : new int[] {0, 254}) {
            byte[] body = concat(new byte[] {4, 0x65, 0x10, 0x20, 0x30, 1}, pgpMpi(rsa.getModulus()),
                    pgpMpi(rsa.getPublicExponent()), new byte[] {(byte) s2k}, randomBytes(40));
            byte[] packet = concat(new byte[] {(byte) 0xC5, (byte) 0xFF}, ByteBuffer.allocate(4).putInt(body.length).array(),
                    body);
            String armored = "-----BEGIN PGP " + PRIVATE + KEY + " BLOCK-----\nComment: ci\n\n"
                    + Base64.getMimeEncoder().encodeToString(packet) + "\n=abcd\n-----END PGP " + PRIVATE + KEY + " BLOCK-----";
            assertThat(attrs(armored)).containsEntry("algorithm", "RSA").containsEntry("size", "2048")
                    .containsEntry("encrypted", Boolean.toString(s2k != 0));
        }
    }

    @Test
    void escapedQuotedAndBase64WrappedPemParseTheSame() {
        String pem = pem(PRIVATE + KEY, keyPair("EC", 256).getPrivate().getEncoded());
        String escaped = pem.strip().replace("\n", "\\n");
        assertThat(attrs("\"" + escaped + "\"")).containsEntry("curve", "P-256");
        StringBuilder quoted = new StringBuilder();
        for (String line : pem.strip().split("\n")) {
            quoted.append("  \"").append(line).append("\\n\" +\n");
        }
        assertThat(attrs(quoted.toString())).containsEntry("curve", "P-256");
        String wrapped = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        assertThat(attrs(wrapped)).containsEntry("curve", "P-256");
    }

    @Test
    void randomBodiesAreInvalidStructure() {
        String fake = pem("RSA " + PRIVATE + KEY, randomBytes(300));
        KeyMaterial.Result r = key(fake);
        assertThat(r.invalid()).isTrue();
        assertThat(r.attributes()).containsEntry("structure", "invalid");
        assertThat(key(pem("OPENSSH " + PRIVATE + KEY, randomBytes(300))).invalid()).isTrue();
        assertThat(KeyMaterial.describe(Category.CERTIFICATE, pem("CERTIFICATE", randomBytes(300))).invalid()).isTrue();
    }

    @Test
    void selfSignedCertificate() {
        KeyPair kp = keyPair("RSA", 2048);
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Instant to = from.plus(400, ChronoUnit.DAYS);
        X509Certificate cert = TestCertificates.selfSigned(kp, "svc-billing", BigInteger.valueOf(0xBEEF), from, to);
        KeyMaterial.Result r = KeyMaterial.describe(Category.CERTIFICATE, TestCertificates.pem(cert));
        assertThat(r.invalid()).isFalse();
        assertThat(r.attributes()).containsEntry("subject", "CN=svc-billing").containsEntry("issuer", "CN=svc-billing")
                .containsEntry("serial", "beef").containsEntry("notBefore", "2024-01-01T00:00:00Z")
                .containsEntry("notAfter", to.toString()).containsEntry("selfSigned", "true")
                .containsEntry("keyAlgorithm", "RSA").containsEntry("keySize", "2048");
    }

    @Test
    void caSignedEcCertificate() {
        KeyPair ca = keyPair("RSA", 2048);
        KeyPair leaf = keyPair("EC", 256);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = TestCertificates.signed(leaf, "api.acme.test", ca, "Acme Issuing CA",
                BigInteger.valueOf(7), now, now.plus(90, ChronoUnit.DAYS));
        Map<String, String> a = KeyMaterial.describe(Category.CERTIFICATE, TestCertificates.pem(cert)).attributes();
        assertThat(a).containsEntry("subject", "CN=api.acme.test").containsEntry("issuer", "CN=Acme Issuing CA")
                .containsEntry("selfSigned", "false").containsEntry("keyAlgorithm", "EC").containsEntry("keySize", "256");
    }

    @Test
    void jwtClaims() {
        String token = jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"https://login.acme.test\",\"sub\":\"ci-deployer\",\"aud\":[\"api\",\"billing\"],"
                        + "\"exp\":1700000000,\"iat\":1690000000}", TestSecrets.alnum(43));
        KeyMaterial.Result r = KeyMaterial.describe(Category.TOKEN, token);
        assertThat(r.invalid()).isFalse();
        assertThat(r.attributes()).containsEntry("alg", "RS256").containsEntry("iss", "https://login.acme.test")
                .containsEntry("sub", "ci-deployer").containsEntry("aud", "api,billing")
                .containsEntry("exp", "2023-11-14T22:13:20Z").containsEntry("iat", "2023-07-22T04:26:40Z");
        String unsigned = jwt("{\"alg\":\"none\"}", "{\"sub\":\"admin\"}", "");
        assertThat(KeyMaterial.describe(Category.TOKEN, unsigned).attributes()).containsEntry("alg", "none");
        String notJson = "eyJhbGciOiJIUzI1NiJ9." + "eyJub3QganNvbg" + "." + TestSecrets.alnum(20);
        assertThat(KeyMaterial.describe(Category.TOKEN, notJson).invalid()).isTrue();
    }

    @Test
    void awsAccountIdDecodesCurrentGenerationKeyIds() {
        for (long account : new long[] {609629065308L, 1L, 999999999999L, 123456789012L}) {
            String keyId = awsKeyId("AKIA", account);
            assertThat(KeyMaterial.describe(Category.API_KEY, keyId).attributes())
                    .containsEntry("awsAccountId", String.format("%012d", account));
            assertThat(AwsKeyIds.accountId("ASIA" + keyId.substring(4))).isEqualTo(String.format("%012d", account));
        }
        // old generation (first bit after the prefix clear, e.g. AKIAI...): no account id
        String old = "AK" + "IAI" + TestSecrets.BASE32.substring(0, 15);
        assertThat(AwsKeyIds.accountId(old)).isNull();
        assertThat(AwsKeyIds.accountId("not-a-key")).isNull();
    }

    // --- builders ---

    /** A key id of the current generation carrying {@code account}: generation bit, 40 account bits, random rest. */
    static String awsKeyId(String prefix, long account) {
        String alphabet = TestSecrets.BASE32;
        SecureRandom r = new SecureRandom();
        BigInteger bits = BigInteger.ONE.shiftLeft(79)
                .or(BigInteger.valueOf(account).shiftLeft(39))
                .or(new BigInteger(39, r));
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 15; i >= 0; i--) {
            sb.append(alphabet.charAt(bits.shiftRight(i * 5).intValue() & 31));
        }
        return sb.toString();
    }

    static String jwt(String header, String payload, String signature) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        return e.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    private static byte[] openssh(String cipher, byte[] publicBlob) {
        return concat("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII), str(cipher),
                str(cipher.equals("none") ? "none" : "bcrypt"), str(new byte[0]), ByteBuffer.allocate(4).putInt(1).array(),
                str(publicBlob), str(randomBytes(64)));
    }

    private static byte[] sshString(String type, byte[] key) {
        return concat(str(type), str(key));
    }

    private static byte[] str(String s) {
        return str(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] str(byte[] b) {
        return concat(ByteBuffer.allocate(4).putInt(b.length).array(), b);
    }

    private static byte[] mpint(BigInteger v) {
        return str(v.toByteArray());
    }

    private static byte[] pgpMpi(BigInteger v) {
        byte[] mag = v.toByteArray();
        if (mag[0] == 0) {
            mag = java.util.Arrays.copyOfRange(mag, 1, mag.length);
        }
        int bits = v.bitLength();
        return concat(new byte[] {(byte) (bits >> 8), (byte) bits}, mag);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
