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
    PULUMI_PLAINTEXT("pulumi-plaintext-config", "Plaintext secret in Pulumi stack configuration", "pulumi");

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
