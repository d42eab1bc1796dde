package dev.sprawl.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathContextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            ".github/workflows/release.yml, ci",
            ".gitlab-ci.yml, ci",
            "Jenkinsfile, ci",
            ".circleci/config.yml, ci",
            "infra/main.tf, iac",
            "prod.tfvars, iac",
            "terraform.tfstate.backup, iac",
            "k8s/secret.yaml, k8s",
            "charts/app/values-prod.yaml, k8s",
            "Dockerfile, container",
            "docker-compose.override.yml, container",
            "README.md, docs",
            "docs/setup.yaml, docs",
            ".env, config",
            ".env.production, config",
            "src/main/resources/application.properties, config",
            "src/main/java/App.java, source",
            "app/main.py, source",
            "src/test/java/AppTest.java, test",
            "tests/fixtures/keys.pem, test",
            "pkg/client_test.go, test",
            "keys/server.pem, other",
            "lib/app.jar!config/app.yml, config"})
    void guessesContext(String path, String context) {
        assertThat(PathContext.guess(path)).isEqualTo(context);
    }
}
