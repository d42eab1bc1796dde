package dev.sprawl.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    private static final String GOOD = """
            rules:
              - id: demo-token
                name: Demo token
                provider: demo
                category: token
                keywords: [demo_]
                pattern: '\\b(?<secret>demo_[a-z0-9]{10})\\b'
                examples: ['x = demo_a1b2c3d4e5']
                negativeExamples: ['demo_short']
            """;

    private static List<RuleProblem> problems(String yaml) {
        try {
            RuleCatalog.load(List.of(new RuleSource("user.yml", yaml)));
            return List.of();
        } catch (RuleLoadException e) {
            return e.problems();
        }
    }

    @Test
    void loadsAGoodRule() throws Exception {
        RuleSet rs = RuleCatalog.load(List.of(new RuleSource("user.yml", GOOD)));
        Rule r = rs.rules().get(0);
        assertThat(r.id()).isEqualTo("demo-token");
        assertThat(r.maxWidth()).isEqualTo(15);
        assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(r.origin()).isEqualTo("user.yml:2");
    }

    @Test
    void reportsProblemsWithFileLineAndRule() {
        String bad = GOOD.replace("(?<secret>demo_[a-z0-9]{10})", "demo_[a-z0-9]+");
        assertThat(problems(bad)).extracting(RuleProblem::toString).containsExactlyInAnyOrder(
                "user.yml:2: rule 'demo-token': pattern has no 'secret' group",
                "user.yml:2: rule 'demo-token': pattern has unbounded width (use {0,N} instead of * + {n,})");
    }

    @Test
    void rejectsBrokenFields() {
        assertThat(problems(GOOD.replace("category: token", "category: magic")))
                .extracting(RuleProblem::message).containsExactly("unknown category 'magic'");
        assertThat(problems(GOOD.replace("keywords: [demo_]", "keywords: [de]")))
                .extracting(RuleProblem::message).containsExactly("keyword 'de' is shorter than 3 bytes");
        assertThat(problems(GOOD.replace("(?<secret>demo_[a-z0-9]{10})", "(?<secret>demo_[a-z0-9]{10}")))
                .extracting(RuleProblem::message).first().asString().startsWith("pattern does not compile");
        assertThat(problems(GOOD.replace("'\\b(?<secret>demo_[a-z0-9]{10})\\b'", "'(?<secret>x?)'")))
                .extracting(RuleProblem::message).contains("pattern matches the empty string");
        assertThat(problems(GOOD.replace("provider: demo", "provider: demo\n    colour: red")))
                .extracting(RuleProblem::message).containsExactly("unknown field 'colour'");
    }

    @Test
    void rejectsDuplicateIdsAndBadYaml() {
        assertThat(problems(GOOD + GOOD.substring(GOOD.indexOf("  - id")))).extracting(RuleProblem::message)
                .containsExactly("duplicate id, first defined at user.yml:2");
        assertThat(problems("rules: [\n")).extracting(RuleProblem::message).first().asString().startsWith("not valid YAML");
        assertThat(problems("just text")).extracting(RuleProblem::message)
                .containsExactly("expected a mapping with a 'rules' list");
    }

    @Test
    void yamlBombsAreRefused() {
        StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            sb.append("]\n");
            prev = c;
        }
        assertThat(problems(sb.toString())).isNotEmpty();
    }

    @Test
    void badRulesFailLoadingAsAWhole() {
        assertThatThrownBy(() -> RuleCatalog.load(List.of(new RuleSource("x.yml", "rules: 3"))))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("x.yml:1: expected a 'rules' list");
    }
}
