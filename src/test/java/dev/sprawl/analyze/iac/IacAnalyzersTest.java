package dev.sprawl.analyze.iac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.analyze.Analysis;
import dev.sprawl.classify.Finding;
import dev.sprawl.inventory.Owner;
import org.junit.jupiter.api.Test;

class IacAnalyzersTest {

    @Test
    void terraformLiteralsButNotReferences() {
        String secretKey = TestSecrets.alnum(40);
        String dbPassword = TestSecrets.password();
        String lambdaToken = TestSecrets.alnum(30);
        String varToken = TestSecrets.alnum(26);
        String sensitive = TestSecrets.alnum(20);
        String pem = TestSecrets.rsaPrivateKeyPem();
        Analysis a = Analysis.of("infra/main.tf", """
                provider "aws" {
                  region     = "eu-west-1"
                  secret_key = "%s"
                  default_tags {
                    tags = { team = "platform" }
                  }
                }
                resource "aws_db_instance" "main" {
                  engine   = "postgres"
                  username = "app"
                  password = "%s"
                  tags = {
                    Owner = "team-payments"
                    Env   = "prod"
                  }
                }
                resource "aws_db_instance" "replica" {
                  password        = var.db_password
                  master_password = random_password.db.result
                  other_password  = data.aws_secretsmanager_secret_version.db.secret_string
                  module_password = module.secrets.password
                  local_password  = local.password
                  template_token  = "${var.prefix}-token"
                  empty_password  = ""
                }
                resource "aws_lambda_function" "fn" {
                  environment {
                    variables = {
                      SLACK_TOKEN = "%s"
                      LOG_LEVEL   = "debug"
                      API_KEY     = var.api_key
                    }
                  }
                }
                resource "tls_self_signed_cert" "c" {
                  private_key_pem = <<EOT
                %sEOT
                }
                data "aws_secretsmanager_secret_version" "db" {
                  secret_id = "prod/db/password"
                }
                data "vault_kv_secret_v2" "app" {
                  mount = "kv"
                  name  = "app/api"
                }
                variable "api_token" {
                  default = "%s"
                }
                variable "opaque" {
                  sensitive = true
                  default   = "%s"
                }
                variable "region" {
                  default = "eu-west-1"
                }
                """.formatted(secretKey, dbPassword, lambdaToken, pem, varToken, sensitive));
        Finding key = a.finding(secretKey);
        assertThat(key.rule().id()).isEqualTo("terraform-literal-credential");
        assertThat(key.rule().category().label()).isEqualTo("api-key");
        assertThat(key.location().context()).isEqualTo("iac");
        assertThat(key.location().details()).containsEntry("resource", "provider.aws").containsEntry("key", "secret_key");
        assertThat(a.owner(key).name()).as("provider default_tags own the file").isEqualTo("platform");
        Finding db = a.finding(dbPassword);
        assertThat(db.rule().category().label()).isEqualTo("password");
        assertThat(db.location().line()).isEqualTo(11);
        assertThat(db.location().column()).isEqualTo(15);
        Owner owner = a.owner(db);
        assertThat(owner.name()).isEqualTo("team-payments");
        assertThat(owner.source()).isEqualTo("iac-tag");
        assertThat(owner.origin()).isEqualTo("infra/main.tf:13");
        assertThat(a.finding(lambdaToken).location().details()).containsEntry("key", "environment.variables.SLACK_TOKEN")
                .containsEntry("resource", "aws_lambda_function.fn");
        assertThat(a.finding(pem.strip()).rule().id()).isEqualTo("pem-pkcs8-private-key");
        assertThat(a.finding(varToken).location().details()).containsEntry("resource", "var.api_token");
        assertThat(a.finding(sensitive).rule().category().label()).isEqualTo("generic-secret");
        assertThat(a.findings()).as("references, interpolations and empty values stay silent: " + a.describe()).hasSize(6);
        assertThat(a.referenced("aws-secrets-manager")).containsExactly("prod/db/password");
        assertThat(a.referenced("vault")).containsExactly("kv/app/api");
    }

