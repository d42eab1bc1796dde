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
}
