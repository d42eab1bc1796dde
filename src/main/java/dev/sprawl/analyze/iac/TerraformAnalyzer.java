package dev.sprawl.analyze.iac;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.OwnerKeys;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.inventory.Owner;
import dev.sprawl.rules.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Terraform configuration ({@code .tf}) and variable files ({@code .tfvars}): a credential-named
 * attribute (at any depth: blocks, nested blocks, objects such as Lambda environment variables) whose
 * value is a plain string literal — {@code password}, {@code secret_key}, {@code token},
 * {@code private_key}, {@code client_secret}... — is reported ({@code terraform-literal-credential});
 * a {@code variable} whose {@code default} is a literal, when its name is a credential's or it is
 * {@code sensitive}. References, calls and interpolations ({@code var.}, {@code local.},
 * {@code data.}, {@code module.}, {@code ${...}}) are not literals: a generic rule's hit on them is
 * dropped. References: secret-manager and Vault data sources ({@code aws-secrets-manager},
 * {@code aws-ssm-parameter}, {@code vault}, {@code gcp-secret-manager}, {@code azure-key-vault}).
 * Each block is a scope ({@code resource: aws_db_instance.main}, {@code provider.aws}, {@code var.x}...)
 * whose owner comes from owner-like keys of its {@code tags}, {@code tags_all} or {@code labels}
 * ({@code source: iac-tag}); a provider's {@code default_tags} apply to the whole file. Context: {@code iac}.
 */
public final class TerraformAnalyzer implements Analyzer {

    /** Data sources (and ephemeral resources) that read a secret held elsewhere: type -> [kind, name attributes...]. */
    private static final Map<String, String[]> SECRET_SOURCES = Map.ofEntries(
            Map.entry("aws_secretsmanager_secret_version", new String[] {"aws-secrets-manager", "secret_id"}),
            Map.entry("aws_secretsmanager_secret", new String[] {"aws-secrets-manager", "name", "arn"}),
            Map.entry("aws_secretsmanager_random_password", new String[] {"aws-secrets-manager"}),
            Map.entry("aws_ssm_parameter", new String[] {"aws-ssm-parameter", "name"}),
            Map.entry("vault_generic_secret", new String[] {"vault", "path"}),
            Map.entry("vault_kv_secret", new String[] {"vault", "path"}),
            Map.entry("vault_kv_secret_v2", new String[] {"vault", "mount", "name"}),
            Map.entry("vault_kv_secrets_list_v2", new String[] {"vault", "mount", "name"}),
            Map.entry("vault_aws_access_credentials", new String[] {"vault", "backend", "role"}),
            Map.entry("vault_database_secret", new String[] {"vault", "mount", "name"}),
            Map.entry("google_secret_manager_secret_version", new String[] {"gcp-secret-manager", "secret"}),
            Map.entry("google_secret_manager_secret_version_access", new String[] {"gcp-secret-manager", "secret"}),
            Map.entry("azurerm_key_vault_secret", new String[] {"azure-key-vault", "name"}),
            Map.entry("azurerm_key_vault_secrets", new String[] {"azure-key-vault", "key_vault_id"}));

    @Override
    public String id() {
        return "terraform";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.endsWith(".tf") || fileName.endsWith(".tfvars") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        out.context("iac");
        Hcl.Body body = Hcl.parse(in.text().content());
        for (Hcl.Attribute a : body.attributes()) {
            attribute(a, "", in, out);
        }
        for (Hcl.Block b : body.blocks()) {
            block(b, null, "", in, out);
        }
    }

    private static void block(Hcl.Block b, String address, String path, AnalyzerInput in, AnalyzerOutput out) {
        String addr = address;
        if (addr == null) {
            addr = address(b);
            out.scope(b.span(), addr, owner(b.body(), in));
            if ((b.type().equals("data") || b.type().equals("ephemeral")) && !b.labels().isEmpty()) {
                secretSource(b, addr, in, out);
            }
            if (b.type().equals("variable") && !b.labels().isEmpty()) {
                variable(b, in, out);
            }
            if (b.type().equals("provider")) {
                for (Hcl.Block inner : b.body().blocks()) {
                    if (inner.type().equals("default_tags")) {
                        Owner o = owner(inner.body(), in);
                        if (o != null) {
                            out.scope(new Span(0, in.text().length()), null, o);
                        }
                    }
                }
            }
        }
        for (Hcl.Attribute a : b.body().attributes()) {
            if (!b.type().equals("variable") || !a.name().equals("default")) {
                attribute(a, path, in, out);
            }
        }
        for (Hcl.Block inner : b.body().blocks()) {
            String p = TreeWalk.child(path, inner.type() + (inner.labels().isEmpty() ? "" : "." + String.join(".", inner.labels())));
            block(inner, addr, p, in, out);
        }
    }

