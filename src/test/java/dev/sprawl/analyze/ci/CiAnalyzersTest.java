package dev.sprawl.analyze.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.analyze.Analysis;
import dev.sprawl.classify.Finding;
import dev.sprawl.rules.Confidence;
import org.junit.jupiter.api.Test;

/** Literal credentials and references in every CI format; references, placeholders and empty values stay silent. */
class CiAnalyzersTest {

    private static void assertLiteral(Analysis a, String secret, String category, String key) {
        Finding f = a.finding(secret);
        assertThat(f.rule().category().label()).as(a.describe()).isEqualTo(category);
        assertThat(f.location().context()).isEqualTo("ci");
        assertThat(f.location().details().get("key")).isEqualTo(key);
    }

    @Test
    void githubActions() {
        String deploy = TestSecrets.alnum(32);
        String password = TestSecrets.password();
        String ghp = TestSecrets.githubToken("ghp_");
        String input = TestSecrets.alnum(20);
        String yaml = """
                name: release
                on: [push]
                env:
                  DEPLOY_TOKEN: %s
                  REGION: eu-west-1
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    container:
                      image: ghcr.io/acme/build
                      credentials:
                        username: bot
                        password: ${{ secrets.GHCR_PASSWORD }}
                    env:
                      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
                      EMPTY_PASSWORD: ""
                      API_KEY: ${{ env.OTHER }}
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker/login-action@v3
                        with:
                          username: bot
                          password: "%s"
                      - run: npm publish
                        env:
                          NODE_AUTH_TOKEN: ${{ secrets['NODE_TOKEN'] }}
                          GH_TOKEN: %s
                        if: ${{ secrets.ENABLED != '' }}
                  call:
                    uses: acme/workflows/.github/workflows/deploy.yml@main
                    secrets:
                      token: ${{ secrets.DEPLOY_KEY }}
                      inherit_password: changeme
                """.formatted(deploy, password, ghp);
        Analysis a = Analysis.of(".github/workflows/release.yml", yaml);
        assertLiteral(a, deploy, "token", "env.DEPLOY_TOKEN");
        assertLiteral(a, password, "password", "jobs.publish.steps[1].with.password");
        Finding gh = a.finding(ghp);
        assertThat(gh.rule().id()).as("the provider rule names the token").isEqualTo("github-pat-classic");
        assertThat(gh.location().details().get("key")).isEqualTo("jobs.publish.steps[2].env.GH_TOKEN");
        assertThat(gh.location().context()).isEqualTo("ci");
        assertThat(a.findings()).hasSize(3);
        assertThat(a.referenced("github-actions-secret"))
                .containsExactlyInAnyOrder("GHCR_PASSWORD", "NPM_TOKEN", "NODE_TOKEN", "ENABLED", "DEPLOY_KEY");
        assertThat(a.references().stream().filter(r -> r.name().equals("NPM_TOKEN")).findFirst().orElseThrow()
                .location().details().get("key")).isEqualTo("jobs.publish.env.NPM_TOKEN");

        Analysis action = Analysis.of("action.yml", """
                name: setup
                inputs:
                  token:
                    description: a token
                    default: %s
                  other-token:
                    default: ${{ github.token }}
                runs:
                  using: composite
                  steps: []
                """.formatted(input));
        assertLiteral(action, input, "token", "inputs.token.default");
        assertThat(action.findings()).hasSize(1);
    }

