package dev.sprawl.analyze.iac;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.OwnerKeys;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.rules.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS CloudFormation and SAM templates, YAML (short-form intrinsic tags {@code !Ref}, {@code !Sub},
 * {@code !GetAtt}... are read as plain tags, never constructed) or JSON, recognised by
 * {@code AWSTemplateFormatVersion} or {@code AWS::} resource types:
 * <ul>
 *   <li>literal values of credential-named properties at any depth of a resource's
 *       {@code Properties} and of SAM {@code Globals} ({@code MasterUserPassword}, {@code AuthToken},
 *       {@code SecretString}, Lambda environment variables...): {@code cloudformation-literal-credential};</li>
 *   <li>{@code NoEcho} parameters with a {@code Default} ({@code cloudformation-noecho-default}) and
 *       credential-named parameters with a literal {@code Default};</li>
 *   <li>intrinsic functions are not literals (a generic rule's hit on {@code !GetAtt x} is dropped).</li>
 * </ul>
 * References: dynamic references {@code {{resolve:secretsmanager:...}}} ({@code aws-secrets-manager})
 * and {@code {{resolve:ssm-secure:...}}} ({@code aws-ssm-parameter}). Each resource is a scope
 * ({@code resource: LogicalId}) whose owner comes from owner-like keys of its {@code Tags}
 * ({@code source: iac-tag}). Context: {@code iac}.
 */
public final class CloudFormationAnalyzer implements Analyzer {

    private static final String AWS_SM = "aws-secrets-manager";
    private static final String AWS_SSM = "aws-ssm-parameter";
    private static final Pattern DYNAMIC = Pattern.compile(
            "\\{\\{resolve:secretsmanager:([^:}]{1,512})|\\{\\{resolve:ssm-secure:([^:}]{1,512})");

    @Override
    public String id() {
        return "cloudformation";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".json")
                || fileName.endsWith(".template") || fileName.endsWith(".cfn") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("AWSTemplateFormatVersion") && !(s.contains("Resources") && s.contains("AWS::"))) {
            return;
        }
        for (Tree doc : in.documents()) {
            if (doc instanceof Tree.Mapping root && isTemplate(root)) {
                template(root, in, out);
            }
        }
    }

    private static boolean isTemplate(Tree.Mapping root) {
        if (root.get("AWSTemplateFormatVersion") != null) {
            return true;
        }
        if (root.get("Resources") instanceof Tree.Mapping resources) {
            for (Tree.Entry e : resources.entries()) {
                if (e.value() instanceof Tree.Mapping r && r.text("Type") != null && r.text("Type").contains("::")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void template(Tree.Mapping root, AnalyzerInput in, AnalyzerOutput out) {
        out.context("iac");
        if (root.get("Parameters") instanceof Tree.Mapping params) {
            for (Tree.Entry p : params.entries()) {
                if (p.value() instanceof Tree.Mapping param && param.get("Default") instanceof Tree.Scalar def) {
                    String path = TreeWalk.child(TreeWalk.child("Parameters", p.key()), "Default");
                    Category c = CredentialKeys.categoryOf(p.key());
                    if (param.get("NoEcho") instanceof Tree.Scalar noEcho && noEcho.value().equalsIgnoreCase("true")) {
                        out.literal(AnalyzerRule.CLOUDFORMATION_NOECHO_DEFAULT, c == null ? Category.GENERIC_SECRET : c,
                                path, def);
                    } else if (c != null) {
                        out.literal(AnalyzerRule.CLOUDFORMATION_LITERAL, c, path, def);
                    }
                }
            }
        }
        if (root.get("Globals") instanceof Tree.Mapping globals) {
            properties(globals, "Globals", out);
        }
        if (root.get("Resources") instanceof Tree.Mapping resources) {
            for (Tree.Entry r : resources.entries()) {
                if (!(r.value() instanceof Tree.Mapping resource)) {
                    continue;
                }
                String path = TreeWalk.child("Resources", r.key());
                Tree props = resource.get("Properties");
                out.scope(resource.span(), r.key(), OwnerKeys.owner(props instanceof Tree.Mapping pm ? tags(pm) : List.of(),
                        "iac-tag", in.path(), in.text()));
                if (props != null) {
                    properties(props, TreeWalk.child(path, "Properties"), out);
                }
            }
        }
        TreeWalk.scalars(root, "", (path, scalar) -> dynamicReferences(scalar, path, in, out));
    }

    private static void dynamicReferences(Tree.Scalar scalar, String path, AnalyzerInput in, AnalyzerOutput out) {
        if (!scalar.value().contains("{{resolve:")) {
            return;
        }
        Matcher m = DYNAMIC.matcher(scalar.value());
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            out.reference(g == 1 ? AWS_SM : AWS_SSM, m.group(g),
                    TreeWalk.locate(in.text(), scalar.span(), m.group()), path);
        }
    }

    /** Credential-named literals at any depth; intrinsic functions are expressions, not literals. */
    private static void properties(Tree node, String path, AnalyzerOutput out) {
        if (node.tag() != null) {
            out.nonLiteral(new Span(node.span().start(), Math.min(node.span().end(), node.span().start() + node.tag().length())));
            if (node instanceof Tree.Scalar) {
                return;
            }
        }
        if (node instanceof Tree.Mapping m) {
            if (m.entries().size() == 1 && m.entries().get(0).key() != null
                    && (m.entries().get(0).key().equals("Ref") || m.entries().get(0).key().startsWith("Fn::"))) {
                return;
            }
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                if (!out.credential(AnalyzerRule.CLOUDFORMATION_LITERAL, e.key(), p, e.value())
                        || !(e.value() instanceof Tree.Scalar)) {
                    properties(e.value(), p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                properties(q.items().get(i), TreeWalk.item(path, i), out);
            }
        }
    }

    /** {@code Tags: [{Key, Value}]} or {@code Tags: {key: value}}. */
    private static List<OwnerKeys.Tag> tags(Tree.Mapping props) {
        List<OwnerKeys.Tag> tags = new ArrayList<>();
        Tree t = props.get("Tags");
        if (t instanceof Tree.Sequence q) {
            for (Tree item : q.items()) {
                if (item instanceof Tree.Mapping m && m.get("Key") instanceof Tree.Scalar k
                        && m.get("Value") instanceof Tree.Scalar v && v.tag() == null) {
                    tags.add(new OwnerKeys.Tag(k.value(), v.value(), k.span().start()));
                }
            }
        } else if (t instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                if (e.value() instanceof Tree.Scalar v && v.tag() == null) {
                    tags.add(new OwnerKeys.Tag(e.key(), v.value(), e.keySpan().start()));
                }
            }
        }
        return tags;
    }
}
