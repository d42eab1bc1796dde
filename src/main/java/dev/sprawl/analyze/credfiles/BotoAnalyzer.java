package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/** boto and gsutil's {@code .boto}: {@code [Credentials]} secret keys and the OAuth2 refresh token; identity the access key ids. */
public final class BotoAnalyzer extends IniFile {

    public BotoAnalyzer() {
        super("boto", AnalyzerRule.BOTO, true, false,
                Map.of("aws_secret_access_key", Category.API_KEY, "gs_secret_access_key", Category.API_KEY,
                        "gs_oauth2_refresh_token", Category.TOKEN, "proxy_pass", Category.PASSWORD),
                Map.of("aws_access_key_id", Identity.KEY_ID, "gs_access_key_id", Identity.KEY_ID), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".boto") || fileName.equals("boto.cfg") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("secret_access_key") || content.contains("refresh_token") || content.contains("proxy_pass");
    }
}
