package dev.sprawl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @RepeatedTest(20)
    void generatedGithubTokensValidate() {
        for (String prefix : new String[] {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
            assertThat(Validators.check("github-checksum", TestSecrets.githubToken(prefix))).isTrue();
        }
    }

    @RepeatedTest(20)
    void corruptedChecksumFails() {
        assertThat(Validators.check("github-checksum", TestSecrets.githubTokenBadChecksum("ghp_"))).isFalse();
    }

    @Test
    void base62PadsToWidth() {
        assertThat(Validators.base62(0, 6)).isEqualTo("000000");
        assertThat(Validators.base62(61, 6)).isEqualTo("00000z");
        assertThat(Validators.base62(62, 6)).isEqualTo("000010");
        assertThat(Validators.base62(0xFFFFFFFFL, 6)).isEqualTo("4gfFC3");
    }

    @Test
    void wrongLengthFails() {
        assertThat(Validators.check("github-checksum", "ghp_abc")).isFalse();
    }

    @RepeatedTest(10)
    void npmTokensUseTheGithubScheme() {
        assertThat(Validators.check("npm-checksum", TestSecrets.githubToken("npm_"))).isTrue();
        assertThat(Validators.check("npm-checksum", TestSecrets.githubTokenBadChecksum("npm_"))).isFalse();
    }

    @Test
    void bech32() {
        String data = bech32Data(52);
        String valid = "age-secret-key-1" + data + bech32Checksum("age-secret-key-", data);
        assertThat(Validators.check("bech32", valid.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(Validators.check("bech32", valid)).isTrue();
        char last = valid.charAt(valid.length() - 1);
        String broken = valid.substring(0, valid.length() - 1) + (last == 'q' ? 'p' : 'q');
        assertThat(Validators.check("bech32", broken)).isFalse();
        assertThat(Validators.check("bech32", "nsec1" + data)).isFalse();
        assertThat(Validators.check("bech32", "no-separator")).isFalse();
    }

    @Test
    void base58check() throws Exception {
        byte[] payload = new byte[34];
        new java.security.SecureRandom().nextBytes(payload);
        payload[0] = (byte) 0x80;
        byte[] hash = Base58Check.sha256(Base58Check.sha256(payload));
        byte[] full = java.util.Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(hash, 0, full, payload.length, 4);
        String wif = base58(full);
        assertThat(Validators.check("base58check", wif)).isTrue();
        full[full.length - 1] ^= 1;
        assertThat(Validators.check("base58check", base58(full))).isFalse();
        assertThat(Validators.check("base58check", "0OIl")).isFalse();
    }

    @Test
    void pypiMacaroon() {
        byte[] sig = new byte[32];
        new java.security.SecureRandom().nextBytes(sig);
        byte[] id = ("{\"version\": 1, \"uid\": \"" + java.util.UUID.randomUUID() + "\"}").getBytes();
        byte[] caveat = "{\"version\": 1, \"permissions\": \"user\"}".getBytes();
        java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
        m.write(2);
        field(m, 1, "pypi.org".getBytes());
        field(m, 2, id);
        m.write(0);
        field(m, 2, caveat);
        m.write(0);
        m.write(0);
        field(m, 6, sig);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String token = "pypi-" + b64.encodeToString(m.toByteArray());
        assertThat(Validators.check("pypi-macaroon", token)).isTrue();
        String cut = token.substring(0, token.length() - 8);
        assertThat(Validators.check("pypi-macaroon", cut)).isFalse();
        byte[] other = m.toByteArray();
        other[4] = 'X'; // location no longer pypi.org
        assertThat(Validators.check("pypi-macaroon", "pypi-" + b64.encodeToString(other))).isFalse();
    }

    private static void field(java.io.ByteArrayOutputStream m, int type, byte[] data) {
        m.write(type);
        int n = data.length;
        while (n >= 0x80) {
            m.write((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        m.write(n);
        m.writeBytes(data);
    }

    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private static String bech32Data(int n) {
        return TestSecrets.seeded(n).randomOf(BECH32, n);
    }

    private static String bech32Checksum(String hrp, String data) {
        int[] values = new int[hrp.length() * 2 + 1 + data.length() + 6];
        int i = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c >> 5;
        }
        values[i++] = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c & 31;
        }
        for (char c : data.toCharArray()) {
            values[i++] = BECH32.indexOf(c);
        }
        int mod = Bech32.polymod(values) ^ 1;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            sb.append(BECH32.charAt((mod >>> (5 * (5 - k))) & 31));
        }
        return sb.toString();
    }

    private static String base58(byte[] data) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        java.math.BigInteger n = new java.math.BigInteger(1, data);
        StringBuilder sb = new StringBuilder();
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (byte b : data) {
            if (b != 0) {
                break;
            }
            sb.append('1');
        }
        return sb.reverse().toString();
    }
}