    @Test
    void gitlabCi() {
        String db = TestSecrets.password();
        String svc = TestSecrets.alnum(20);
        Analysis a = Analysis.of(".gitlab-ci.yml", """
                variables:
                  DB_PASSWORD: "%s"
                  API_TOKEN: $CI_API_TOKEN
                  EMPTY_TOKEN: ""
                  DOCKER_DRIVER: overlay2
                .template: &tmpl
                  variables:
                    SERVICE_SECRET:
                      value: "%s"
                      description: the service secret
                deploy:
                  <<: *tmpl
                  script:
                    - 'curl -H "PRIVATE-TOKEN: $GITLAB_TOKEN" https://gitlab.internal.test'
                    - echo $CI_COMMIT_SHA
                  secrets:
                    DATABASE_PASSWORD:
                      vault: production/db/password@ops
                    GCP_KEY:
                      gcp_secret_manager:
                        name: deploy-key
                """.formatted(db, svc));
        assertLiteral(a, db, "password", "variables.DB_PASSWORD");
        assertLiteral(a, svc, "generic-secret", ".template.variables.SERVICE_SECRET.value");
        assertThat(a.findings()).hasSize(2);
        assertThat(a.referenced("gitlab-ci-variable")).containsExactlyInAnyOrder("CI_API_TOKEN", "GITLAB_TOKEN");
        assertThat(a.referenced("vault")).containsExactly("production/db/password@ops");
        assertThat(a.referenced("gcp-secret-manager")).containsExactly("deploy-key");
    }

    @Test
    void jenkinsfile() {
        String registry = TestSecrets.password();
        String api = TestSecrets.alnum(24);
        String param = TestSecrets.alnum(18);
        String commented = TestSecrets.password();
        Analysis a = Analysis.of("Jenkinsfile", """
                pipeline {
                  agent any
                  parameters {
                    password(name: 'DEPLOY_PASS', defaultValue: '%s', description: 'x')
                    string(name: 'REGION', defaultValue: 'eu-west-1')
                  }
                  environment {
                    REGISTRY_PASSWORD = '%s'
                    AWS_CREDS = credentials('aws-deploy')   // password = 'notreal12345'
                    OTHER_TOKEN = "${env.UPSTREAM_TOKEN}"
                    /* DB_PASSWORD = '%s' */
                  }
                  stages {
                    stage('deploy') {
                      steps {
                        withCredentials([usernamePassword(credentialsId: 'nexus', usernameVariable: 'U', passwordVariable: 'P')]) {
                          sh 'deploy'
                        }
                        withEnv(['API_KEY=%s', "SECRET_TOKEN=${params.X}"]) { sh 'y' }
                        sshagent(['deploy-ssh', "bastion"]) { sh 'ssh x' }
                      }
                    }
                  }
                }
                """.formatted(param, registry, commented, api));
        Finding f = a.finding(registry);
        assertThat(f.rule().category().label()).isEqualTo("password");
        assertThat(f.location().line()).isEqualTo(8);
        assertThat(f.location().column()).isEqualTo(26);
        assertLiteral(a, api, "api-key", "env.API_KEY");
        assertLiteral(a, param, "password", "parameters.DEPLOY_PASS");
        // the analyzer skips comments, the text scan does not: a commented-out secret is still a leak
        assertThat(a.finding(commented).rule().id()).isEqualTo("generic-password");
        assertThat(a.findings()).as(a.describe()).hasSize(4);
        assertThat(a.referenced("jenkins-credential"))
                .containsExactlyInAnyOrder("aws-deploy", "nexus", "deploy-ssh", "bastion");
    }

    @Test
    void circleCi() {
        String key = TestSecrets.alnum(28);
        String docker = TestSecrets.password();
        Analysis a = Analysis.of(".circleci/config.yml", """
                version: 2.1
                jobs:
                  build:
                    docker:
                      - image: acme/build:1
                        auth:
                          username: bot
                          password: %s
                    environment:
                      SENTRY_AUTH_TOKEN: $SENTRY_TOKEN
                      STRIPE_SECRET_KEY: %s
                    steps:
                      - run: deploy --token $DEPLOY_TOKEN
                workflows:
                  main:
                    jobs:
                      - build:
                          context: [aws-prod, slack]
                """.formatted(docker, key));
        assertLiteral(a, docker, "password", "jobs.build.docker[0].auth.password");
        assertLiteral(a, key, "api-key", "jobs.build.environment.STRIPE_SECRET_KEY");
        assertThat(a.findings()).hasSize(2);
        assertThat(a.referenced("circleci-context")).containsExactlyInAnyOrder("aws-prod", "slack");
        assertThat(a.referenced("circleci-variable")).containsExactlyInAnyOrder("SENTRY_TOKEN", "DEPLOY_TOKEN");
    }

