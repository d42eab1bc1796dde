package dev.sprawl.eval;

import static dev.sprawl.eval.Format.clean;
import static dev.sprawl.eval.Syntaxes.CODE;
import static dev.sprawl.eval.Syntaxes.EQUALS;
import static dev.sprawl.eval.Syntaxes.INI;
import static dev.sprawl.eval.Syntaxes.JSON;
import static dev.sprawl.eval.Syntaxes.XML_ATTR;
import static dev.sprawl.eval.Syntaxes.YAML;

import java.util.List;

/**
 * Ordinary configuration and code without any secret, full of credential-sounding words: OAuth
 * endpoints, password policies, key bindings, key file paths, URLs without credentials, UUID ids, code
 * that handles passwords without holding one. Every value line is a decoy.
 */
final class CleanFormats {

    private CleanFormats() {
    }

    static List<Format> all() {
        return List.of(
            clean("clean-oauth-config", "config/oauth.yml", CleanFormats::oauth),
            clean("clean-password-policy", "etc/security/policy.ini", CleanFormats::policy),
            clean("clean-keyboard-config", ".config/keyboard.conf", CleanFormats::keyboard),
            clean("clean-app-properties", "src/main/resources/application-defaults.properties", CleanFormats::props),
            clean("clean-package-json", "web/package.json", CleanFormats::packageJson),
            clean("clean-java-code", "src/main/java/com/acme/auth/PasswordService.java", CleanFormats::javaCode),
            clean("clean-python-code", "app/auth/tokens.py", CleanFormats::pythonCode),
            clean("clean-ids-and-hashes", "data/releases.json", CleanFormats::ids),
            clean("clean-ssh-config", ".ssh/config", CleanFormats::sshConfig),
            clean("clean-csproj", "Api/Api.csproj", CleanFormats::csproj));
    }

    static void oauth(Doc d) {
        Gen g = d.g;
        String idp = "https://login." + g.domain();
        d.line("oauth:");
        d.decoy(YAML, "  issuer: " + idp + "/");
        d.decoy(YAML, "  authorization_endpoint: " + idp + "/oauth2/authorize");
        d.decoy(YAML, "  token_endpoint: " + idp + "/oauth2/token");
        d.decoy(YAML, "  token_endpoint_auth_method: client_secret_basic");
        d.decoy(YAML, "  jwks_uri: " + idp + "/.well-known/jwks.json");
        d.decoy(YAML, "  client_id: " + g.uuid());
        d.decoy(YAML, "  client_secret_env: OAUTH_CLIENT_SECRET");
        d.decoy(YAML, "  access_token_lifetime: 3600");
        d.decoy(YAML, "  refresh_token_rotation: true");
        d.decoy(YAML, "  secret_manager: aws-secrets-manager");
        d.decoy(YAML, "  password_grant_enabled: false");
        d.decoy(YAML, "  scopes: [openid, profile, email, offline_access]");
    }

    static void policy(Doc d) {
        d.line("[password]");
        d.decoy(INI, "password_min_length = 14");
        d.decoy(INI, "password_max_age_days = 90");
        d.decoy(INI, "password_history = 12");
        d.decoy(INI, "password_require_symbols = true");
        d.decoy(INI, "password_hash = argon2id");
        d.line("\n[session]");
        d.decoy(INI, "session_timeout = 30m");
        d.decoy(INI, "session_cookie_name = __Host-session");
        d.decoy(INI, "token_length = 32");
        d.decoy(INI, "secret_rotation = weekly");
        d.decoy(INI, "api_key_header = X-Api-Key");
        d.line("\n[lockout]\nmax_attempts = 5\nwindow = 15m");
    }

    static void keyboard(Doc d) {
        d.decoy(EQUALS, "keyboard=pc105");
        d.decoy(EQUALS, "keymap=de-latin1-nodeadkeys");
        d.decoy(EQUALS, "key_repeat_delay=250");
        d.decoy(EQUALS, "key_repeat_rate=30");
        d.decoy(EQUALS, "compose_key=ralt");
        d.decoy(EQUALS, "passthrough_keys=F13,F14,F15");
        d.decoy(EQUALS, "hotkey.lock=Super+L");
        d.decoy(EQUALS, "monkey_mode=false");
    }

    static void props(Doc d) {
        Gen g = d.g;
        d.decoy(EQUALS, "server.ssl.key-store=/etc/app/keystore.p12");
        d.decoy(EQUALS, "server.ssl.key-store-type=PKCS12");
        d.decoy(EQUALS, "server.ssl.key-alias=" + g.service());
        d.decoy(EQUALS, "spring.datasource.url=jdbc:postgresql://" + g.host() + ":5432/" + g.service());
        d.decoy(EQUALS, "spring.datasource.username=" + g.user());
        d.decoy(EQUALS, "spring.datasource.password=${DB_PASSWORD}");
        d.decoy(EQUALS, "app.jwt.public-key-location=classpath:keys/jwt.pub");
        d.decoy(EQUALS, "app.private-key-path=/run/secrets/signing.pem");
        d.decoy(EQUALS, "app.api-key-header=X-Api-Key");
        d.decoy(EQUALS, "app.token.ttl=PT15M");
        d.decoy(EQUALS, "app.webhook.url=https://hooks." + g.domain() + "/incoming");
        d.decoy(EQUALS, "app.tenant-id=" + g.uuid());
    }

