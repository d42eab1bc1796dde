package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/** s3cmd's {@code .s3cfg}: {@code secret_key}, {@code access_token}, {@code gpg_passphrase}; identity {@code access_key} (key id) and {@code host_base}. */
public final class S3cmdAnalyzer extends IniFile {

    public S3cmdAnalyzer() {
        super("s3cmd", AnalyzerRule.S3CMD, false, false,
                Map.of("secret_key", Category.API_KEY, "access_token", Category.TOKEN, "gpg_passphrase", Category.PASSWORD,
                        "proxy_password", Category.PASSWORD),
                Map.of("access_key", Identity.KEY_ID, "host_base", Identity.HOST), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".s3cfg") || fileName.equals("s3cfg") || fileName.endsWith(".s3cfg") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("secret_key") || content.contains("access_token");
    }
}
