package dev.sprawl.analyze.ci;

import java.util.List;
import java.util.Set;

/**
 * Bitbucket Pipelines ({@code bitbucket-pipelines.yml}): literals in pipe {@code variables} and in
 * the build {@code image}'s credentials ({@code password}, {@code aws.secret-key}). References:
 * credential-named {@code $NAME} variables ({@code bitbucket-variable}).
 */
public final class BitbucketPipelinesAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(SHELL_VARIABLE, "bitbucket-variable", true, "$"));

    @Override
    public String id() {
        return "bitbucket-pipelines";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("bitbucket-pipelines.yml") || fileName.equals("bitbucket-pipelines.yaml")
                ? Fit.NAME : Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("variables", "image");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }
}
