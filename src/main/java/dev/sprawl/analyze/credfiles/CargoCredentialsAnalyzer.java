package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * Cargo's {@code ~/.cargo/credentials.toml} (and the older {@code credentials}): the {@code token} of
 * {@code [registry]} (crates.io, the host identity) and of each {@code [registries.NAME]}
 * (resource {@code registry NAME}).
 */
public final class CargoCredentialsAnalyzer extends IniFile {

    public CargoCredentialsAnalyzer() {
        super("cargo-credentials", AnalyzerRule.CARGO_CREDENTIALS, false, false, Map.of("token", Category.TOKEN),
                Map.of(), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.equals("credentials.toml") && !fileName.equals("credentials")) {
            return Fit.NO;
        }
        return endsWith(path, ".cargo/credentials.toml") || endsWith(path, ".cargo/credentials") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("token");
    }

    @Override
    String resource(Ini.Section s) {
        return s.name().startsWith("registries.") ? "registry " + s.name().substring("registries.".length()) : null;
    }

    @Override
    void moreIdentities(Ini.Section s, Ids ids) {
        if (s.name().equals("registry")) {
            ids.add(Identity.HOST, "crates.io", s.span().start());
        }
    }
}
