package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * sbt and Ivy credentials files ({@code ~/.sbt/.credentials}, {@code ~/.ivy2/.credentials}:
 * {@code realm}, {@code host}, {@code user}, {@code password} properties). Identity the user, the host
 * and the realm (account).
 */
public final class SbtCredentialsAnalyzer extends IniFile {

    public SbtCredentialsAnalyzer() {
        super("sbt-credentials", AnalyzerRule.SBT_CREDENTIALS, false, false, Map.of("password", Category.PASSWORD),
                Map.of("user", Identity.USER, "host", Identity.HOST, "realm", Identity.ACCOUNT), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.endsWith(".credentials")) {
            return Fit.NO;
        }
        if (endsWith(path, ".sbt/.credentials") || endsWith(path, ".ivy2/.credentials")) {
            return Fit.NAME;
        }
        return Fit.CONTENT;
    }

    @Override
    boolean claims(String content) {
        return content.contains("password") && content.contains("host");
    }
}
