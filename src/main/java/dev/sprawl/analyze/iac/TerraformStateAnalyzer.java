package dev.sprawl.analyze.iac;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.OwnerKeys;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.rules.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Terraform and OpenTofu state ({@code *.tfstate}, {@code *.tfstate.backup}, {@code terraform.tfstate.d/}),
 * where every secret a configuration touched is stored in clear JSON: the values of sensitive
 * attributes (listed in an instance's {@code sensitive_attributes}, plus well-known ones such as
 * {@code random_password.result}), of credential-named attributes at any depth, of sensitive outputs
 * and of credential-named outputs, and the credentials of a {@code backend} block
 * ({@code terraform-state-secret}). Each resource instance is a scope ({@code resource:
 * module.db.aws_db_instance.main[0]}) whose owner comes from its {@code tags}
 * ({@code source: iac-tag}). Context: {@code iac}.
 */
public final class TerraformStateAnalyzer implements Analyzer {

    /** Attributes that are secrets whatever their name says: resource type -> attribute -> category. */
    private static final Map<String, Map<String, Category>> KNOWN_SENSITIVE = Map.of(
            "random_password", Map.of("result", Category.PASSWORD, "bcrypt_hash", Category.PASSWORD),
            "aws_iam_access_key", Map.of("secret", Category.API_KEY, "ses_smtp_password_v4", Category.PASSWORD),
            "azuread_application_password", Map.of("value", Category.PASSWORD),
            "azuread_service_principal_password", Map.of("value", Category.PASSWORD),
            "google_service_account_key", Map.of("private_key", Category.PRIVATE_KEY),
            "tls_private_key", Map.of("private_key_pem", Category.PRIVATE_KEY, "private_key_openssh", Category.PRIVATE_KEY,
                    "private_key_pem_pkcs8", Category.PRIVATE_KEY));

    @Override
    public String id() {
        return "terraform-state";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.endsWith(".tfstate") || fileName.endsWith(".tfstate.backup") || path.contains("terraform.tfstate.d/")) {
            return Fit.NAME;
        }
        return Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        out.context("iac");
        if (!(in.json() instanceof Tree.Mapping root)) {
            return;
        }
        if (root.get("outputs") instanceof Tree.Mapping outputs) {
            for (Tree.Entry o : outputs.entries()) {
                if (o.value() instanceof Tree.Mapping output) {
                    output(o.key(), output, out);
                }
            }
        }
        if (root.get("resources") instanceof Tree.Sequence resources) {
            for (Tree r : resources.items()) {
                if (r instanceof Tree.Mapping resource) {
                    resource(resource, in, out);
                }
            }
        }
        if (root.get("backend") instanceof Tree.Mapping backend && backend.get("config") instanceof Tree.Mapping config) {
            out.scope(backend.span(), "backend" + (backend.text("type") == null ? "" : "." + backend.text("type")), null);
            credentials(config, "backend.config", out);
        }
    }

    private static void output(String name, Tree.Mapping output, AnalyzerOutput out) {
        boolean sensitive = output.get("sensitive") instanceof Tree.Scalar s && s.value().equals("true");
        Tree value = output.get("value");
        String key = TreeWalk.child(TreeWalk.child("outputs", name), "value");
        if (value instanceof Tree.Scalar scalar) {
            Category c = CredentialKeys.categoryOf(name);
            if (c == null && sensitive) {
                c = Category.GENERIC_SECRET;
            }
            if (c != null) {
                out.literal(AnalyzerRule.TERRAFORM_STATE_SECRET, c, key, scalar);
            }
        } else if (value != null) {
            credentials(value, key, out);
        }
    }

    private static void resource(Tree.Mapping resource, AnalyzerInput in, AnalyzerOutput out) {
        String type = resource.text("type");
        String name = resource.text("name");
        if (type == null || name == null || !(resource.get("instances") instanceof Tree.Sequence instances)) {
            return;
        }
        String module = resource.text("module");
        String address = (module == null ? "" : module + ".") + ("data".equals(resource.text("mode")) ? "data." : "")
                + type + "." + name;
        for (Tree i : instances.items()) {
            if (!(i instanceof Tree.Mapping instance) || !(instance.get("attributes") instanceof Tree.Mapping attributes)) {
                continue;
            }
            String index = instance.get("index_key") instanceof Tree.Scalar k
                    ? "[" + (k.kind() == Tree.Kind.STRING ? "\"" + k.value() + "\"" : k.value()) + "]" : "";
            String addr = address + index;
            List<OwnerKeys.Tag> tags = new ArrayList<>();
            for (String field : new String[] {"tags", "tags_all", "labels"}) {
                if (attributes.get(field) instanceof Tree.Mapping t) {
                    for (Tree.Entry e : t.entries()) {
                        if (e.value() instanceof Tree.Scalar v) {
                            tags.add(new OwnerKeys.Tag(e.key(), v.value(), e.keySpan().start()));
                        }
                    }
                }
            }
            out.scope(instance.span(), addr, OwnerKeys.owner(tags, "iac-tag", in.path(), in.text()));
            for (Map.Entry<String, Category> known : KNOWN_SENSITIVE.getOrDefault(type, Map.of()).entrySet()) {
                if (attributes.get(known.getKey()) instanceof Tree.Scalar s) {
                    out.literal(AnalyzerRule.TERRAFORM_STATE_SECRET, known.getValue(),
                            TreeWalk.child("attributes", known.getKey()), s);
                }
            }
            credentials(attributes, "attributes", out);
            if (instance.get("sensitive_attributes") instanceof Tree.Sequence paths) {
                for (Tree p : paths.items()) {
                    sensitivePath(attributes, p, out);
                }
            }
        }
    }

    /** Follows one {@code sensitive_attributes} path (a list of get_attr/index steps) and reports the value. */
    private static void sensitivePath(Tree.Mapping attributes, Tree path, AnalyzerOutput out) {
        List<Tree> steps = path instanceof Tree.Sequence q ? q.items() : List.of(path);
        Tree at = attributes;
        String key = "attributes";
        String last = null;
        for (Tree step : steps) {
            if (!(step instanceof Tree.Mapping s)) {
                return;
            }
            Tree value = s.get("value");
            String k = value instanceof Tree.Scalar v ? v.value()
                    : value instanceof Tree.Mapping vm ? vm.text("value") : null;
            if (k == null) {
                return;
            }
            if (at instanceof Tree.Mapping m) {
                at = m.get(k);
                key = TreeWalk.child(key, k);
                if ("get_attr".equals(s.text("type"))) {
                    last = k;
                }
            } else if (at instanceof Tree.Sequence q) {
                try {
                    int idx = Integer.parseInt(k);
                    at = idx >= 0 && idx < q.items().size() ? q.items().get(idx) : null;
                    key = TreeWalk.item(key, idx);
                } catch (NumberFormatException e) {
                    return;
                }
            } else {
                return;
            }
        }
        if (at instanceof Tree.Scalar scalar) {
            Category c = CredentialKeys.categoryOf(last);
            out.literal(AnalyzerRule.TERRAFORM_STATE_SECRET, c == null ? Category.GENERIC_SECRET : c, key, scalar);
        } else if (at != null) {
            credentials(at, key, out);
        }
    }

    /** Credential-named scalars anywhere under {@code node}. */
    private static void credentials(Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                if (!out.credential(AnalyzerRule.TERRAFORM_STATE_SECRET, e.key(), p, e.value())
                        || !(e.value() instanceof Tree.Scalar)) {
                    credentials(e.value(), p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                credentials(q.items().get(i), TreeWalk.item(path, i), out);
            }
        }
    }
}
