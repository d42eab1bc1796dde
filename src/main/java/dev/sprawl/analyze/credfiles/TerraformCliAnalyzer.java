package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform CLI credentials: {@code credentials.tfrc.json} ({@code credentials.HOST.token}, written
 * by {@code terraform login}) and the {@code credentials "HOST" { token = "…" }} blocks of
 * {@code .terraformrc} / {@code terraform.rc}. Identity: the host.
 */
public final class TerraformCliAnalyzer extends CredentialFile {

    private static final Pattern BLOCK = Pattern.compile(
            "(?m)^\\s{0,20}credentials\\s{1,20}\"([^\"\\n]{1,253})\"\\s{0,20}\\{[^}]{0,2000}?\\btoken\\s{0,20}=\\s{0,20}\"([^\"\\n]{0,4096})\"");

    @Override
    public String id() {
        return "terraform-cli";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("credentials.tfrc.json") || fileName.equals(".terraformrc") || fileName.equals("terraform.rc")
                ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("token")) {
            return;
        }
        out.context(CONTEXT);
        if (in.fileName().endsWith(".json")) {
            if (in.json() instanceof Tree.Mapping root && root.get("credentials") instanceof Tree.Mapping creds) {
                for (Tree.Entry h : creds.entries()) {
                    if (h.value() instanceof Tree.Mapping m && m.get("token") instanceof Tree.Scalar t) {
                        new Ids(out).add(Identity.HOST, h.key(), h.keySpan().start()).bind(m.span());
                        out.literal(AnalyzerRule.TERRAFORM_CLI, Category.TOKEN, "credentials." + h.key() + ".token", t);
                    }
                }
            }
            return;
        }
        Matcher m = BLOCK.matcher(s);
        while (m.find()) {
            new Ids(out).add(Identity.HOST, m.group(1), m.start(1)).bind(new Span(m.start(), m.end()));
            out.literal(AnalyzerRule.TERRAFORM_CLI, Category.TOKEN, "credentials." + m.group(1) + ".token", m.group(2),
                    new Span(m.start(2), m.end(2)));
        }
    }
}
