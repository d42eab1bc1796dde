package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * {@code .pypirc}: each index section's {@code password} (an API token when the user is
 * {@code __token__}); identity {@code username} and the {@code repository} host ({@code [pypi]} and
 * {@code [testpypi]} default to upload.pypi.org and test.pypi.org as the specification says).
 */
public final class PypircAnalyzer extends IniFile {

    public PypircAnalyzer() {
        super("pypirc", AnalyzerRule.PYPIRC, true, false, Map.of("password", Category.PASSWORD),
                Map.of("username", Identity.USER, "repository", Identity.HOST), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".pypirc") || fileName.equals("pypirc") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("[") && content.contains("password");
    }

    @Override
    void moreIdentities(Ini.Section s, Ids ids) {
        if (s.get("repository") == null && (s.name().equals("pypi") || s.name().equals("testpypi"))) {
            ids.add(Identity.HOST, s.name().equals("pypi") ? "upload.pypi.org" : "test.pypi.org", s.span().start());
        }
    }
}
