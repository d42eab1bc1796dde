package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/** The Databricks CLI's {@code .databrickscfg}: each profile's {@code token}, {@code password} or {@code client_secret}; identity {@code host}, {@code username}, {@code client_id}, {@code account_id}. */
public final class DatabricksCfgAnalyzer extends IniFile {

    public DatabricksCfgAnalyzer() {
        super("databrickscfg", AnalyzerRule.DATABRICKS_CFG, false, false,
                Map.of("token", Category.TOKEN, "password", Category.PASSWORD, "client_secret", Category.GENERIC_SECRET),
                Map.of("host", Identity.HOST, "username", Identity.USER, "client_id", Identity.CLIENT_ID,
                        "account_id", Identity.ACCOUNT), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".databrickscfg") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("token") || content.contains("password") || content.contains("client_secret");
    }
}
