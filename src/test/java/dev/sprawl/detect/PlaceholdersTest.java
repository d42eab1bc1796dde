package dev.sprawl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholdersTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "${VAR}", "${{ secrets.X }}", "{{ .Values.x }}", "<token>", "<your-api-key>",
            "changeme", "CHANGE_ME", "xxxxxxxxxxxx", "XXXX-XXXX", "AKIAIOSFODNN7EXAMPLE", "your_api_key_here",
            "password", "null", "true", "********", "$DB_PASSWORD", "%(password)s", "%API_KEY%", "aaaaaaaaaaaa",
            "dummy-token-value", "sk_test_placeholder", "1234567890"})
    void placeholders(String value) {
        assertThat(Placeholders.isPlaceholder(value)).isTrue();
    }

    @RepeatedTest(50)
    void randomTokensAreNotPlaceholders() {
        assertThat(Placeholders.isPlaceholder(TestSecrets.alnum(32))).isFalse();
        assertThat(Placeholders.isPlaceholder(TestSecrets.password())).isFalse();
    }
}
