package dev.sprawl.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.classify.Classifier;
import dev.sprawl.classify.Finding;
import dev.sprawl.detect.Detector;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleLoadException;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the rule scan and every registered analyzer over one file, the way the scanner does, and
 * offers assertions on the result.
 */
public final class Analysis {

    private static final Detector DETECTOR;

    static {
        try {
            RuleSet rules = RuleCatalog.load(RuleCatalog.builtinSources());
            DETECTOR = new Detector(rules);
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    private final StructuredScan.Result result;

    private Analysis(StructuredScan.Result result) {
        this.result = result;
    }

    public static Analysis of(String path, String content) {
        return of(path, content, StructuredScan.DEFAULT_MAX_PARSE_SIZE);
    }

    public static Analysis of(String path, String content, long maxParseSize) {
        return of(new StructuredScan(StructuredScan.registered(), maxParseSize), path, content);
    }

    public static Analysis of(StructuredScan scan, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Blob blob = new Blob(bytes, bytes.length, List.of(Provenance.file(path)));
        return new Analysis(scan.apply(blob, DETECTOR.detect(bytes, bytes.length).matches(),
                (data, where) -> Classifier.classify(new Blob(data, data.length, List.of(where)),
                        DETECTOR.detect(data, data.length).matches())));
    }

    public List<Finding> findings() {
        return result.findings();
    }

    public List<SecretReference.Sighting> references() {
        return result.references();
    }

    public List<ScanWarning> warnings() {
        return result.warnings();
    }

    /** The one finding of {@code secret}; fails when it is missing or reported twice. */
    public Finding finding(String secret) {
        List<Finding> f = result.findings().stream().filter(x -> x.secret().reveal().equals(secret.strip())).toList();
        assertThat(f).as("findings of the planted secret among %s", describe()).hasSize(1);
        return f.get(0);
    }

    public Owner owner(Finding f) {
        return result.owners().get(f.location());
    }

    /** Fails unless nothing at all is reported. */
    public void assertSilent() {
        assertThat(result.findings()).as("findings: %s", describe()).isEmpty();
    }

    /** The names of the references of {@code kind}. */
    public List<String> referenced(String kind) {
        return result.references().stream().filter(r -> r.kind().equals(kind)).map(SecretReference.Sighting::name).toList();
    }

    /** Findings as rule/category/line/key, never values. */
    public String describe() {
        return result.findings().stream().map(f -> f.rule().id() + "/" + f.rule().category().label() + "@"
                + f.location().line() + ":" + f.location().column() + " " + f.location().details().get("key") + " "
                + f.secret().redacted()).toList().toString();
    }
}
