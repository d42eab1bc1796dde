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
        "AZURE_STORAGE_CONNECTION_STRING, CONNECTION_STRING", "secret_key_base, API_KEY", "AES256Key, API_KEY",
        "auth_key, API_KEY", "MAILGUN_WEBHOOK_SIGNING_KEY, API_KEY", "_auth, GENERIC_SECRET", "creds, GENERIC_SECRET",
        "id_rsa, PRIVATE_KEY", "GITLAB_PAT, TOKEN",
    })
    void credentialNames(String key, Category expected) {
        assertThat(CredentialKeys.categoryOf(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "DB_USER", "PASSWORD_FILE", "password_file", "TOKEN_URL", "token_endpoint",
        "secretName", "secret_name", "existingSecret", "existingSecretPasswordKey", "passwordKey", "secretKeyRef",
        "AWS_ACCESS_KEY_ID", "private_key_id", "kms_key_id", "public_key", "publicKey", "password_length",
        "password_policy", "token_ttl", "key", "cache_key", "sort_key", "cert.pem", "tls.crt", "image", "region",
        "DATABASE_URL", "GOOGLE_APPLICATION_CREDENTIALS_FILE", "tokenizer", "secretary", "description", "name", "",
        "primary_key", "salt", "pin", "DB_CONNECTION", "csrf_token", "JsonToken.END_ARRAY", "next_page_token", "Auth0"})
    void otherNames(String key) {
        assertThat(CredentialKeys.categoryOf(key)).as(key).isNull();
    }

    /** One source of truth: a name the analyzers take for a credential means the same to the generic detector. */
    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "clientSecret", "STRIPE_SECRET_KEY", "NPM_TOKEN", "private_key", "tls.key",
        "billingSecretKey", "orbit-token", "x-api-key", "secret_key_base", "auth", "AUTH_SALT"})
    void sameVerdictAsTheGenericDetector(String key) {
        var verdict = dev.sprawl.detect.names.CredentialNames.builtIn().judge(key);
        assertThat(verdict).as(key).isNotNull();
        assertThat(CredentialKeys.categoryOf(key)).as(key).isEqualTo(verdict.category());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PASSWORD_FILE", "token_url", "secret_arn", "client_secret_name"})
    void pointersNameACredentialsPlace(String key) {
        assertThat(CredentialKeys.isPointer(key)).as(key).isTrue();
        assertThat(CredentialKeys.categoryOf(key)).as(key).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"STRIPE_SECRET_KEY", "DB_PASSWORD", "region_name", "password"})
    void credentialsAndOtherNamesAreNoPointers(String key) {
        assertThat(CredentialKeys.isPointer(key)).as(key).isFalse();
    }

    @org.junit.jupiter.api.Test
    void splitsWords() {
        assertThat(CredentialKeys.words("clientSecretKey")).containsExactly("client", "secret", "key");
        assertThat(CredentialKeys.words("AWS_SECRET_ACCESS_KEY")).containsExactly("aws", "secret", "access", "key");
        assertThat(CredentialKeys.words("APIKey")).containsExactly("api", "key");
        assertThat(CredentialKeys.words("acme.io/owner-team")).containsExactly("acme", "io", "owner", "team");
        assertThat(CredentialKeys.words("AES256Key")).containsExactly("aes256", "key");
    }
}
