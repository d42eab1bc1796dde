package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published schema ({@code schema/sprawl-inventory-1.schema.json}, in the jar, printed by
 * {@code sprawl schema}) holds every json report: the golden inventory, the report tests' inventories
 * and a full scan of git history, an image and structured files with a baseline. A report that drifts
 * from the schema fails here.
 */
class InventorySchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonSchema schema;

    static synchronized JsonSchema schema() throws IOException {
        if (schema != null) {
            return schema;
        }
        JsonNode node = JSON.readTree(Files.readString(Path.of("schema/sprawl-inventory-1.schema.json")));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        return schema;
    }

    static Set<ValidationMessage> validate(JsonNode doc) throws IOException {
        return schema().validate(doc);
    }

    @Test
    void schemaCommandPrintsTheRepositoryCopy() throws IOException {
        Cli.Result r = Cli.run("schema");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("schema/sprawl-inventory-1.schema.json")));
        assertThat(JSON.readTree(r.out()).path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void goldenInventoriesValidate() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(validate(JSON.readTree(Files.readString(p)))).as(p.toString()).isEmpty();
            }
        }
        for (var inv : java.util.List.of(dev.sprawl.report.SyntheticInventory.of(50, 3))) {
            StringWriter w = new StringWriter();
            new dev.sprawl.report.JsonReporter(new dev.sprawl.report.ReportOptions(true, false, "0.1.0")).write(inv, w);
            assertThat(validate(JSON.readTree(w.toString()))).isEmpty();
        }
    }

    @Test
    void driftFails() throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/golden/inventory.json")));
        ObjectNode secret = (ObjectNode) doc.get("secrets").get(0);
        assertThat(validate(doc.deepCopy().put("extra", 1))).isNotEmpty();
        ObjectNode bad = doc.deepCopy();
        ((ObjectNode) bad.get("secrets").get(0)).put("category", "passwd");
        assertThat(validate(bad)).isNotEmpty();
        bad = doc.deepCopy();
        ((ObjectNode) bad.get("secrets").get(0)).put("confidence", "certain");
        assertThat(validate(bad)).isNotEmpty();
        bad = doc.deepCopy();
        ((ObjectNode) bad.get("secrets").get(0).get("locations").get(0)).put("source", "ftp");
        assertThat(validate(bad)).isNotEmpty();
        bad = doc.deepCopy();
        ((ObjectNode) bad.get("secrets").get(0).get("locations").get(0)).put("line", "1");
        assertThat(validate(bad)).isNotEmpty();
        bad = doc.deepCopy();
        ((ObjectNode) bad.get("secrets").get(0)).put("fingerprint", "sha1:abc");
        assertThat(validate(bad)).isNotEmpty();
        assertThat(secret.has("fingerprint")).isTrue();
    }

    @Test
    void fullScanValidates() throws Exception {
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        String removed = TestSecrets.githubToken("ghp_");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write(".github/CODEOWNERS", "* @acme/platform\n");
            repo.write("ci.sh", "export GITHUB_TOKEN=" + removed + "\n");
            repo.commit("add", "Dana Ops", TestRepo.T0);
            repo.delete("ci.sh");
            repo.write("infra/main.tf", "resource \"aws_db_instance\" \"main\" {\n  password = \"" + TestSecrets.password()
                    + "\"\n  tags = { owner = \"team-payments\" }\n}\n");
            String pw = TestSecrets.password();
            repo.write("deploy/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  labels: {team: dba}\n"
                    + "data:\n  password: " + Base64.getEncoder().encodeToString(pw.getBytes(StandardCharsets.UTF_8)) + "\n");
            repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  b:\n    runs-on: x\n    env:\n"
                    + "      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n      AWS_ACCESS_KEY_ID: " + TestSecrets.awsAccessKeyId()
                    + "\n    steps:\n      - run: make\n");
            repo.write("keys/id_rsa", TestSecrets.rsaPrivateKeyPem());
            repo.write("app.env", "API_TOKEN=" + TestSecrets.githubToken("ghp_") + " # sprawl:allow test fixture\n");
            repo.commit("rotate", "Eve Dev", TestRepo.T0.plusSeconds(86400));
        }
        TestImages.Image img = new TestImages.Image();
        img.layer(new TestArchives.Tar().dir("app/").file("app/settings.conf", "token = " + TestSecrets.githubToken("ghp_") + "\n"),
                "ADD app /app");
        img.layer(new TestArchives.Tar().dir("app/").file("app/.wh.settings.conf", new byte[0]), "RUN rm /app/settings.conf");
        img.env.add("API_TOKEN=" + TestSecrets.githubToken("ghp_"));
        Path image = Files.write(dir.resolve("app.tar"), TestImages.dockerSave(img, "acme/app:1.0"));
        Path baseline = dir.resolve("baseline.json");
        Cli.Result first = Cli.run("scan", repoDir.toString(), "--format", "json", "--output", baseline.toString());
        assertThat(first.code()).as(first.err()).isEqualTo(1);
        assertThat(validate(JSON.readTree(Files.readString(baseline)))).isEmpty();

        Cli.Result r = Cli.run("scan", repoDir.toString(), image.toString(), "--baseline", baseline.toString(),
                "--format", "json");
        JsonNode doc = r.json();
        assertThat(doc.path("secrets").size()).isGreaterThanOrEqualTo(6);
        assertThat(doc.findValuesAsText("source")).contains("git", "image", "iac-tag", "k8s-label", "codeowners");
        assertThat(doc.findValues("new")).isNotEmpty();
        assertThat(doc.path("references").size()).isPositive();
        assertThat(validate(doc)).as(r.out()).isEmpty();
    }
}
