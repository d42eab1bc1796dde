package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestCertificates;
import dev.sprawl.TestSecrets;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material through the whole CLI: parsed attributes and the governance findings they lead to. */
class KeyMaterialScanTest {

    @TempDir
    Path dir;

    private static JsonNode byRule(JsonNode inv, String rule) {
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("rule").asText().equals(rule)) {
                return s;
            }
        }
        throw new AssertionError("no secret of rule " + rule + " in " + inv.path("secrets"));
    }

    private static List<String> codes(JsonNode secret) {
        List<String> out = new ArrayList<>();
        secret.path("findings").forEach(f -> out.add(f.path("code").asText()));
        return out;
    }

    @Test
    void certificatesKeysKeystoresAndTokensCarryTheirAttributes() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair kp = TestCertificates.keyPair("RSA", 2048);
        X509Certificate expired = TestCertificates.selfSigned(kp, "legacy-gateway", BigInteger.valueOf(42),
                now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS));
        Files.writeString(dir.resolve("gateway.crt"), TestCertificates.pem(expired));
        X509Certificate soon = TestCertificates.selfSigned(TestCertificates.keyPair("EC", 256), "api", BigInteger.TWO,
                now.minus(60, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        Files.writeString(dir.resolve("api.crt"), TestCertificates.pem(soon));
        Files.writeString(dir.resolve("service.pem"), TestSecrets.rsaPrivateKeyPem());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("svc", kp.getPrivate(), "changeit".toCharArray(), new Certificate[] {expired});
        ByteArrayOutputStream p12 = new ByteArrayOutputStream();
        ks.store(p12, "changeit".toCharArray());
        Files.write(dir.resolve("client-identity"), p12.toByteArray());

        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"svc-batch\",\"iss\":\"https://sso.acme.test\",\"exp\":"
                + now.minus(1, ChronoUnit.DAYS).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)) + ".";
        Files.writeString(dir.resolve("debug.env"), "DEBUG_TOKEN=" + jwt + "\n");

        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();

        JsonNode cert = null;
        JsonNode expiring = null;
        for (JsonNode s : inv.path("secrets")) {
            if (s.at("/locations/0/path").asText().equals("gateway.crt")) {
                cert = s;
            } else if (s.at("/locations/0/path").asText().equals("api.crt")) {
                expiring = s;
            }
        }
        assertThat(cert).isNotNull();
        assertThat(cert.path("category").asText()).isEqualTo("certificate");
        assertThat(cert.at("/attributes/subject").asText()).isEqualTo("CN=legacy-gateway");
        assertThat(cert.at("/attributes/serial").asText()).isEqualTo("2a");
        assertThat(cert.at("/attributes/selfSigned").asText()).isEqualTo("true");
        assertThat(cert.at("/attributes/keySize").asText()).isEqualTo("2048");
        assertThat(codes(cert)).contains("certificate-expired");
        assertThat(expiring).isNotNull();
        assertThat(codes(expiring)).contains("certificate-expiring").doesNotContain("certificate-expired");
        assertThat(expiring.at("/attributes/keyAlgorithm").asText()).isEqualTo("EC");

        JsonNode key = byRule(inv, "pem-pkcs8-private-key");
        assertThat(key.at("/attributes/algorithm").asText()).isEqualTo("RSA");
        assertThat(key.at("/attributes/size").asText()).isEqualTo("2048");
        assertThat(key.at("/attributes/encrypted").asText()).isEqualTo("false");
        assertThat(key.path("confidence").asText()).isEqualTo("high");

        JsonNode store = byRule(inv, "pkcs12-keystore");
        assertThat(store.path("type").asText()).isEqualTo("PKCS#12 keystore");
        assertThat(store.path("category").asText()).isEqualTo("private-key");
        assertThat(store.at("/attributes/weakPassword").asText()).isEqualTo("changeit");
        assertThat(store.at("/locations/0/path").asText()).isEqualTo("client-identity");
        assertThat(inv.at("/scan/stats/binarySkipped").asLong()).isZero();

        JsonNode token = byRule(inv, "jwt-unsigned-token");
        assertThat(token.at("/attributes/alg").asText()).isEqualTo("none");
        assertThat(token.at("/attributes/sub").asText()).isEqualTo("svc-batch");
        assertThat(codes(token)).contains("jwt-alg-none", "token-expired");
    }

    @Test
    void malformedKeyMaterialIsKeptAtLowerConfidence() throws Exception {
        byte[] junk = new byte[600];
        new java.security.SecureRandom().nextBytes(junk);
        String label = "RSA PRIVATE" + " KEY";
        Files.writeString(dir.resolve("fake.key"), TestCertificates.pem(label, junk));
        JsonNode inv = Cli.run("scan", dir.toString(), "-f", "json").json();
        JsonNode key = byRule(inv, "pem-rsa-private-key");
        assertThat(key.at("/attributes/structure").asText()).isEqualTo("invalid");
        assertThat(key.path("confidence").asText()).isEqualTo("medium");
    }
}
