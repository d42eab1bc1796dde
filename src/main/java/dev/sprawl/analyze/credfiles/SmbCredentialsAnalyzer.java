package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * The credentials file of {@code mount.cifs} ({@code credentials=} option, usually
 * {@code .smbcredentials}): {@code username=}, {@code password=}, {@code domain=} lines. Identity the
 * user and the domain (account).
 */
public final class SmbCredentialsAnalyzer extends IniFile {

    public SmbCredentialsAnalyzer() {
        super("smb-credentials", AnalyzerRule.SMB_CREDENTIALS, false, false,
                Map.of("password", Category.PASSWORD, "pass", Category.PASSWORD),
                Map.of("username", Identity.USER, "user", Identity.USER, "domain", Identity.ACCOUNT), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.startsWith(".smbcred") || fileName.equals("smbcredentials") || fileName.startsWith(".cifs")
                || fileName.equals("cifs-credentials") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("password") && content.contains("user");
    }
}
