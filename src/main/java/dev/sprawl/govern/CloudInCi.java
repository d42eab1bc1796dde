package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.SecretEntry;
import java.util.Map;

/**
 * {@code static-cloud-credential-in-ci}: a long-lived cloud credential (AWS access key, GCP service
 * account key, Azure client secret) in a CI pipeline file (location context {@code ci}), where the
 * platform can hand the job a short-lived token through workload identity federation instead.
 */
final class CloudInCi {

    /** Long-lived cloud credential rules, by cloud. */
    static final Map<String, String> RULES = Map.of(
            "aws-access-key-id", "aws",
            "aws-secret-access-key", "aws",
            "gcp-service-account-key", "gcp",
            "azure-entra-client-secret", "azure");

    private CloudInCi() {
    }

    static GovernanceFinding check(SecretEntry s) {
        return check(s.rule().id(), s.locations());
    }

    static GovernanceFinding check(String ruleId, Iterable<Location> locations) {
        String cloud = RULES.get(ruleId);
        if (cloud == null) {
            return null;
        }
        for (Location l : locations) {
            if ("ci".equals(l.context())) {
                return new GovernanceFinding(Codes.STATIC_CLOUD_IN_CI, "high", message(cloud, platform(l.path())));
            }
        }
        return null;
    }

    /** {@code github}, {@code gitlab} or null for another CI system. */
    static String platform(String path) {
        String outer = path.contains("!") ? path.substring(0, path.indexOf('!')) : path;
        if (outer.startsWith(".github/workflows/") || outer.contains("/.github/workflows/")
                || outer.startsWith(".github/actions/")) {
            return "github";
        }
        String name = outer.substring(outer.lastIndexOf('/') + 1);
        if (name.equals(".gitlab-ci.yml") || name.endsWith(".gitlab-ci.yml") || outer.startsWith(".gitlab/")) {
            return "gitlab";
        }
        return null;
    }

    static String message(String cloud, String platform) {
        String token = switch (platform == null ? "" : platform) {
            case "github" -> "GitHub Actions OIDC (permissions: id-token: write)";
            case "gitlab" -> "GitLab CI id_tokens";
            default -> "the CI platform's OIDC token";
        };
        String target = switch (cloud) {
            case "aws" -> "an AWS IAM role trusted for that OIDC provider (sts:AssumeRoleWithWebIdentity"
                    + (platform != null && platform.equals("github") ? ", aws-actions/configure-aws-credentials role-to-assume" : "")
                    + ")";
            case "gcp" -> "GCP Workload Identity Federation (a workload identity pool and provider that may "
                    + "impersonate the service account)";
            default -> "Azure federated credentials on the app registration or managed identity (azure/login with OIDC)";
        };
        String what = switch (cloud) {
            case "aws" -> "a long-lived AWS access key";
            case "gcp" -> "a GCP service account key";
            default -> "an Azure client secret";
        };
        return what + " in a CI pipeline: replace it with short-lived credentials from " + token + " exchanged for "
                + target + ", then delete the key";
    }
}
