package dev.sprawl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.detect.RuleLinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The built-in catalogue: every example is its own test, and the whole catalogue lints clean. */
class RuleCatalogTest {

    static RuleSet builtin() throws RuleLoadException {
        return RuleCatalog.load(RuleCatalog.builtinSources());
    }

    @Test
    void catalogueLoadsAndLintsClean() throws Exception {
        RuleSet rules = builtin();
        assertThat(RuleLinter.lint(rules)).extracting(RuleProblem::toString).isEmpty();
    }

    @Test
    void compiledCatalogueEqualsTheRuleFiles() throws Exception {
        RuleSet compiled = CompiledCatalog.read();
        assertThat(compiled).as("rules/catalog.bin is built by the process-classes phase").isNotNull();
        RuleSet parsed = builtin();
        assertThat(compiled.size()).isEqualTo(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            Rule a = parsed.rules().get(i);
            Rule b = compiled.rules().get(i);
            assertThat(b.pattern().pattern()).isEqualTo(a.pattern().pattern());
            assertThat(b).usingRecursiveComparison()
                    .ignoringFields("pattern", "examples", "negativeExamples").isEqualTo(a);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CompiledCatalog.write(parsed, out);
        assertThat(out.size()).isPositive();
    }

    @Test
    void indexListsEveryRuleFile() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            onDisk = s.map(p -> "rules/" + p.getFileName()).filter(n -> n.endsWith(".yml")).sorted().toList();
        }
        assertThat(RuleCatalog.builtinSources()).extracting(RuleSource::name).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void everyRuleNamesItsProviderFileAndCategory() throws Exception {
        for (Rule r : builtin().rules()) {
            assertThat(r.id()).as(r.origin()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(r.examples()).as(r.id()).isNotEmpty();
            assertThat(r.negativeExamples()).as(r.id()).isNotEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsFound() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule r : builtin().rules()) {
            for (int i = 0; i < r.examples().size(); i++) {
                String example = r.examples().get(i);
                tests.add(DynamicTest.dynamicTest(r.id() + " example #" + (i + 1),
                        () -> assertThat(RuleLinter.exampleProblem(r, example)).as(r.origin()).isNull()));
            }
            for (int i = 0; i < r.negativeExamples().size(); i++) {
                String negative = r.negativeExamples().get(i);
                tests.add(DynamicTest.dynamicTest(r.id() + " negative example #" + (i + 1),
                        () -> assertThat(RuleLinter.negativeProblem(r, negative)).as(r.origin()).isNull()));
            }
        }
        return tests.stream();
    }
}
