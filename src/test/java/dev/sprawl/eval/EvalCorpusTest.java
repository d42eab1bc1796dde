package dev.sprawl.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation corpus is what it claims to be: reproducible, correctly labelled, broad. There is no
 * recall assertion here on purpose (docs/detection-eval.md: the measure must not become a target).
 */
class EvalCorpusTest {

    private static List<Label.File> corpus;

    @BeforeAll
    static void generate() {
        corpus = EvalCorpus.generate(EvalCorpus.DEFAULT_SEED);
    }

    @Test
    void sameSeedSameCorpusOtherSeedOtherValues() {
        List<Label.File> again = EvalCorpus.generate(EvalCorpus.DEFAULT_SEED);
        assertThat(again).isEqualTo(corpus);
        List<Label.File> other = EvalCorpus.generate(EvalCorpus.DEFAULT_SEED + 1);
        assertThat(other).hasSameSizeAs(corpus);
        Set<String> values = new HashSet<>();
        corpus.forEach(f -> f.secrets().forEach(s -> values.add(s.value())));
        long shared = other.stream().flatMap(f -> f.secrets().stream()).filter(s -> values.contains(s.value())).count();
        assertThat(shared).as("secret values shared between seeds").isZero();
    }

    @Test
    void labelsPointAtLinesThatHoldTheValue() {
        List<String> bad = new ArrayList<>();
        for (Label.File f : corpus) {
            String[] lines = f.text().split("\n", -1);
            for (Label.Secret s : f.secrets()) {
                assertThat(s.value()).as(f.path()).isNotBlank();
                assertThat(s.shape()).as(f.path()).isIn(Gen.SHAPES);
                String range = String.join("\n", List.of(lines).subList(s.from() - 1, s.to()));
                if (!range.contains(s.value())) {
                    bad.add(f.path() + ":" + s.from() + " does not hold its value");
                }
                for (Label.Identity i : s.identities()) {
                    if (!lines[i.line() - 1].contains(i.value())) {
                        bad.add(f.path() + ":" + i.line() + " does not hold identity " + i.kind());
                    }
                    assertThat(i.kind()).isIn("user", "key-id", "client-id", "account", "host");
                }
            }
            for (Label.Decoy d : f.decoys()) {
                assertThat(d.from()).as(f.path()).isBetween(1, lines.length);
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void negativeFilesHoldNoLabelledValueAndNoSecretLabel() {
        Set<String> values = new HashSet<>();
        corpus.stream().flatMap(f -> f.secrets().stream()).forEach(s -> values.add(s.value()));
        for (Label.File f : corpus) {
            if (f.negative()) {
                assertThat(f.secrets()).as(f.path()).isEmpty();
                assertThat(f.decoys()).as(f.path()).isNotEmpty();
                for (String v : values) {
                    assertThat(f.text()).as(f.path()).doesNotContain(v);
                }
            } else {
                assertThat(f.secrets()).as(f.path()).isNotEmpty();
            }
        }
    }

    @Test
    void broadEnough() {
        List<Format> formats = EvalCorpus.formats();
        long withSecrets = formats.stream().filter(f -> !f.negativeOnly()).count();
        assertThat(withSecrets).isGreaterThanOrEqualTo(40);
        assertThat(formats.stream().map(Format::name).distinct().count()).isEqualTo(formats.size());
        assertThat(EvalCorpus.syntaxes(corpus)).hasSizeGreaterThanOrEqualTo(12).isSubsetOf(Syntaxes.ALL);
        Set<String> shapes = new HashSet<>();
        Set<String> styles = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        corpus.forEach(f -> f.secrets().forEach(s -> {
            shapes.add(s.shape());
            styles.add(s.nameStyle());
        }));
        corpus.forEach(f -> f.decoys().forEach(d -> kinds.add(d.kind())));
        assertThat(shapes).containsAll(Gen.SHAPES);
        assertThat(styles).contains(Gen.NAME_STYLES);
        assertThat(kinds).contains("placeholder", "template", "empty", "plain");
    }

    @Test
    void scoresAReportLineByLine(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Label.File f = corpus.stream().filter(x -> x.format().equals("pgpass") && !x.negative()).findFirst()
                .orElseThrow();
        Label.File n = corpus.stream().filter(x -> x.format().equals("pgpass") && x.negative()).findFirst()
                .orElseThrow();
        Label.Secret first = f.secrets().get(0);
        Label.Identity user = first.identities().stream().filter(i -> i.kind().equals("user")).findFirst().orElseThrow();
        String report = "{\"scan\": {\"complete\": true, \"warnings\": []}, \"secrets\": ["
                + "{\"rule\": \"r1\", \"confidence\": \"high\", \"locations\": [{\"path\": \"" + f.path()
                + "\", \"line\": " + first.from() + ", \"identity\": [{\"kind\": \"user\", \"value\": \""
                + user.value().toUpperCase() + "\", \"line\": " + user.line() + "}]}]},"
                + "{\"rule\": \"r2\", \"confidence\": \"low\", \"locations\": [{\"path\": \"" + f.path()
                + "\", \"line\": 1}, {\"path\": \"" + n.path() + "\", \"line\": 2}]}]}";
        JsonNode labels = json.readTree("{\"files\": [" + EvalCorpus.toJson(f) + "," + EvalCorpus.toJson(n) + "]}");
        EvalScore.Result r = EvalScore.score(labels, json.readTree(report));
        assertThat(r.total().secrets).isEqualTo(f.secrets().size());
        assertThat(r.total().found).isEqualTo(1);
        assertThat(r.total().bound).isEqualTo(1);
        assertThat(r.total().ids).isEqualTo(f.secrets().stream().mapToInt(s -> s.identities().size()).sum());
        assertThat(r.total().fpLow).isEqualTo(1);
        assertThat(r.total().negLow).isEqualTo(1);
        assertThat(r.total().fpMed + r.total().negMed).isZero();
        assertThat(r.missed()).hasSize(f.secrets().size() - 1).noneMatch(m -> m.contains(first.value()));
        // the labels written to disk carry no secret value
        EvalCorpus.write(List.of(f), dir);
        String written = Files.readString(dir.resolve("labels.json"));
        f.secrets().forEach(s -> assertThat(written).doesNotContain(s.value()));
    }
}
