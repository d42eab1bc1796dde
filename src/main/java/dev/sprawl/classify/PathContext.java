package dev.sprawl.classify;

import java.util.Locale;
import java.util.Set;

/**
 * Guesses what kind of file a path is (the location's {@code context}): {@code test}, {@code ci},
 * {@code iac}, {@code k8s}, {@code container}, {@code docs}, {@code config}, {@code source} or
 * {@code other}. Test trees win over everything (a fixture is a fixture wherever it lives).
 */
public final class PathContext {

    private static final Set<String> CI_FILES = Set.of(".gitlab-ci.yml", "jenkinsfile", ".travis.yml",
            "azure-pipelines.yml", "bitbucket-pipelines.yml", ".drone.yml", "cloudbuild.yaml", "cloudbuild.yml",
            "buildspec.yml", "appveyor.yml", ".woodpecker.yml", "codefresh.yml");
    private static final Set<String> CI_DIRS = Set.of(".github/workflows/", ".circleci/", ".buildkite/",
            ".gitlab/", ".woodpecker/", ".tekton/", ".azure-pipelines/", ".github/actions/");
    private static final Set<String> IAC_EXT = Set.of("tf", "tfvars", "tfstate", "hcl", "bicep", "pp");
    private static final Set<String> K8S_DIRS = Set.of("k8s/", "kubernetes/", "manifests/", "charts/", "helm/",
            "kustomize/", "overlays/");
    private static final Set<String> DOC_EXT = Set.of("md", "markdown", "rst", "adoc", "txt", "html", "htm");
    private static final Set<String> CONFIG_EXT = Set.of("env", "properties", "yml", "yaml", "json", "ini", "toml",
            "conf", "cfg", "config", "xml", "plist", "npmrc", "pypirc", "netrc", "pgpass", "cnf", "jsonc");
    private static final Set<String> SOURCE_EXT = Set.of("java", "kt", "kts", "scala", "groovy", "gradle", "js",
            "mjs", "cjs", "jsx", "ts", "tsx", "py", "rb", "go", "rs", "c", "h", "cc", "cpp", "hpp", "cs", "php",
            "swift", "m", "sh", "bash", "zsh", "ps1", "psm1", "bat", "cmd", "pl", "lua", "r", "dart", "ex", "exs",
            "erl", "clj", "sql", "vue", "svelte", "ipynb", "fish");

    private PathContext() {
    }

    public static String guess(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        int slash = p.lastIndexOf('/');
        String name = p.substring(slash + 1);
        int bang = name.lastIndexOf('!');
        if (bang >= 0) {
            name = name.substring(bang + 1);
        }
        String dirs = "/" + p.substring(0, slash + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (isTest(dirs, name)) {
            return "test";
        }
        if (CI_FILES.contains(name) || containsAny(dirs, CI_DIRS) || name.startsWith("jenkinsfile")) {
            return "ci";
        }
        if (IAC_EXT.contains(ext) || name.startsWith("terraform.tfstate") || dirs.contains("/cloudformation/")
                || name.contains("cloudformation") || dirs.contains("/terraform/") || dirs.contains("/ansible/")
                || dirs.contains("/pulumi/") || name.startsWith("pulumi.")) {
            return "iac";
        }
        if (containsAny(dirs, K8S_DIRS) || name.equals("kustomization.yaml") || name.equals("kubeconfig")
                || name.startsWith("values") && (ext.equals("yaml") || ext.equals("yml")) || name.equals("chart.yaml")) {
            return "k8s";
        }
        if (name.equals("dockerfile") || name.startsWith("dockerfile.") || name.endsWith(".dockerfile")
                || name.startsWith("docker-compose") || name.startsWith("compose.") || name.equals(".dockerignore")
                || name.equals("containerfile")) {
            return "container";
        }
        if (DOC_EXT.contains(ext) || dirs.contains("/docs/") || dirs.contains("/doc/") || name.startsWith("readme")) {
            return "docs";
        }
        if (CONFIG_EXT.contains(ext) || name.startsWith(".env") || name.endsWith(".env") || name.equals("config")
                || name.equals(".git-credentials") || name.equals(".htpasswd") || name.equals("credentials")) {
            return "config";
        }
        if (SOURCE_EXT.contains(ext)) {
            return "source";
        }
        return "other";
    }

    private static boolean isTest(String dirs, String name) {
        return dirs.contains("/test/") || dirs.contains("/tests/") || dirs.contains("/__tests__/")
                || dirs.contains("/spec/") || dirs.contains("/testdata/") || dirs.contains("/fixtures/")
                || dirs.contains("/testing/") || dirs.contains("/t/") || name.endsWith(".t") || name.endsWith("_test.go") || name.matches(".*(test|tests|spec)\\.[a-z]+")
                || name.startsWith("test_");
    }

    private static boolean containsAny(String dirs, Set<String> parts) {
        for (String part : parts) {
            if (dirs.contains("/" + part)) {
                return true;
            }
        }
        return false;
    }
}
