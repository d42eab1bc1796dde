package dev.sprawl.analyze.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.analyze.Analysis;
import dev.sprawl.classify.Finding;
import dev.sprawl.inventory.Owner;
import dev.sprawl.rules.Confidence;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KubernetesAnalyzersTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretDataIsDecodedAndReportedWithItsKey() {
        String password = TestSecrets.password();
        String ghp = TestSecrets.githubToken("ghp_");
        String config = "db:\n  password: " + TestSecrets.password() + "\n";
        String configPassword = config.substring(config.indexOf(": ", 4) + 2).strip();
        String pem = TestSecrets.rsaPrivateKeyPem();
        String string = TestSecrets.alnum(24);
        String sealed = TestSecrets.alnum(60);
        Analysis a = Analysis.of("deploy/secrets.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db-creds
                  namespace: prod
                  labels:
                    app: billing
                    app.kubernetes.io/owner: team-db
                  annotations:
                    acme.io/contact: dba@acme.test
                type: Opaque
                data:
                  password: %s
                  username: %s
                  github-token: %s
                  config.yaml: %s
                  tls.key: %s
                  empty-password: ""
                stringData:
                  api-token: %s
                  api-password: ${API_PASSWORD}
                ---
                apiVersion: bitnami.com/v1alpha1
                kind: SealedSecret
                metadata:
                  name: sealed
                spec:
                  encryptedData:
                    password: %s
                """.formatted(b64(password + "\n"), b64("app-user"), b64(ghp), b64(config), b64(pem), string, sealed));
        Finding pw = a.finding(password);
        assertThat(pw.rule().id()).isEqualTo("k8s-secret-value");
        assertThat(pw.rule().category().label()).isEqualTo("password");
        assertThat(pw.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(pw.location().context()).isEqualTo("k8s");
        assertThat(pw.location().line()).isEqualTo(13);
        assertThat(pw.location().column()).isEqualTo(13);
        assertThat(pw.location().details()).containsEntry("key", "data.password").containsEntry("encoding", "base64")
                .containsEntry("resource", "Secret/db-creds");
        Owner owner = a.owner(pw);
        assertThat(owner.name()).isEqualTo("team-db");
        assertThat(owner.source()).isEqualTo("k8s-label");
        assertThat(owner.origin()).isEqualTo("deploy/secrets.yaml:8");
        assertThat(owner.coOwners()).containsExactly("dba@acme.test");
        Finding gh = a.finding(ghp);
        assertThat(gh.rule().id()).as("decoded content is scanned with the rules").isEqualTo("github-pat-classic");
        assertThat(gh.location().details()).containsEntry("key", "data.github-token");
        assertThat(a.finding(configPassword).rule().id()).isEqualTo("generic-password");
        assertThat(a.finding(pem.strip()).rule().category().label()).isEqualTo("private-key");
        assertThat(a.finding(string).location().details()).containsEntry("key", "stringData.api-token");
        assertThat(a.findings()).as("username, empty, placeholder and sealed values stay silent: " + a.describe()).hasSize(5);
    }

    @Test
    void workloadsConfigMapsAndReferences() {
        String envKey = TestSecrets.alnum(22);
        String cmToken = TestSecrets.alnum(26);
        Analysis a = Analysis.of("k8s/app.yaml", """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app-config}
                    data:
                      SLACK_TOKEN: %s
                      LOG_LEVEL: debug
                      TOKEN_URL: https://auth.internal.test/token
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      labels: {team: payments}
                    spec:
                      template:
                        spec:
                          imagePullSecrets: [{name: regcred}]
                          volumes:
                            - name: tls
                              secret: {secretName: web-tls}
                          containers:
                            - name: web
                              envFrom:
                                - secretRef: {name: web-env}
                              env:
                                - name: DB_PASSWORD
                                  valueFrom:
                                    secretKeyRef: {name: db-creds, key: password}
                                - name: API_KEY
                                  value: %s
                                - name: EMPTY_TOKEN
                                  value: ""
                """.formatted(cmToken, envKey));
        Finding cm = a.finding(cmToken);
        assertThat(cm.rule().id()).isEqualTo("k8s-configmap-credential");
        assertThat(cm.location().details()).containsEntry("resource", "ConfigMap/app-config");
        Finding env = a.finding(envKey);
        assertThat(env.rule().id()).isEqualTo("k8s-env-literal");
        assertThat(env.rule().category().label()).isEqualTo("api-key");
        assertThat(a.owner(env).name()).isEqualTo("payments");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
        assertThat(a.referenced("k8s-secret-key-ref")).containsExactly("db-creds/password");
        assertThat(a.referenced("k8s-secret-ref")).containsExactly("web-env");
        assertThat(a.referenced("k8s-secret-volume")).containsExactly("web-tls");
        assertThat(a.referenced("k8s-image-pull-secret")).containsExactly("regcred");
    }

    @Test
    void kubeconfig() {
        String pem = TestSecrets.rsaPrivateKeyPem();
        String token = TestSecrets.alnum(40);
        Analysis a = Analysis.of("ops/.kube/config", """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: prod
                    cluster:
                      server: https://k8s.internal.test
                      certificate-authority-data: %s
                users:
                  - name: ci-bot
                    user:
                      client-key-data: %s
                  - name: deployer
                    user:
                      token: %s
                  - name: oidc
                    user:
                      auth-provider:
                        name: oidc
                        config:
                          client-secret: ${OIDC_SECRET}
                """.formatted(b64("not a certificate"), b64(pem), token));
        Finding key = a.finding(pem.strip());
        assertThat(key.rule().category().label()).isEqualTo("private-key");
        assertThat(key.location().details()).containsEntry("resource", "user ci-bot").containsEntry("encoding", "base64");
        Finding t = a.finding(token);
        assertThat(t.rule().id()).isEqualTo("kubeconfig-credential");
        assertThat(t.rule().category().label()).isEqualTo("token");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
    }

    @Test
    void helmValues() {
        String pw = TestSecrets.password();
        String key = TestSecrets.alnum(30);
        Analysis a = Analysis.of("charts/app/values-prod.yaml", """
                commonLabels:
                  owner: team-web
                image: {repository: acme/app, tag: "1.2.3"}
                auth:
                  existingSecret: app-auth
                  existingSecretPasswordKey: password
                  password: %s
                redis:
                  password: ""
                  auth:
                    existingSecretName: redis-auth
                mail:
                  apiKey: %s
                  passwordFile: /etc/mail/password
                extraEnv:
                  - name: DB_PASSWORD
                    valueFrom:
                      secretKeyRef: {name: pg, key: password}
                """.formatted(pw, key));
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("helm-values-credential");
        assertThat(f.location().context()).isEqualTo("k8s");
        assertThat(f.location().details()).containsEntry("key", "auth.password");
        assertThat(a.owner(f).name()).isEqualTo("team-web");
        assertThat(a.finding(key).rule().category().label()).isEqualTo("api-key");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
        assertThat(a.referenced("helm-existing-secret")).containsExactlyInAnyOrder("app-auth", "redis-auth");
        assertThat(a.referenced("k8s-secret-key-ref")).containsExactly("pg/password");
    }

    @Test
    void kustomizeGenerators() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("overlays/prod/kustomization.yaml", """
                commonLabels:
                  team: platform
                secretGenerator:
                  - name: db
                    literals:
                      - DB_PASSWORD=%s
                      - DB_USER=app
                    envs: [secret.env]
                configMapGenerator:
                  - name: cfg
                    literals: [LOG_LEVEL=info, API_TOKEN=]
                """.formatted(pw));
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("kustomize-generator-literal");
        assertThat(f.location().details()).containsEntry("resource", "secretGenerator/db");
        assertThat(a.owner(f).name()).isEqualTo("platform");
        assertThat(a.findings()).hasSize(1);
    }

    @Test
    void externalSecretsAreReferences() {
        Analysis a = Analysis.of("k8s/external.yaml", """
                apiVersion: external-secrets.io/v1beta1
                kind: ExternalSecret
                metadata: {name: db}
                spec:
                  secretStoreRef: {name: aws, kind: ClusterSecretStore}
                  data:
                    - secretKey: password
                      remoteRef: {key: prod/db, property: password}
                """);
        a.assertSilent();
        assertThat(a.referenced("external-secret")).containsExactly("prod/db/password");
    }
}
