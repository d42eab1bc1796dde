package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * Google Cloud credential files, recognised by content in any {@code .json} file (their names vary:
 * {@code application_default_credentials.json}, {@code adc.json}, {@code PROJECT-1a2b3c.json}):
 * <ul>
 *   <li>{@code "type": "service_account"}: {@code private_key} (private key); identity
 *       {@code client_email} (user), {@code private_key_id} (key id), {@code client_id} (client id),
 *       {@code project_id} (account);</li>
 *   <li>{@code "type": "authorized_user"} (gcloud's application default credentials):
 *       {@code refresh_token} (token) and {@code client_secret}; identity {@code client_id},
 *       {@code account} (user), {@code quota_project_id} (account);</li>
 *   <li>{@code "type": "impersonated_service_account"}: its {@code source_credentials} as above.</li>
 * </ul>
 */
public final class GcloudAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "gcloud";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals("application_default_credentials.json") || fileName.equals("adc.json")) {
            return Fit.NAME;
        }
        return fileName.endsWith(".json") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("\"type\"") && (content.contains("service_account") || content.contains("authorized_user"));
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        return credential(root, "", out);
    }

    private static boolean credential(Tree.Mapping m, String path, AnalyzerOutput out) {
        String type = text(m, "type");
        if ("service_account".equals(type) && m.get("private_key") != null) {
            new Ids(out).add(Identity.USER, text(m, "client_email"), at(m, "client_email"))
                    .add(Identity.KEY_ID, text(m, "private_key_id"), at(m, "private_key_id"))
                    .add(Identity.CLIENT_ID, text(m, "client_id"), at(m, "client_id"))
                    .add(Identity.ACCOUNT, text(m, "project_id"), at(m, "project_id")).bind(m.span());
            literal(out, AnalyzerRule.GCLOUD, Category.PRIVATE_KEY, m, "private_key", path + "private_key");
            return true;
        }
        if ("authorized_user".equals(type)) {
            new Ids(out).add(Identity.CLIENT_ID, text(m, "client_id"), at(m, "client_id"))
                    .add(Identity.USER, text(m, "account"), at(m, "account"))
                    .add(Identity.ACCOUNT, text(m, "quota_project_id"), at(m, "quota_project_id")).bind(m.span());
            literal(out, AnalyzerRule.GCLOUD, Category.TOKEN, m, "refresh_token", path + "refresh_token");
            literal(out, AnalyzerRule.GCLOUD, Category.GENERIC_SECRET, m, "client_secret", path + "client_secret");
            return true;
        }
        if ("impersonated_service_account".equals(type) && m.get("source_credentials") instanceof Tree.Mapping src) {
            return credential(src, "source_credentials.", out);
        }
        return false;
    }
}
