package dev.sprawl.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTreesTest {

    @Test
    void keepsDuplicateMembersAndSpans() {
        Text text = new Text("{\"a\": \"one\",\n \"a\": \"two\", \"n\": 3, \"b\": true, \"z\": null}");
        Tree.Mapping m = (Tree.Mapping) JsonTrees.parse(text).tree();
        assertThat(m.all("a")).hasSize(2);
        Tree.Scalar two = (Tree.Scalar) m.all("a").get(1);
        assertThat(text.slice(two.span())).isEqualTo("\"two\"");
        assertThat(text.line(two.span().start())).isEqualTo(2);
        assertThat(((Tree.Scalar) m.get("n")).kind()).isEqualTo(Tree.Kind.NUMBER);
        assertThat(((Tree.Scalar) m.get("b")).kind()).isEqualTo(Tree.Kind.BOOLEAN);
        assertThat(m.text("z")).isNull();
    }

    @Test
    void byteOrderMarkKeepsOffsets() {
        Text text = new Text("\uFEFF{\"k\": \"v\"}");
        Tree.Scalar v = (Tree.Scalar) ((Tree.Mapping) JsonTrees.parse(text).tree()).get("k");
        assertThat(text.slice(v.span())).isEqualTo("\"v\"");
    }

    @Test
    void deepNestingIsRefused() {
        JsonTrees.Result r = JsonTrees.parse(new Text("[".repeat(5000) + "]".repeat(5000)));
        assertThat(r.tree()).isNull();
        assertThat(r.error()).contains("invalid JSON");
    }

    @Test
    void errorsNeverQuoteTheInput() {
        String secret = "Zq8vL2xKp9Wm4Tn7";
        JsonTrees.Result r = JsonTrees.parse(new Text("{\"password\": " + secret + "}"));
        assertThat(r.tree()).isNull();
        assertThat(r.error()).doesNotContain(secret).contains("line 1");
    }
}