    private static void attribute(Hcl.Attribute a, String path, AnalyzerInput in, AnalyzerOutput out) {
        String key = TreeWalk.child(path, a.name());
        Hcl.Expr v = a.value();
        if (v instanceof Hcl.Literal lit) {
            Category c = CredentialKeys.categoryOf(a.name());
            if (c != null) {
                out.literal(AnalyzerRule.TERRAFORM_LITERAL, c, key, lit.value(), lit.span());
            }
        } else if (v instanceof Hcl.Obj obj) {
            for (Hcl.Attribute e : obj.entries()) {
                attribute(e, key, in, out);
            }
        } else if (v instanceof Hcl.Other other) {
            out.nonLiteral(other.head());
            for (Hcl.Obj obj : other.objects()) {
                for (Hcl.Attribute e : obj.entries()) {
                    attribute(e, key, in, out);
                }
            }
        }
    }

    /** A variable's literal default: a secret when the variable is named like one or marked sensitive. */
    private static void variable(Hcl.Block b, AnalyzerInput in, AnalyzerOutput out) {
        String name = b.labels().get(0);
        boolean sensitive = false;
        Hcl.Attribute def = null;
        for (Hcl.Attribute a : b.body().attributes()) {
            if (a.name().equals("sensitive") && a.value() instanceof Hcl.Other o
                    && in.text().slice(o.span()).strip().equals("true")) {
                sensitive = true;
            } else if (a.name().equals("default")) {
                def = a;
            }
        }
        if (def == null) {
            return;
        }
        Category c = CredentialKeys.categoryOf(name);
        if (c == null && sensitive) {
            c = Category.GENERIC_SECRET;
        }
        if (def.value() instanceof Hcl.Literal lit) {
            if (c != null) {
                out.literal(AnalyzerRule.TERRAFORM_LITERAL, c, "default", lit.value(), lit.span());
            }
        } else {
            attribute(def, "", in, out);
        }
    }

    private static void secretSource(Hcl.Block b, String addr, AnalyzerInput in, AnalyzerOutput out) {
        String[] spec = SECRET_SOURCES.get(b.labels().get(0));
        if (spec == null) {
            return;
        }
        List<String> parts = new ArrayList<>();
        Span at = null;
        for (int i = 1; i < spec.length; i++) {
            for (Hcl.Attribute a : b.body().attributes()) {
                if (a.name().equals(spec[i])) {
                    parts.add(a.value() instanceof Hcl.Literal lit ? lit.value() : in.text().slice(a.value().span()).strip());
                    out.nonLiteral(a.value().span());
                    if (at == null) {
                        at = a.value().span();
                    }
                }
            }
        }
        String name = parts.isEmpty() ? addr : String.join("/", parts);
        if (name.length() > 200) {
            name = name.substring(0, 200) + "…";
        }
        out.reference(spec[0], name, at != null ? at : new Span(b.span().start(), b.span().start()), null);
    }

    /** The owner from owner-like keys of the body's {@code tags}, {@code tags_all} or {@code labels}. */
    private static Owner owner(Hcl.Body body, AnalyzerInput in) {
        List<OwnerKeys.Tag> tags = new ArrayList<>();
        for (Hcl.Attribute a : body.attributes()) {
            if ((a.name().equals("tags") || a.name().equals("tags_all") || a.name().equals("labels"))
                    && a.value() instanceof Hcl.Obj obj) {
                for (Hcl.Attribute t : obj.entries()) {
                    if (t.value() instanceof Hcl.Literal lit) {
                        tags.add(new OwnerKeys.Tag(t.name(), lit.value(), t.nameSpan().start()));
                    }
                }
            }
        }
        return OwnerKeys.owner(tags, "iac-tag", in.path(), in.text());
    }

    /** {@code aws_db_instance.main}, {@code data.x.y}, {@code module.db}, {@code var.x}, {@code provider.aws}... */
    static String address(Hcl.Block b) {
        List<String> l = b.labels();
        return switch (b.type()) {
            case "resource" -> l.size() >= 2 ? l.get(0) + "." + l.get(1) : "resource";
            case "data" -> l.size() >= 2 ? "data." + l.get(0) + "." + l.get(1) : "data";
            case "ephemeral" -> l.size() >= 2 ? "ephemeral." + l.get(0) + "." + l.get(1) : "ephemeral";
            case "module" -> l.isEmpty() ? "module" : "module." + l.get(0);
            case "variable" -> l.isEmpty() ? "variable" : "var." + l.get(0);
            case "output" -> l.isEmpty() ? "output" : "output." + l.get(0);
            case "provider" -> l.isEmpty() ? "provider" : "provider." + l.get(0);
            case "locals" -> "locals";
            default -> l.isEmpty() ? b.type() : b.type() + "." + String.join(".", l);
        };
    }
}
