package dev.sprawl.analyze;

import dev.sprawl.rules.Category;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blocks of variables as pipelines, compose files and manifests write them, in every shape: a mapping
 * ({@code NAME: value}, {@code NAME: {value: ...}}), a list of {@code NAME=value} strings (several
 * per string allowed), a list of {@code {name, value}} mappings, nested lists and mappings. A literal
 * under a credential's name is reported; {@code {secure: ...}} (encrypted) and {@code {from_secret: ...}}
 * values are not literals.
 */
public final class Variables {

    private static final Pattern PAIR = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.-]{0,127})=(\"[^\"]*\"|'[^']*'|[^\\s\"']*)");

    private Variables() {
    }

    /** Reports the literals of a block of variables. */
    public static void block(AnalyzerRule rule, Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                Tree v = e.value();
                if (v instanceof Tree.Scalar) {
                    out.credential(rule, e.key(), p, v);
                } else if (v instanceof Tree.Mapping vm) {
                    if (vm.get("value") != null) {
                        out.credential(rule, e.key(), TreeWalk.child(p, "value"), vm.get("value"));
                    } else if (vm.get("secure") != null) {
                        out.nonLiteral(vm.span());
                    } else if (vm.get("from_secret") == null) {
                        block(rule, vm, p, out);
                    }
                } else {
                    block(rule, v, p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                Tree item = q.items().get(i);
                String p = TreeWalk.item(path, i);
                if (item instanceof Tree.Scalar s) {
                    pairs(rule, s, p, out);
                } else if (item instanceof Tree.Mapping im && im.text("name") != null && im.get("value") != null) {
                    out.credential(rule, im.text("name"), TreeWalk.child(p, im.text("name")), im.get("value"));
                } else if (item instanceof Tree.Mapping im && im.get("secure") != null) {
                    out.nonLiteral(im.span());
                } else {
                    block(rule, item, p, out);
                }
            }
        } else if (node instanceof Tree.Scalar s) {
            pairs(rule, s, path, out);
        }
    }

    /** {@code NAME=value} items in one string. */
    public static void pairs(AnalyzerRule rule, Tree.Scalar s, String path, AnalyzerOutput out) {
        if (s.tag() != null || s.value().length() > 10_000) {
            return;
        }
        Matcher m = PAIR.matcher(s.value());
        while (m.find()) {
            String name = m.group(1);
            Category c = CredentialKeys.categoryOf(name);
            if (c == null) {
                continue;
            }
            out.literal(rule, c, TreeWalk.child(path, name), unquote(m.group(2)), s.span());
        }
    }

    /** The text inside matching single or double quotes, or the text itself. */
    public static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
