package dev.sprawl.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "${DB_PASSWORD}", "$DB_PASSWORD", "$(DbPassword)", "${{ secrets.X }}",
        "{{ .Values.password }}", "{{ vault_db_password }}", "<password>", "changeme", "xxxxxxxxxxxx", "your_token_here",
        "/run/secrets/db_password", "./secrets/token.txt", "~/.ssh/id_rsa", "https://vault.internal.test/v1/secret",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db", "**********", "password", "line one\nline two"})
    void notLiterals(String value) {
        assertThat(Literals.judge(value, Category.PASSWORD)).as(value).isNull();
    }

    @Test
    void confidenceFollowsEntropy() {
        assertThat(Literals.judge(TestSecrets.alnum(24), Category.TOKEN).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(Literals.judge(TestSecrets.password(), Category.PASSWORD).confidence()).isEqualTo(Confidence.HIGH);
        Literals.Verdict word = Literals.judge("postgres", Category.PASSWORD);
        assertThat(word.confidence()).isEqualTo(Confidence.LOW);
        assertThat(word.weak()).isTrue();
        assertThat(Literals.judge("db-admin-pass", Category.PASSWORD).weak()).isTrue();
        assertThat(Literals.judge("Summer24!", Category.PASSWORD).confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void connectionStringsNeedACredential() {
        assertThat(Literals.judge("Server=db;Database=app;Integrated Security=true", Category.CONNECTION_STRING)).isNull();
        assertThat(Literals.judge("Server=db;Database=app;Password=" + TestSecrets.alnum(14), Category.CONNECTION_STRING))
                .isNotNull();
        assertThat(Literals.judge("https://" + TestSecrets.hex(32) + "@o1.ingest.sentry.test/42", Category.CONNECTION_STRING))
                .isNotNull();
    }

    @Test
    void pemBlocksAreHigh() {
        assertThat(Literals.judge(TestSecrets.rsaPrivateKeyPem(), Category.PRIVATE_KEY).confidence())
                .isEqualTo(Confidence.HIGH);
    }
}