    @Test
    void tfvars() {
        String token = TestSecrets.alnum(32);
        Analysis a = Analysis.of("env/prod.tfvars", """
                region = "eu-west-1"
                datadog_api_key = "%s"
                db_password = ""
                db = { password = "${var.x}" }
                """.formatted(token));
        assertThat(a.finding(token).rule().category().label()).isEqualTo("api-key");
        assertThat(a.findings()).hasSize(1);
    }

    @Test
    void terraformState() {
        String output = TestSecrets.alnum(26);
        String random = TestSecrets.alnum(24);
        String dbPassword = TestSecrets.password();
        String iamSecret = TestSecrets.alnum(40);
        String nested = TestSecrets.alnum(22);
        String backend = TestSecrets.alnum(40);
        Analysis a = Analysis.of("infra/terraform.tfstate", """
                {
                  "version": 4, "terraform_version": "1.9.0", "serial": 3, "lineage": "x",
                  "outputs": {
                    "db_endpoint": {"value": "db.internal:5432", "type": "string"},
                    "admin_secret": {"value": "%s", "type": "string", "sensitive": true}
                  },
                  "resources": [
                    {"mode": "managed", "type": "random_password", "name": "db",
                     "instances": [{"schema_version": 3,
                                    "attributes": {"id": "none", "length": 24, "result": "%s"},
                                    "sensitive_attributes": [[{"type": "get_attr", "value": "result"}]]}]},
                    {"module": "module.db", "mode": "managed", "type": "aws_db_instance", "name": "main",
                     "instances": [{"index_key": 0,
                                    "attributes": {"password": "%s", "username": "app",
                                                   "tags": {"owner": "team-db"}},
                                    "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]},
                    {"mode": "managed", "type": "aws_iam_access_key", "name": "ci",
                     "instances": [{"attributes": {"id": "none", "secret": "%s"}, "sensitive_attributes": []}]},
                    {"mode": "managed", "type": "x_app", "name": "a",
                     "instances": [{"attributes": {"settings": [{"inner": "%s"}]},
                                    "sensitive_attributes": [[{"type": "get_attr", "value": "settings"},
                                                              {"type": "index", "value": {"value": 0, "type": "number"}},
                                                              {"type": "get_attr", "value": "inner"}]]}]}
                  ]
                }
                """.formatted(output, random, dbPassword, iamSecret, nested));
        Finding out = a.finding(output);
        assertThat(out.rule().id()).isEqualTo("terraform-state-secret");
        assertThat(out.location().details()).containsEntry("key", "outputs.admin_secret.value");
        assertThat(out.location().context()).isEqualTo("iac");
        Finding rnd = a.finding(random);
        assertThat(rnd.rule().category().label()).isEqualTo("password");
        assertThat(rnd.location().details()).containsEntry("resource", "random_password.db");
        Finding db = a.finding(dbPassword);
        assertThat(db.location().details()).containsEntry("resource", "module.db.aws_db_instance.main[0]");
        assertThat(a.owner(db).name()).isEqualTo("team-db");
        assertThat(a.owner(db).source()).isEqualTo("iac-tag");
        assertThat(a.finding(iamSecret).rule().category().label()).isEqualTo("api-key");
        assertThat(a.finding(nested).location().details()).containsEntry("key", "attributes.settings[0].inner");
        assertThat(a.findings()).as(a.describe()).hasSize(5);

        Analysis be = Analysis.of(".terraform/terraform.tfstate", """
                {"version": 3, "backend": {"type": "s3", "config": {"bucket": "state", "secret_key": "%s"}}}
                """.formatted(backend));
        assertThat(be.finding(backend).location().details()).containsEntry("resource", "backend.s3");
    }