    @Test
    void azurePipelines() {
        String pw = TestSecrets.password();
        String token = TestSecrets.alnum(30);
        Analysis a = Analysis.of("azure-pipelines.yml", """
                variables:
                  - group: prod-secrets
                  - name: sqlPassword
                    value: '%s'
                  - name: buildConfiguration
                    value: Release
                steps:
                  - task: AzureCLI@2
                    inputs:
                      azureSubscription: 'prod-connection'
                      scriptType: bash
                      inlineScript: az login --password $(sqlPassword) --token $(ApiToken)
                  - script: ./deploy.sh
                    env:
                      DEPLOY_TOKEN: %s
                      CLIENT_SECRET: $(clientSecret)
                """.formatted(pw, token));
        assertLiteral(a, pw, "password", "variables[1].sqlPassword");
        assertLiteral(a, token, "token", "steps[1].env.DEPLOY_TOKEN");
        assertThat(a.findings()).hasSize(2);
        assertThat(a.referenced("azure-variable-group")).containsExactly("prod-secrets");
        assertThat(a.referenced("azure-service-connection")).containsExactly("prod-connection");
        assertThat(a.referenced("azure-pipelines-variable")).contains("sqlPassword", "ApiToken", "clientSecret");
    }

    @Test
    void bitbucketTravisAndDrone() {
        String bb = TestSecrets.password();
        Analysis b = Analysis.of("bitbucket-pipelines.yml", """
                image:
                  name: acme/private:1
                  username: bot
                  password: %s
                pipelines:
                  default:
                    - step:
                        script:
                          - pipe: atlassian/aws-s3-deploy:1.1.0
                            variables:
                              AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY
                              S3_BUCKET: my-bucket
                """.formatted(bb));
        assertLiteral(b, bb, "password", "image.password");
        assertThat(b.findings()).hasSize(1);
        assertThat(b.referenced("bitbucket-variable")).containsExactly("AWS_SECRET_ACCESS_KEY");

        String travisKey = TestSecrets.alnum(32);
        String travisEnv = TestSecrets.alnum(20);
        Analysis t = Analysis.of(".travis.yml", """
                language: node_js
                env:
                  global:
                    - secure: "dGhpcyBpcyBlbmNyeXB0ZWQgYW5kIG5vdCBhIGxlYWs0Mg=="
                    - NPM_TOKEN=%s SAFE=1
                deploy:
                  provider: npm
                  api_key: %s
                  password:
                    secure: "ZW5jcnlwdGVkIHBhc3N3b3JkIGJsb2IgaGVyZTk5"
                """.formatted(travisEnv, travisKey));
        assertLiteral(t, travisEnv, "token", "env.global[1].NPM_TOKEN");
        assertLiteral(t, travisKey, "api-key", "deploy.api_key");
        assertThat(t.findings()).as(t.describe()).hasSize(2);

        String drone = TestSecrets.password();
        Analysis d = Analysis.of(".drone.yml", """
                kind: pipeline
                name: default
                steps:
                  - name: publish
                    image: plugins/docker
                    settings:
                      username: bot
                      password:
                        from_secret: docker_password
                    environment:
                      DB_PASSWORD: %s
                ---
                kind: secret
                name: docker_password
                image_pull_secrets: [dockerconfig]
                """.formatted(drone));
        assertLiteral(d, drone, "password", "steps[0].environment.DB_PASSWORD");
        assertThat(d.findings()).hasSize(1);
        assertThat(d.referenced("drone-secret")).containsExactlyInAnyOrder("docker_password", "dockerconfig");
    }

    @Test
    void weakLiteralsAreLowNotDropped() {
        Analysis a = Analysis.of(".gitlab-ci.yml", "variables:\n  POSTGRES_PASSWORD: postgres\n");
        Finding f = a.finding("postgres");
        assertThat(f.confidence()).isEqualTo(Confidence.LOW);
        assertThat(f.attributes()).containsEntry("strength", "weak");
    }
}
