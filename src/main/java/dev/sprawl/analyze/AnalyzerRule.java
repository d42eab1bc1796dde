package dev.sprawl.analyze;

import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a structured analyzer reports when no rule names the secret: the inventory's {@code rule} and
 * {@code type}. The category comes from the key name, so each kind yields one {@link Rule} per
 * category. Their provider is {@code generic} (the credential's service is unknown; a provider rule
 * that recognises the same value always wins), except where the format names it.
 */
public enum AnalyzerRule {
    CI_LITERAL("ci-literal-credential", "Literal credential in a CI pipeline"),
    DOCKERFILE_LITERAL("dockerfile-literal-credential", "Literal credential in a Dockerfile ENV or ARG"),
    COMPOSE_LITERAL("compose-literal-credential", "Literal credential in a docker-compose file"),
    DOCKER_REGISTRY_AUTH("docker-registry-auth", "Docker registry credential", "docker"),
    K8S_SECRET_VALUE("k8s-secret-value", "Kubernetes Secret value"),
    K8S_CONFIGMAP_CREDENTIAL("k8s-configmap-credential", "Credential in a Kubernetes ConfigMap"),
    K8S_ENV_LITERAL("k8s-env-literal", "Literal credential in a Kubernetes container env"),
    KUBECONFIG_CREDENTIAL("kubeconfig-credential", "kubeconfig user credential", "kubernetes"),
    HELM_VALUES_CREDENTIAL("helm-values-credential", "Credential in Helm values"),
    KUSTOMIZE_LITERAL("kustomize-generator-literal", "Literal in a Kustomize secret or config generator"),
    TERRAFORM_LITERAL("terraform-literal-credential", "Literal credential in Terraform configuration"),
    TERRAFORM_STATE_SECRET("terraform-state-secret", "Secret in Terraform state"),
    CLOUDFORMATION_LITERAL("cloudformation-literal-credential", "Literal credential in a CloudFormation template"),
    CLOUDFORMATION_NOECHO_DEFAULT("cloudformation-noecho-default", "Default value of a NoEcho CloudFormation parameter"),
    ANSIBLE_PLAINTEXT("ansible-plaintext-credential", "Unvaulted credential in Ansible variables"),
    PULUMI_PLAINTEXT("pulumi-plaintext-config", "Plaintext secret in Pulumi stack configuration", "pulumi"),
    // credential files of everyday tools (dev.sprawl.analyze.credfiles)
    GIT_CREDENTIALS("git-credentials-password", "Password in git's credential store (.git-credentials)"),
    NETRC("netrc-password", "Password of a .netrc machine entry"),
    ESMTPRC("esmtprc-password", "SMTP password in an .esmtprc identity"),
    MSMTPRC("msmtprc-password", "SMTP password in an msmtp account"),
    FETCHMAILRC("fetchmailrc-password", "Mail server password in a .fetchmailrc poll entry"),
    FILEZILLA("filezilla-server-password", "FileZilla saved server password"),
    DBEAVER("dbeaver-connection-password", "DBeaver saved connection password", "dbeaver"),
    FIREFOX_LOGINS("firefox-saved-login", "Firefox saved login password (NSS-encrypted)", "firefox"),
    PUTTY_KEY("putty-private-key-file", "PuTTY private key file (.ppk)", "ssh"),
    RAILS_MASTER_KEY("rails-master-key", "Rails encrypted credentials key (master.key)", "rails"),
    MYSQL_OPTION_FILE("mysql-option-file-password", "Password in a MySQL option file (.my.cnf)", "mysql"),
    PGPASS("pgpass-password", "PostgreSQL password file entry (.pgpass)", "postgresql"),
    RCLONE("rclone-remote-credential", "Credential of an rclone remote (rclone.conf)", "rclone"),
    S3CMD("s3cmd-credential", "S3 credential in an s3cmd configuration (.s3cfg)"),
    BOTO("boto-credential", "Cloud storage credential in a boto configuration (.boto)"),
    MAVEN_SETTINGS("maven-server-credential", "Maven settings server credential", "maven"),
    GRADLE_PROPERTIES("gradle-properties-credential", "Credential in gradle.properties", "gradle"),
    SBT_CREDENTIALS("sbt-credentials-password", "Repository password in an sbt/Ivy credentials file"),
    PYPIRC("pypirc-credential", "Package index credential in .pypirc", "pypi"),
    GEM_CREDENTIALS("gem-credentials-api-key", "RubyGems API key (.gem/credentials)", "rubygems"),
    CARGO_CREDENTIALS("cargo-registry-token", "Cargo registry token (credentials.toml)", "cratesio"),
    NPMRC("npmrc-credential", "npm registry credential (.npmrc)", "npm"),
    YARNRC("yarnrc-credential", "Yarn registry credential (.yarnrc.yml)", "npm"),
    COMPOSER_AUTH("composer-auth-credential", "Composer repository credential (auth.json)", "composer"),
    NUGET_CONFIG("nuget-source-credential", "NuGet package source credential (NuGet.Config)", "nuget"),
    GH_HOSTS("gh-cli-token", "GitHub CLI or hub OAuth token (hosts.yml)", "github"),
    AWS_CLI("aws-cli-credential", "AWS CLI profile credential (~/.aws)", "aws"),
    GCLOUD("gcloud-credential", "Google Cloud credential file", "gcp"),
    AZURE_CLI("azure-cli-credential", "Azure CLI cached credential", "azure"),
    TERRAFORM_CLI("terraform-cli-token", "Terraform CLI API token (credentials.tfrc.json, .terraformrc)", "terraform-cloud"),
    DATABRICKS_CFG("databricks-cli-credential", "Databricks CLI profile credential (.databrickscfg)", "databricks"),
    KAGGLE("kaggle-api-key", "Kaggle API key (kaggle.json)", "kaggle"),
    HELM_REPOSITORIES("helm-repository-password", "Helm chart repository password (repositories.yaml)"),
    SMB_CREDENTIALS("smb-credentials-password", "Password in a CIFS/SMB credentials file"),
    HGRC("hgrc-auth-password", "Password in a Mercurial [auth] section"),
    HTPASSWD("htpasswd-hash", "Password hash of an htpasswd user"),
    WP_CONFIG("wp-config-credential", "WordPress wp-config.php credential", "wordpress");

    private final String id;
    private final String title;
    private final String provider;
    private final Map<Category, Rule> rules = new EnumMap<>(Category.class);

    AnalyzerRule(String id, String title) {
        this(id, title, Rule.GENERIC_PROVIDER);
    }

    AnalyzerRule(String id, String title, String provider) {
        this.id = id;
        this.title = title;
        this.provider = provider;
        for (Category c : Category.values()) {
            rules.put(c, new Rule(id, title, provider, c, Confidence.MEDIUM, List.of(), Pattern.compile("(?!)"), 0, 0,
                    null, 0, List.of(), List.of(), List.of(), "analyzer:" + id, 0));
        }
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String provider() {
        return provider;
    }

    /** The rule this kind reports for a credential of {@code category}. */
    public Rule rule(Category category) {
        return rules.get(category);
    }

    /** True when {@code rule} is one of the analyzers' rules rather than a rule file's. */
    public static boolean isAnalyzerRule(Rule rule) {
        return rule.file().startsWith("analyzer:");
    }
}
