package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * The AWS CLI and SDK files {@code ~/.aws/credentials} and {@code ~/.aws/config} (and any
 * {@code credentials} file with AWS keys): each profile block's {@code aws_secret_access_key},
 * {@code aws_session_token} and {@code aws_security_token}; identity the block's
 * {@code aws_access_key_id} (key id), its {@code sso_account_id} or the account of its
 * {@code role_arn} (account). Resource: {@code profile NAME}.
 */
public final class AwsCliAnalyzer extends IniFile {

    public AwsCliAnalyzer() {
        super("aws-cli", AnalyzerRule.AWS_CLI, false, false,
                Map.of("aws_secret_access_key", Category.API_KEY, "aws_session_token", Category.TOKEN,
                        "aws_security_token", Category.TOKEN),
                Map.of("aws_access_key_id", Identity.KEY_ID, "sso_account_id", Identity.ACCOUNT), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.equals("credentials") && !fileName.equals("config")) {
            return Fit.NO;
        }
        if (endsWith(path, ".aws/credentials") || endsWith(path, ".aws/config")) {
            return Fit.NAME;
        }
        return Fit.CONTENT;
    }

    @Override
    boolean claims(String content) {
        return content.contains("aws_secret_access_key") || content.contains("aws_session_token")
                || content.contains("aws_security_token");
    }

    @Override
    String resource(Ini.Section s) {
        String n = s.name().startsWith("profile ") ? s.name().substring(8).strip() : s.name();
        return n.isEmpty() ? null : "profile " + n;
    }

    @Override
    void moreIdentities(Ini.Section s, Ids ids) {
        Ini.Entry role = s.get("role_arn");
        if (role != null) {
            String[] parts = role.value().split(":", 6);
            if (parts.length == 6 && parts[4].matches("\\d{12}")) {
                ids.add(Identity.ACCOUNT, parts[4], role.keyOffset());
            }
        }
    }
}
