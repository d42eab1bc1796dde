package dev.sprawl.analyze.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.analyze.Analysis;
import dev.sprawl.classify.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContainerAnalyzersTest {

    @Test
    void dockerfileEnvAndArgLiterals() {
        String token = TestSecrets.alnum(28);
        String pw = TestSecrets.password();
        String legacy = TestSecrets.alnum(20);
        String aws = TestSecrets.awsAccessKeyId();
        Analysis a = Analysis.of("build/Dockerfile", """
                # syntax=docker/dockerfile:1
                FROM alpine:3.20
                ARG NPM_TOKEN
                ARG DB_PASSWORD=%s
                ENV APP_TOKEN=%s OTHER=1 \\
                    EMPTY_SECRET="" REF_TOKEN=${NPM_TOKEN}
                ENV LEGACY_API_KEY %s
                ENV AWS_ACCESS_KEY_ID=%s
                RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
                RUN --mount=type=secret,target=/run/secrets/gh_token ./fetch.sh
                """.formatted(pw, token, legacy, aws));
        Finding t = a.finding(token);
        assertThat(t.rule().id()).isEqualTo("dockerfile-literal-credential");
        assertThat(t.rule().category().label()).isEqualTo("token");
        assertThat(t.location().context()).isEqualTo("container");
        assertThat(t.location().line()).isEqualTo(5);
        assertThat(t.location().column()).isEqualTo(15);
        assertThat(t.location().details().get("key")).isEqualTo("ENV.APP_TOKEN");
        assertThat(a.finding(pw).location().details().get("key")).isEqualTo("ARG.DB_PASSWORD");
        assertThat(a.finding(legacy).rule().category().label()).isEqualTo("api-key");
        assertThat(a.finding(aws).rule().provider()).isEqualTo("aws");
        assertThat(a.findings()).as(a.describe()).hasSize(4);
        assertThat(a.referenced("docker-build-secret")).containsExactlyInAnyOrder("npmrc", "gh_token");
    }

    @Test
    void dockerfileEscapeDirective() {
        String token = TestSecrets.alnum(24);
        Analysis a = Analysis.of("win/Dockerfile", "# escape=`\nFROM mcr.microsoft.com/windows/servercore\n"
                + "ENV BUILD_TOKEN=" + token + " `\n    OTHER=C:\\tools\\\n");
        assertThat(a.finding(token).location().details()).containsEntry("key", "ENV.BUILD_TOKEN");
        assertThat(a.findings()).hasSize(1);
    }

    @Test
    void composeEnvironmentAndBuildArgs() {
        String pg = TestSecrets.password();
        String key = TestSecrets.alnum(26);
        String arg = TestSecrets.alnum(22);
        Analysis a = Analysis.of("docker-compose.yml", """
                x-common: &common
                  environment:
                    - SHARED_API_KEY=%s
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                      POSTGRES_USER: app
                      PGPASSWORD: ${PGPASSWORD}
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_root
                    secrets: [db_root]
                  web:
                    <<: *common
                    build:
                      context: .
                      args:
                        - GITHUB_TOKEN=%s
                    secrets:
                      - source: api_cert
                secrets:
                  db_root:
                    file: ./db_root.txt
                """.formatted(key, pg, arg));
        Finding f = a.finding(pg);
        assertThat(f.rule().id()).isEqualTo("compose-literal-credential");
        assertThat(f.location().context()).isEqualTo("container");
        assertThat(f.location().details()).containsEntry("resource", "service db")
                .containsEntry("key", "services.db.environment.POSTGRES_PASSWORD");
        assertThat(a.finding(key).location().details()).containsEntry("key", "services.web.environment[0].SHARED_API_KEY");
        assertThat(a.finding(arg).rule().category().label()).isEqualTo("token");
        assertThat(a.findings()).as(a.describe()).hasSize(3);
        assertThat(a.referenced("compose-secret")).containsExactlyInAnyOrder("db_root", "api_cert");
    }

    @Test
    void dockerConfigAuths() {
        String pw = TestSecrets.password();
        String auth = Base64.getEncoder().encodeToString(("robot$ci:" + pw).getBytes(StandardCharsets.UTF_8));
        String identity = TestSecrets.alnum(40);
        Analysis a = Analysis.of("home/.docker/config.json", """
                {"auths": {"registry.acme.test": {"auth": "%s"},
                           "ghcr.io": {"identitytoken": "%s"}},
                 "credsStore": "desktop"}
                """.formatted(auth, identity));
        Finding p = a.finding(pw);
        assertThat(p.rule().id()).isEqualTo("docker-registry-auth");
        assertThat(p.rule().category().label()).isEqualTo("password");
        assertThat(p.location().context()).isEqualTo("config");
        assertThat(p.location().details()).containsEntry("encoding", "base64");
        assertThat(a.finding(identity).rule().category().label()).isEqualTo("token");
    }
}
