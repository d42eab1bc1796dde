package dev.sprawl.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.rules.Category;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialKeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "DB_PASSWORD, PASSWORD", "password, PASSWORD", "MasterUserPassword, PASSWORD", "db_pass, PASSWORD",
        "POSTGRES_PASSWORD, PASSWORD", "passphrase, PASSWORD", "adminPwd, PASSWORD",
        "NPM_TOKEN, TOKEN", "token, TOKEN", "AuthToken, TOKEN", "id-token, TOKEN", "GITHUB_TOKEN, TOKEN",
        "api_key, API_KEY", "apiKey, API_KEY", "APIKey, API_KEY", "STRIPE_SECRET_KEY, API_KEY",
        "AWS_SECRET_ACCESS_KEY, API_KEY", "secret_key, API_KEY", "access_key, API_KEY", "x-api-key, API_KEY",
        "client_secret, GENERIC_SECRET", "clientSecret, GENERIC_SECRET", "SecretString, GENERIC_SECRET",
        "WEBHOOK_SECRET, GENERIC_SECRET", "credentials, GENERIC_SECRET", "auth, GENERIC_SECRET",
        "private_key, PRIVATE_KEY", "privateKey, PRIVATE_KEY", "tls.key, PRIVATE_KEY", "ssh-privatekey, PRIVATE_KEY",
        "client-key-data, PRIVATE_KEY", "private_key_pem, PRIVATE_KEY", "key.pem, PRIVATE_KEY",
        "ConnectionString, CONNECTION_STRING", "SENTRY_DSN, CONNECTION_STRING",
    })
    void credentialNames(String key, Category expected) {
        assertThat(CredentialKeys.categoryOf(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "DB_USER", "PASSWORD_FILE", "password_file", "TOKEN_URL", "token_endpoint",
        "secretName", "secret_name", "existingSecret", "existingSecretPasswordKey", "passwordKey", "secretKeyRef",
        "AWS_ACCESS_KEY_ID", "private_key_id", "kms_key_id", "public_key", "publicKey", "password_length",
        "password_policy", "token_ttl", "key", "cache_key", "sort_key", "cert.pem", "tls.crt", "image", "region",
        "DATABASE_URL", "GOOGLE_APPLICATION_CREDENTIALS_FILE", "tokenizer", "secretary", "description", "name", ""})
    void otherNames(String key) {
        assertThat(CredentialKeys.categoryOf(key)).as(key).isNull();
    }

    @org.junit.jupiter.api.Test
    void splitsWords() {
        assertThat(CredentialKeys.words("clientSecretKey")).containsExactly("client", "secret", "key");
        assertThat(CredentialKeys.words("AWS_SECRET_ACCESS_KEY")).containsExactly("aws", "secret", "access", "key");
        assertThat(CredentialKeys.words("APIKey")).containsExactly("api", "key");
        assertThat(CredentialKeys.words("acme.io/owner-team")).containsExactly("acme", "io", "owner", "team");
    }
}
