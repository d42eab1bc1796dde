package dev.sprawl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholdersTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "${VAR}", "${{ secrets.X }}", "{{ .Values.x }}", "<token>", "<your-api-key>",
            "changeme", "CHANGE_ME", "xxxxxxxxxxxx", "XXXX-XXXX", "AKIA" + "IOSFODNN7EXAMPLE", "your_api_key_here",
            "null", "true", "********", "$DB_PASSWORD", "%(password)s", "%API_KEY%", 
            "dummy-token-value", "sk_test_placeholder", "not-set", "&lt;YOUR_TOKEN&gt;", "$BASE_URL/login",
            "env.DB_PASSWORD", "process.env.API_KEY", "os.environ['TOKEN']", "System.getenv(\"TOKEN\")",
            "arn:aws:iam::aws:policy/ReadOnly", "Password:", "#reset-password", "/docs/auth/strong-password",
            "[Server's public key]", "######", "$super$ecret", "$prefix$suffix"})
    void placeholders(String value) {
        assertThat(Placeholders.isPlaceholder(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "secret", "admin", "Qx1234567zz", "letmein", "q7Kx-ABCDEFGHIJ-v2Lm",
            "aaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaend", "1234567890abcdef", "OOzkR1+hF+1ABCsIFDJMEUtqmtnZ1234567890",
            "p4ssw0rd", "s3cr3t", "@dm1n", "P@$$w0rd"})
    void standInsAreReportedLowNotDropped(String value) {
        assertThat(Placeholders.isPlaceholder(value)).isFalse();
        assertThat(Placeholders.isStandIn(value)).isTrue();
    }

    @RepeatedTest(10)
    void modularCryptHashesAreNotVariables() {
        for (String value : java.util.List.of("$2b$10$" + TestSecrets.alnum(53), "$apr1$" + TestSecrets.alnum(8) + "$" + TestSecrets.alnum(22),
                "$6$rounds=5000$" + TestSecrets.alnum(16) + "$" + TestSecrets.alnum(86))) {
            assertThat(Placeholders.isPlaceholder(value)).as(value).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "Secret", "ADMIN", "letmein"})
    void defaultWords(String value) {
        assertThat(Placeholders.isDefaultWord(value)).isTrue();
        assertThat(Placeholders.isPlaceholder(value)).isFalse();
    }

    @RepeatedTest(50)
    void randomTokensAreNotPlaceholders() {
        assertThat(Placeholders.isPlaceholder(TestSecrets.alnum(32))).isFalse();
        assertThat(Placeholders.isPlaceholder(TestSecrets.password())).isFalse();
        assertThat(Placeholders.isStandIn(TestSecrets.alnum(32))).isFalse();
    }
}
