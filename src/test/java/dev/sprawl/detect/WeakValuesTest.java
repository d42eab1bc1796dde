package dev.sprawl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeakValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"user.password", "config.db.secret", "DB_PASSWORD", "quoted-string", "current_token",
            "CorrectHorseBattery", "./secrets/key.pem", "/etc/app/token", "https://vault.internal/v1/x"})
    void namesPathsAndWordsAreWeak(String value) {
        assertThat(WeakValues.isWeak(value)).isTrue();
    }

    @RepeatedTest(20)
    void randomValuesWithDigitsAreNotWeak() {
        assertThat(WeakValues.isWeak(TestSecrets.alnum(11) + "7" + TestSecrets.alnum(8))).isFalse();
        assertThat(WeakValues.isWeak(TestSecrets.password())).isFalse();
    }

    @Test
    void randomLettersAreRarelyTakenForWords() {
        TestSecrets gen = TestSecrets.seeded(7);
        int weak = 0;
        for (int i = 0; i < 2000; i++) {
            if (WeakValues.isWeak(gen.randomOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 24))) {
                weak++;
            }
        }
        assertThat(weak).isLessThan(20); // under 1%: such values are reported low, not dropped
    }
}