    @Test
    void cloudFormationYaml() {
        String noEcho = TestSecrets.password();
        String master = TestSecrets.password();
        String lambda = TestSecrets.alnum(28);
        Analysis a = Analysis.of("cfn/stack.yaml", """
                AWSTemplateFormatVersion: "2010-09-09"
                Parameters:
                  DbPassword:
                    Type: String
                    NoEcho: true
                    Default: %s
                  Environment:
                    Type: String
                    Default: production
                Resources:
                  Db:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      MasterUsername: admin
                      MasterUserPassword: %s
                      Tags:
                        - Key: team
                          Value: data-platform
                  Db2:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      MasterUserPassword: !Ref DbPassword
                      ReplicaPassword: !GetAtt Secret.Value
                      OtherPassword: !Join ['', [!Ref Prefix, abc]]
                      DynamicPassword: '{{resolve:secretsmanager:prod/db2:SecretString:password}}'
                      SsmPassword: '{{resolve:ssm-secure:/prod/db/password:3}}'
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Environment:
                        Variables:
                          WEBHOOK_SECRET: %s
                          TOKEN: !Sub '${Prefix}-token'
                """.formatted(noEcho, master, lambda));
        Finding ne = a.finding(noEcho);
        assertThat(ne.rule().id()).isEqualTo("cloudformation-noecho-default");
        assertThat(ne.rule().category().label()).isEqualTo("password");
        Finding m = a.finding(master);
        assertThat(m.rule().id()).isEqualTo("cloudformation-literal-credential");
        assertThat(m.location().details()).containsEntry("resource", "Db")
                .containsEntry("key", "Resources.Db.Properties.MasterUserPassword");
        assertThat(a.owner(m).name()).isEqualTo("data-platform");
        assertThat(a.owner(m).source()).isEqualTo("iac-tag");
        assertThat(a.finding(lambda).rule().category().label()).isEqualTo("generic-secret");
        assertThat(a.findings()).as("intrinsics and dynamic references stay silent: " + a.describe()).hasSize(3);
        assertThat(a.referenced("aws-secrets-manager")).containsExactly("prod/db2");
        assertThat(a.referenced("aws-ssm-parameter")).containsExactly("/prod/db/password");
    }

    @Test
    void cloudFormationJson() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("templates/db.json", """
                {"AWSTemplateFormatVersion": "2010-09-09",
                 "Resources": {"Db": {"Type": "AWS::RDS::DBInstance",
                   "Properties": {"MasterUserPassword": "%s", "Other": {"Ref": "P"},
                                  "Tags": [{"Key": "Owner", "Value": "dba"}]}}}}
                """.formatted(pw));
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("cloudformation-literal-credential");
        assertThat(a.owner(f).name()).isEqualTo("dba");
        assertThat(a.findings()).hasSize(1);
    }

    @Test
    void ansibleVaultedValuesAreNotLeaks() {
        String plain = TestSecrets.alnum(20);
        Analysis a = Analysis.of("inventory/group_vars/all.yml", """
                db_password: !vault |
                  $ANSIBLE_VAULT;1.1;AES256
                  62313365396662343061393464336163383764373764613633653634306231386433626436623361
                  3564373764613633653634306231386433626436623361623133653966623430613934643361633838
                api_token: %s
                mysql_password: "{{ vault_mysql_password }}"
                """.formatted(plain));
        Finding f = a.finding(plain);
        assertThat(f.rule().id()).isEqualTo("ansible-plaintext-credential");
        assertThat(f.location().context()).isEqualTo("iac");
        assertThat(a.findings()).as(a.describe()).hasSize(1);
        Analysis whole = Analysis.of("group_vars/prod/vault.yml",
                "$ANSIBLE_VAULT;1.1;AES256\n6231336539666234306139346433616338376437376461363365363430623138\n");
        whole.assertSilent();
    }

    @Test
    void pulumiSecureVersusPlain() {
        String plain = TestSecrets.alnum(24);
        String nested = TestSecrets.password();
        Analysis a = Analysis.of("Pulumi.dev.yaml", """
                config:
                  aws:region: us-east-1
                  app:dbPassword:
                    secure: v1:AAABAKq8vx2lLzW0c2VjdXJlLWFuZC1ub3QtYS1sZWFr
                  app:apiToken: %s
                  app:database:
                    host: db.internal
                    password: %s
                """.formatted(plain, nested));
        Finding f = a.finding(plain);
        assertThat(f.rule().id()).isEqualTo("pulumi-plaintext-config");
        assertThat(f.rule().category().label()).isEqualTo("token");
        assertThat(a.finding(nested).location().details()).containsEntry("key", "config.app:database.password");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
    }
}
