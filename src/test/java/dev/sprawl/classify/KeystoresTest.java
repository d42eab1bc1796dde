package dev.sprawl.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestCertificates;
import dev.sprawl.TestSecrets;
import dev.sprawl.rules.Confidence;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keystores are recognised by their bytes; every store here is built at test time with the JDK. */
class KeystoresTest {

    static byte[] keystore(String type, String password, boolean withKey) throws Exception {
        KeyPair kp = TestCertificates.keyPair("EC", 256);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = TestCertificates.selfSigned(kp, "svc-payments", BigInteger.TEN, now,
                now.plus(30, ChronoUnit.DAYS));
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        if (withKey) {
            ks.setKeyEntry("svc", kp.getPrivate(), password.toCharArray(), new Certificate[] {cert});
        } else {
            ks.setCertificateEntry("ca", cert);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password.toCharArray());
        return out.toByteArray();
    }

    private static List<Finding> classify(byte[] bytes, String path) {
        return Keystores.classify(new Blob(bytes, bytes.length, List.of(Provenance.file(path))));
    }

    @Test
    void pkcs12WithUnknownPasswordIsReportedWithoutOpening() throws Exception {
        byte[] p12 = keystore("PKCS12", TestSecrets.password(), true);
        List<Finding> f = classify(p12, "deploy/signing.bin");
        assertThat(f).hasSize(1);
        Finding k = f.get(0);
        assertThat(k.rule().name()).isEqualTo("PKCS#12 keystore");
        assertThat(k.rule().category().label()).isEqualTo("private-key");
        assertThat(k.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(k.attributes()).containsEntry("format", "PKCS12").doesNotContainKey("weakPassword");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(p12));
        assertThat(k.secret().fingerprint()).isEqualTo("sha256:" + sha);
        assertThat(k.secret().redacted()).isEqualTo("(binary, " + p12.length + " bytes)");
        assertThat(k.location().line()).isEqualTo(1);
    }

    @Test
    void weakPasswordsAreNamed() throws Exception {
        Finding changeit = classify(keystore("PKCS12", "changeit", true), "a.p12").get(0);
        assertThat(changeit.attributes()).containsEntry("weakPassword", "changeit").containsEntry("privateKeys", "1");
        Finding empty = classify(keystore("PKCS12", "", true), "b.p12").get(0);
        assertThat(empty.attributes()).containsEntry("weakPassword", "empty");
        Finding jks = classify(keystore("JKS", "changeit", true), "keystore.jks").get(0);
        assertThat(jks.rule().name()).isEqualTo("Java keystore");
        assertThat(jks.attributes()).containsEntry("format", "JKS").containsEntry("weakPassword", "changeit");
        Finding jceks = classify(keystore("JCEKS", TestSecrets.password(), true), "store").get(0);
        assertThat(jceks.attributes()).containsEntry("format", "JCEKS");
    }

    @Test
    void trustStoreWithoutPrivateKeysIsLow() throws Exception {
        Finding t = classify(keystore("PKCS12", "changeit", false), "truststore.p12").get(0);
        assertThat(t.attributes()).containsEntry("privateKeys", "0").containsEntry("certificates", "1");
        assertThat(t.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void otherBinariesAreNotKeystores() throws Exception {
        byte[] der = TestCertificates.keyPair("RSA", 2048).getPrivate().getEncoded();
        assertThat(classify(der, "key.der")).isEmpty();
        assertThat(classify(new byte[4096], "zeros.bin")).isEmpty();
        byte[] truncated = java.util.Arrays.copyOf(keystore("PKCS12", "changeit", true), 40);
        assertThat(Keystores.sniff(truncated, truncated.length)).isEqualTo("PKCS12");
        assertThat(classify(truncated, "cut.p12").get(0).attributes()).doesNotContainKey("weakPassword");
    }
}
