package dev.sprawl.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlTreesTest {

    private static YamlTrees.Result parse(String yaml) {
        return YamlTrees.parse(new Text(yaml), 1_000_000);
    }

    @Test
    void keepsEveryDuplicateKey() {
        YamlTrees.Result r = parse("data:\n  password: first\n  password: second\n");
        Tree.Mapping data = ((Tree.Mapping) r.documents().get(0)).mapping("data");
        assertThat(data.all("password")).extracting(t -> ((Tree.Scalar) t).value()).containsExactly("first", "second");
        assertThat(data.text("password")).isEqualTo("second");
        assertThat(r.error()).isNull();
    }

    @Test
    void readsEveryDocumentOfAStream() {
        YamlTrees.Result r = parse("kind: A\n---\nkind: B\n---\n");
        assertThat(r.documents()).hasSize(2);
    }

    @Test
    void keepsLocalTagsAsText() {
        YamlTrees.Result r = parse("a: !Ref Param\nc: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n");
        Tree.Mapping m = (Tree.Mapping) r.documents().get(0);
        assertThat(m.get("a").tag()).isEqualTo("!Ref");
        assertThat(((Tree.Scalar) m.get("a")).value()).isEqualTo("Param");
        assertThat(m.get("c").tag()).isEqualTo("!vault");
        assertThat(r.error()).isNull();
    }

    @Test
    void globalTypeTagsAreInertData() {
        // the classic SnakeYAML gadget: nothing is ever constructed from events, so it is a list of lists
        YamlTrees.Result r = parse("b: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        assertThat(r.error()).isNull();
        assertThat(((Tree.Mapping) r.documents().get(0)).get("b")).isInstanceOf(Tree.Sequence.class);
    }

    @Test
    void mergeKeysSpliceTheMergedEntries() {
        YamlTrees.Result r = parse("base: &b\n  token: x\njob:\n  <<: *b\n  name: j\n");
        Tree.Mapping job = ((Tree.Mapping) r.documents().get(0)).mapping("job");
        assertThat(job.entries()).extracting(Tree.Entry::key).containsExactly("token", "name");
    }

    @Test
    void plainScalarsAreClassifiedLikeYaml11() {
        assertThat(YamlTrees.plainKind("~")).isEqualTo(Tree.Kind.NULL);
        assertThat(YamlTrees.plainKind("yes")).isEqualTo(Tree.Kind.BOOLEAN);
        assertThat(YamlTrees.plainKind("3600")).isEqualTo(Tree.Kind.NUMBER);
        assertThat(YamlTrees.plainKind("1.5e3")).isEqualTo(Tree.Kind.NUMBER);
        assertThat(YamlTrees.plainKind("3a9Xk2")).isEqualTo(Tree.Kind.STRING);
        assertThat(YamlTrees.plainKind("-")).isEqualTo(Tree.Kind.STRING);
    }

    @Test
    void spansPointAtTheValue() {
        Text text = new Text("top:\n  token: \"abc123def\"\n");
        Tree.Scalar s = (Tree.Scalar) ((Tree.Mapping) ((Tree.Mapping) YamlTrees.parse(text, 1000).documents().get(0))
                .get("top")).get("token");
        assertThat(text.slice(s.span())).isEqualTo("\"abc123def\"");
        assertThat(s.quoted()).isTrue();
        assertThat(text.line(s.span().start())).isEqualTo(2);
        assertThat(text.column(s.span().start())).isEqualTo(10);
    }

    @Test
    void spansCountCodePointsBeyondTheBmp() {
        Text text = new Text("a: \"\uD83D\uDE00\uD83D\uDE00\"\nb: value\n");
        Tree.Scalar b = (Tree.Scalar) ((Tree.Mapping) YamlTrees.parse(text, 1000).documents().get(0)).get("b");
        assertThat(text.slice(b.span())).isEqualTo("value");
    }

    @Test
    void aliasBombsStopWithAnError() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        YamlTrees.Result r = parse(y.toString());
        assertThat(r.error()).isNotNull();
    }

    @Test
    void recursiveAliasesAreCut() {
        YamlTrees.Result r = parse("a: &a\n  b: *a\n");
        assertThat(r.documents()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void errorsNameTheLineButNeverTheContent() {
        String secret = "Zq8vL2xKp9Wm4Tn7";
        YamlTrees.Result r = parse("ok: 1\nbroken: [" + secret + "\nnext: {\n");
        assertThat(r.error()).isNotNull().doesNotContain(secret).contains("line");
        assertThat(r.documents()).isEmpty();
    }

    @Test
    void codePointLimitIsEnforced() {
        YamlTrees.Result r = YamlTrees.parse(new Text("a: " + "b".repeat(5000) + "\n"), 1000);
        assertThat(r.error()).isNotNull();
    }
}