    static void packageJson(Doc d) {
        Gen g = d.g;
        d.line("{");
        d.decoy(JSON, "  \"name\": \"@" + g.service() + "/web\",");
        d.decoy(JSON, "  \"version\": \"2.4.1\",");
        d.line("  \"scripts\": {");
        d.decoy(JSON, "    \"token:refresh\": \"node scripts/refresh-token.js\",");
        d.decoy(JSON, "    \"build\": \"vite build\"");
        d.line("  },\n  \"dependencies\": {");
        d.decoy(JSON, "    \"jsonwebtoken\": \"^9.0.2\",");
        d.decoy(JSON, "    \"bcrypt\": \"^5.1.1\",");
        d.decoy(JSON, "    \"passport-oauth2\": \"^1.8.0\"");
        d.line("  },");
        d.decoy(JSON, "  \"integrity\": \"sha512-" + Gen.b64(g.bytes(64)) + "\",");
        d.decoy(JSON, "  \"packageManager\": \"pnpm@9.1.0\"");
        d.line("}");
    }

    static void javaCode(Doc d) {
        d.line("package com.acme.auth;\n\nimport java.security.SecureRandom;\nimport java.util.Base64;\n\n"
                + "final class PasswordService {\n");
        d.decoy(CODE, "    private static final int PASSWORD_MIN_LENGTH = 12;");
        d.decoy(CODE, "    private static final String PASSWORD_FIELD = \"password\";");
        d.decoy(CODE, "    private static final String TOKEN_HEADER = \"Authorization\";");
        d.decoy(CODE, "    private static final String SECRET_ENV = \"APP_SECRET\";");
        d.line("    private final SecureRandom random = new SecureRandom();\n    private final PasswordEncoder encoder;\n");
        d.line("    PasswordService(PasswordEncoder encoder) {\n        this.encoder = encoder;\n    }\n");
        d.decoy(CODE, "    boolean matches(String password, String hash) {");
        d.line("        return encoder.matches(password, hash);\n    }\n");
        d.line("    String newToken() {\n        byte[] b = new byte[32];\n        random.nextBytes(b);");
        d.decoy(CODE, "        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);");
        d.line("        return token;\n    }\n");
        d.decoy(CODE, "    String secretFromEnv() {\n        return System.getenv(SECRET_ENV);\n    }");
        d.line("}");
    }

    static void pythonCode(Doc d) {
        d.line("import os\nimport secrets\n\n");
        d.decoy(CODE, "API_KEY = os.environ[\"API_KEY\"]");
        d.decoy(CODE, "DB_PASSWORD = os.getenv(\"DB_PASSWORD\", \"\")");
        d.decoy(CODE, "TOKEN_URL = \"https://oauth2.googleapis.com/token\"");
        d.decoy(CODE, "SECRET_KEY = settings.SECRET_KEY");
        d.line("\n\ndef new_token():");
        d.decoy(CODE, "    return secrets.token_urlsafe(32)");
        d.line("\n\ndef login(client, username, password):");
        d.decoy(CODE, "    return client.post(\"/login\", data={\"username\": username, \"password\": password})");
        d.line("\n\ndef headers(token):");
        d.decoy(CODE, "    return {\"Authorization\": f\"Bearer {token}\"}");
    }

    static void ids(Doc d) {
        Gen g = d.g;
        d.line("{\n  \"releases\": [");
        for (int i = 0; i < 4; i++) {
            d.decoy(JSON, "    {\"id\": \"" + g.uuid() + "\", \"commit\": \"" + g.of(Gen.HEX, 40) + "\", \"sha256\": \""
                    + g.of(Gen.HEX, 64) + "\", \"build\": " + g.between(1000, 9999) + "}" + (i < 3 ? "," : ""));
        }
        d.line("  ],");
        d.decoy(JSON, "  \"keyId\": \"" + g.uuid() + "\",");
        d.decoy(JSON, "  \"publicKey\": \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.of(Gen.ALNUM, 43) + " ci@build\"");
        d.line("}");
    }

    static void sshConfig(Doc d) {
        Gen g = d.g;
        d.line("Host bastion");
        d.decoy(Syntaxes.SPACE, "    HostName " + g.host());
        d.decoy(Syntaxes.SPACE, "    User " + g.user());
        d.decoy(Syntaxes.SPACE, "    IdentityFile ~/.ssh/id_ed25519");
        d.decoy(Syntaxes.SPACE, "    PasswordAuthentication no");
        d.decoy(Syntaxes.SPACE, "    PubkeyAuthentication yes");
        d.line("\nHost *.internal");
        d.decoy(Syntaxes.SPACE, "    ProxyJump bastion");
        d.decoy(Syntaxes.SPACE, "    AddKeysToAgent yes");
    }

    static void csproj(Doc d) {
        Gen g = d.g;
        d.line("<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>");
        d.decoy(Syntaxes.XML_ELEM, "    <UserSecretsId>" + g.uuid() + "</UserSecretsId>");
        d.decoy(Syntaxes.XML_ELEM, "    <SignAssembly>true</SignAssembly>");
        d.decoy(Syntaxes.XML_ELEM, "    <AssemblyOriginatorKeyFile>../keys/public.snk</AssemblyOriginatorKeyFile>");
        d.line("  </PropertyGroup>\n  <ItemGroup>");
        d.decoy(XML_ATTR, "    <PackageReference Include=\"Microsoft.AspNetCore.Authentication.JwtBearer\" Version=\"8.0.4\" />");
        d.decoy(XML_ATTR, "    <PackageReference Include=\"Azure.Security.KeyVault.Secrets\" Version=\"4.6.0\" />");
        d.line("  </ItemGroup>\n</Project>");
    }
}
