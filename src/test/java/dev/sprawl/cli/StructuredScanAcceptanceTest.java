package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario: a repository with literal credentials in a GitHub workflow,
 * {@code .gitlab-ci.yml}, a Jenkinsfile, {@code main.tf}, {@code terraform.tfstate}, a CloudFormation
 * template, a Kubernetes Secret (base64), Helm values and docker-compose reports each with the right
 * category and context, none of the references or placeholders beside them, and lists the references.
 */
class StructuredScanAcceptanceTest {

    @TempDir
    Path dir;

    /** secret -> expected category, context */
    private final Map<String, String[]> planted = new LinkedHashMap<>();

    private void write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private String plant(String secret, String category, String context) {
        planted.put(secret, new String[] {category, context});
        return secret;
    }

    @BeforeEach
    void repository() throws IOException {
        write(".github/workflows/release.yml", """
                name: release
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    env:
                      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
                      SENTRY_AUTH_TOKEN: %s
                      EMPTY_PASSWORD: ""
                    steps:
                      - run: npm publish
                """.formatted(plant(TestSecrets.alnum(32), "token", "ci")));
        write(".gitlab-ci.yml", """
                variables:
                  DB_PASSWORD: "%s"
                  API_TOKEN: $CI_API_TOKEN
                  PLACEHOLDER_SECRET: changeme
                deploy:
                  script: [./deploy.sh]
                """.formatted(plant(TestSecrets.password(), "password", "ci")));
        write("Jenkinsfile", """
                pipeline {
                  agent any
                  environment {
                    REGISTRY_PASSWORD = '%s'
                    AWS_CREDS = credentials('aws-deploy')
                  }
                  stages { stage('x') { steps { sh 'make' } } }
                }
                """.formatted(plant(TestSecrets.password(), "password", "ci")));
        write("infra/main.tf", """
                resource "aws_db_instance" "main" {
                  password = "%s"
                  tags = { owner = "team-payments" }
                }
                resource "aws_db_instance" "replica" {
                  password = var.db_password
                }
                data "aws_secretsmanager_secret_version" "api" {
                  secret_id = "prod/api/key"
                }
                """.formatted(plant(TestSecrets.password(), "password", "iac")));
        write("infra/terraform.tfstate", """
                {"version": 4, "outputs": {"admin_token": {"value": "%s", "type": "string", "sensitive": true}},
                 "resources": []}
                """.formatted(plant(TestSecrets.alnum(30), "token", "iac")));
        write("cfn/database.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Db:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      MasterUserPassword: %s
                      ReplicaUserPassword: !Ref DbPassword
                """.formatted(plant(TestSecrets.password(), "password", "iac")));
        String k8sPassword = plant(TestSecrets.password(), "password", "k8s");
        write("deploy/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db-creds
                  labels: {team: dba}
                data:
                  password: %s
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - name: DB_PASSWORD
                              valueFrom: {secretKeyRef: {name: db-creds, key: password}}
                """.formatted(Base64.getEncoder().encodeToString(k8sPassword.getBytes(StandardCharsets.UTF_8))));
        write("charts/web/values.yaml", """
                auth:
                  existingSecret: web-auth
                  password: %s
                redis:
                  password: ""
                """.formatted(plant(TestSecrets.password(), "password", "k8s")));
        write("docker-compose.yml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                      PGPASSWORD: ${PGPASSWORD}
                """.formatted(plant(TestSecrets.password(), "password", "container")));
    }

    private static JsonNode entry(JsonNode inv, String secret) {
        String fp = new SecretValue(secret).fingerprint();
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void reportsEveryLiteralWithCategoryAndContextAndListsTheReferences() {
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        assertThat(inv.at("/scan/complete").asBoolean()).as(inv.at("/scan/warnings").toString()).isTrue();
        for (Map.Entry<String, String[]> e : planted.entrySet()) {
            JsonNode s = entry(inv, e.getKey());
            assertThat(s).as("planted %s in %s", e.getValue()[0], e.getValue()[1]).isNotNull();
            assertThat(s.path("category").asText()).as(s.toString()).isEqualTo(e.getValue()[0]);
            assertThat(s.at("/locations/0/context").asText()).as(s.toString()).isEqualTo(e.getValue()[1]);
            assertThat(s.at("/locations/0/key").asText()).as(s.toString()).isNotEmpty();
        }
        List<String> reported = new ArrayList<>();
        inv.path("secrets").forEach(s -> reported.add(s.path("rule").asText() + " " + s.at("/locations/0/path").asText()
                + ":" + s.at("/locations/0/line").asInt()));
        assertThat(inv.path("secrets")).as("no reference or placeholder reported: %s", reported).hasSize(planted.size());

        Map<String, String> references = new LinkedHashMap<>();
        inv.path("references").forEach(ref -> references.put(ref.path("name").asText(), ref.path("kind").asText()));
        assertThat(references).containsEntry("NPM_TOKEN", "github-actions-secret")
                .containsEntry("CI_API_TOKEN", "gitlab-ci-variable")
                .containsEntry("aws-deploy", "jenkins-credential")
                .containsEntry("prod/api/key", "aws-secrets-manager")
                .containsEntry("db-creds/password", "k8s-secret-key-ref")
                .containsEntry("web-auth", "helm-existing-secret");
        JsonNode npm = null;
        for (JsonNode ref : inv.path("references")) {
            if (ref.path("name").asText().equals("NPM_TOKEN")) {
                npm = ref;
            }
        }
        assertThat(npm.at("/locations/0/path").asText()).isEqualTo(".github/workflows/release.yml");
        assertThat(npm.at("/locations/0/line").asInt()).isEqualTo(7);
        assertThat(npm.at("/locations/0/key").asText()).isEqualTo("jobs.publish.env.NPM_TOKEN");
        assertThat(npm.at("/locations/0/context").asText()).isEqualTo("ci");
    }

    @Test
    void ownersFromTagsAndLabelsBeatCodeowners() throws IOException {
        write(".github/CODEOWNERS", "* @acme/everyone\n");
        JsonNode inv = Cli.run("scan", dir.toString(), "-f", "json").json();
        for (Map.Entry<String, String[]> e : planted.entrySet()) {
            JsonNode s = entry(inv, e.getKey());
            String path = s.at("/locations/0/path").asText();
            if (path.equals("infra/main.tf")) {
                assertThat(s.at("/owner/name").asText()).isEqualTo("team-payments");
                assertThat(s.at("/owner/source").asText()).isEqualTo("iac-tag");
                assertThat(s.at("/owner/origin").asText()).isEqualTo("infra/main.tf:3");
            } else if (path.equals("deploy/secret.yaml")) {
                assertThat(s.at("/owner/name").asText()).isEqualTo("dba");
                assertThat(s.at("/owner/source").asText()).isEqualTo("k8s-label");
            } else {
                assertThat(s.at("/owner/source").asText()).as(path).isEqualTo("codeowners");
            }
        }
    }

    @Test
    void noSecretValueReachesTheReport() {
        for (String format : new String[] {"json", "table"}) {
            Cli.Result r = Cli.run("scan", dir.toString(), "-f", format);
            for (String secret : planted.keySet()) {
                assertThat(r.out()).doesNotContain(secret);
                assertThat(r.err()).doesNotContain(secret);
            }
        }
    }

    @Test
    void maxParseSizeIsAFlag() {
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json", "--max-parse-size", "10");
        JsonNode inv = r.json();
        assertThat(inv.at("/scan/complete").asBoolean()).isTrue();
        assertThat(inv.path("references")).isEmpty();
        assertThat(inv.at("/scan/warnings/0/code").asText()).isEqualTo("analysis-skipped");
        assertThat(Cli.run("scan", dir.toString(), "--max-parse-size", "big").code()).isEqualTo(2);
    }
}
