package dev.sprawl.analyze;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets over the structured parsers: YAML ({@link YamlTrees}) and JSON ({@link JsonTrees}).
 * They never throw; an error is a short string that never repeats the input's values (the canary sits
 * in a value); the tree has no more nodes than the input has characters (plus one per document).
 */
class TreesFuzzTest {

    private static final long MAX_CODE_POINTS = 1_000_000;

    @BeforeAll
    static void seeds() {
        FuzzContract.seeds(TreesFuzzTest.class, "yaml", FuzzContract.seedsOf(
                "k8s", "apiVersion: v1\nkind: Secret\ndata:\n  token: @@\nstringData:\n  pw: \"x\"\n",
                "anchors", "a: &x [1, 2, {b: @@}]\nc: *x\nd: !!binary aGVsbG8=\n---\n- e\n- ? f\n  : g\n",
                "block", "key: |\n  line @@\n  more\nfolded: >-\n  a\n  b\n'q': \"\\u00e9\\t\"\n",
                "broken", "a: [1, 2\n  b: {c: @@\n\t- d: 'unterminated\n",
                "bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, @@]\n"));
        FuzzContract.seeds(TreesFuzzTest.class, "json", FuzzContract.seedsOf(
                "object", "{\"auths\": {\"r.example\": {\"auth\": \"@@\"}}, \"n\": [1, 2.5e3, true, null]}",
                "nested", "[[[[{\"a\": [\"@@\"]}]]]]",
                "broken", "{\"password\": \"@@\", \"x\": [1, 2,, }",
                "escapes", "{\"k\\u0000\": \"\\ud800@@\", \"dup\": 1, \"dup\": 2}"));
    }

    @FuzzTest
    void yaml(byte[] data) {
        Text text = Text.of(FuzzContract.plant(data), FuzzContract.plant(data).length);
        YamlTrees.Result r = FuzzContract.call(() -> YamlTrees.parse(text, MAX_CODE_POINTS));
        FuzzContract.noCanary("YAML error", r.error());
        if (r.error() != null) {
            FuzzContract.bounded("YAML error chars", r.error().length(), 200);
        }
        long nodes = 0;
        for (Tree t : r.documents()) {
            nodes += count(t);
        }
        FuzzContract.bounded("YAML nodes", nodes, 2L * text.length() + r.documents().size() + 2);
    }

    @FuzzTest
    void json(byte[] data) {
        byte[] in = FuzzContract.plant(data);
        Text text = Text.of(in, in.length);
        JsonTrees.Result r = FuzzContract.call(() -> JsonTrees.parse(text));
        FuzzContract.noCanary("JSON error", r.error());
        if (r.error() != null) {
            FuzzContract.bounded("JSON error chars", r.error().length(), 200);
        }
        if (r.tree() != null) {
            FuzzContract.bounded("JSON nodes", count(r.tree()), text.length() + 1);
        }
    }

    /** Nodes in a tree, aliases counted once per place they are used. */
    static long count(Tree t) {
        if (t instanceof Tree.Mapping m) {
            long n = 1;
            for (Tree.Entry e : m.entries()) {
                n += count(e.value());
            }
            return n;
        }
        if (t instanceof Tree.Sequence s) {
            long n = 1;
            for (Tree i : s.items()) {
                n += count(i);
            }
            return n;
        }
        return 1;
    }
}
