package dev.sprawl.analyze.ci;

import java.util.List;
import java.util.Set;

/**
 * Travis CI ({@code .travis.yml}): literals in {@code env} ({@code NAME=value} strings, the
 * {@code global}/{@code jobs}/{@code matrix} lists) and in {@code deploy} providers' credentials
 * ({@code api_key}, {@code password}...). {@code secure:} values are encrypted: not a leak.
 * References: credential-named {@code $NAME} variables ({@code travis-variable}).
 */
public final class TravisAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(SHELL_VARIABLE, "travis-variable", true, "$"));

    @Override
    public String id() {
        return "travis";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".travis.yml") || fileName.equals(".travis.yaml") ? Fit.NAME : Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("env", "deploy");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }
}
