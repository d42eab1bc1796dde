package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image acceptance scenario: the same image as a classic docker-save archive, an OCI archive and
 * an OCI layout folder, with secrets in a file deleted by a whiteout, a file overwritten later, a
 * later layer's YAML, a config Env variable and a history command.
 */
class ImageScanTest {

    @TempDir
    Path dir;

    String deleted;
    String overwritten;
    String yaml;
    String env;
    String history;
    TestImages.Image image;

    @BeforeEach
    void build() {
        deleted = TestSecrets.githubToken("ghp_");
        overwritten = TestSecrets.githubToken("ghp_");
        yaml = TestSecrets.password();
        env = TestSecrets.githubToken("gho_");
        history = TestSecrets.githubToken("ghu_");
        image = imageWithSecrets("gzip");
    }

    TestImages.Image imageWithSecrets(String compression) {
        TestImages.Image img = new TestImages.Image();
        img.compression = compression;
        img.layer(new TestArchives.Tar().dir("etc/").dir("etc/app/")
                .file("etc/app/secret.env", "GITHUB_TOKEN=" + deleted + "\n")
                .file("etc/os-release", "NAME=Debian\n")
                .dir("app/").file("app/settings.conf", "token = " + overwritten + "\n"),
                "ADD rootfs.tar /");
        img.layer(new TestArchives.Tar().dir("etc/app/").file("etc/app/.wh.secret.env", new byte[0])
                .file("app/settings.conf", "token = none\n"), "RUN rm /etc/app/secret.env");
        img.layer(new TestArchives.Tar().dir("srv/config/")
                .file("srv/config/app.yaml", "database:\n  user: app\n  password: " + yaml + "\n"),
                "RUN /bin/sh -c ./fetch-config --auth " + history);
        img.env.add("PATH=/usr/local/bin:/usr/bin");
        img.env.add("API_TOKEN=" + env);
        img.labels.put("org.opencontainers.image.source", "https://git.example.test/app");
        img.cmd.add("/app/run");
        img.emptySteps.add("ENV API_TOKEN=...");
        return img;
    }

    static String fp(String secret) {
        return new SecretValue(secret).fingerprint();
    }

    static JsonNode entry(JsonNode inv, String secret) {
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp(secret))) {
                return s;
            }
        }
        throw new AssertionError("secret not found; inventory: " + inv.toPrettyString());
    }

    static JsonNode location(JsonNode entry, String path) {
        for (JsonNode l : entry.path("locations")) {
            if (l.path("path").asText().equals(path)) {
                return l;
            }
        }
        throw new AssertionError("no location " + path + " in " + entry.toPrettyString());
    }

    /** Layer ids as a source names them: blob digests (OCI) or diff ids (classic docker save). */
    List<String> layerIds(boolean classic) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < image.layers.size(); i++) {
            ids.add(TestImages.sha256(classic ? image.layers.get(i) : image.compressed(i)));
        }
        return ids;
    }

    void assertAllFound(JsonNode inv, String label, List<String> layers) {
        assertThat(inv.path("scan").path("complete").asBoolean()).as(inv.path("scan").toPrettyString()).isTrue();

        JsonNode d = location(entry(inv, deleted), "/etc/app/secret.env");
        assertThat(d.path("source").asText()).isEqualTo("image");
        assertThat(d.path("image").asText()).isEqualTo(label);
        assertThat(d.path("layer").asText()).isEqualTo(layers.get(0));
        assertThat(d.path("hidden").asBoolean()).isTrue();
        assertThat(d.path("hiddenBy").asText()).isEqualTo(layers.get(1));
        assertThat(d.path("context").asText()).isEqualTo("container");
        assertThat(d.path("platform").asText()).isEqualTo("linux/amd64");
        assertThat(d.path("line").asInt()).isEqualTo(1);

        JsonNode o = location(entry(inv, overwritten), "/app/settings.conf");
        assertThat(o.path("hidden").asBoolean()).isTrue();
        assertThat(o.path("hiddenBy").asText()).isEqualTo(layers.get(1));

        JsonNode y = location(entry(inv, yaml), "/srv/config/app.yaml");
        assertThat(y.path("layer").asText()).isEqualTo(layers.get(2));
        assertThat(y.path("hidden").asBoolean()).isFalse();
        assertThat(y.has("hiddenBy")).isFalse();
        assertThat(y.path("line").asInt()).isEqualTo(3);
        assertThat(y.path("context").asText()).isEqualTo("container");

        JsonNode e = location(entry(inv, env), "config/Env/API_TOKEN");
        assertThat(e.path("source").asText()).isEqualTo("image");
        assertThat(e.path("config").asText()).startsWith("sha256:");
        assertThat(e.path("context").asText()).isEqualTo("container");
        assertThat(e.has("layer")).isFalse();

        JsonNode h = location(entry(inv, history), "history/3");
        assertThat(h.path("layer").asText()).isEqualTo(layers.get(2));
        assertThat(h.path("context").asText()).isEqualTo("container");
    }

    @Test
    void classicDockerSaveArchive() throws Exception {
        Path tar = Files.write(dir.resolve("app.tar"), TestImages.dockerSave(image, "acme/app:1.0"));
        Cli.Result r = Cli.run("scan", "-f", "json", tar.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        assertAllFound(inv, tar.toString(), layerIds(true));
        assertThat(location(entry(inv, yaml), "/srv/config/app.yaml").path("tag").asText()).isEqualTo("acme/app:1.0");
        assertThat(r.out()).doesNotContain(deleted, yaml, env, history);
    }

    @Test
    void ociArchive() throws Exception {
        Path tar = Files.write(dir.resolve("app.oci.tar"), TestImages.ociArchive(image, "1.0"));
        Cli.Result r = Cli.run("scan", "-f", "json", tar.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertAllFound(r.json(), tar.toString(), layerIds(false));
    }

    @Test
    void labelsCmdAndEntrypointAreScanned() throws Exception {
        String label = TestSecrets.githubToken("ghp_");
        String cmd = TestSecrets.githubToken("ghp_");
        String entry = TestSecrets.githubToken("ghp_");
        image.labels.put("com.acme.deploy", label);
        image.cmd.add("--token=" + cmd);
        image.entrypoint.addAll(List.of("/app/run", "--auth", entry));
        Path tar = Files.write(dir.resolve("app.tar"), TestImages.ociArchive(image, "1.0"));
        JsonNode inv = Cli.run("scan", "-f", "json", tar.toString()).json();
        assertThat(location(entry(inv, label), "config/Labels/com.acme.deploy").path("context").asText())
                .isEqualTo("container");
        location(entry(inv, cmd), "config/Cmd");
        location(entry(inv, entry), "config/Entrypoint");
    }

    /** Docker 25+ writes an OCI layout plus the classic manifest.json into one archive. */
    @Test
    void newerDockerSaveWithBothLayouts() throws Exception {
        image = imageWithSecrets("none");
        TestImages.Layout layout = new TestImages.Layout();
        com.fasterxml.jackson.databind.node.ObjectNode desc = layout.manifest(image);
        desc.putObject("annotations").put("io.containerd.image.name", "docker.io/acme/app:1.0")
                .put("org.opencontainers.image.ref.name", "1.0");
        layout.manifests.add(desc);
        com.fasterxml.jackson.databind.JsonNode manifest = TestImages.JSON.readTree(
                layout.blobs.get(desc.path("digest").asText()));
        com.fasterxml.jackson.databind.node.ArrayNode layers = TestImages.JSON.createArrayNode();
        manifest.path("layers").forEach(l -> layers.add("blobs/sha256/" + l.path("digest").asText().substring(7)));
        String classic = "[{\"Config\":\"blobs/sha256/" + manifest.path("config").path("digest").asText().substring(7)
                + "\",\"RepoTags\":[\"acme/app:1.0\"],\"Layers\":" + layers + "}]";
        Path tar = Files.write(dir.resolve("docker25.tar"),
                layout.archive(java.util.Map.of("manifest.json", classic.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        Cli.Result r = Cli.run("scan", "-f", "json", tar.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertAllFound(r.json(), tar.toString(), layerIds(false));
        assertThat(location(entry(r.json(), yaml), "/srv/config/app.yaml").path("tag").asText())
                .isEqualTo("docker.io/acme/app:1.0");
    }

    @Test
    void ociLayoutFolderWithZstdLayers() throws Exception {
        image = imageWithSecrets("zstd");
        TestImages.Layout layout = new TestImages.Layout();
        layout.add(layout.manifest(image), null);
        Path oci = layout.writeDir(dir.resolve("layout"));
        Cli.Result r = Cli.run("scan", "-f", "json", oci.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertAllFound(r.json(), oci.toString(), layerIds(false));
    }

    @Test
    void uncompressedOciLayersAndDockerSaveGiveTheSameSecretsAndPlaces() throws Exception {
        image = imageWithSecrets("none");
        Path classic = Files.write(dir.resolve("classic.tar"), TestImages.dockerSave(image, "acme/app:1.0"));
        Path oci = Files.write(dir.resolve("oci.tar"), TestImages.ociArchive(image, "1.0"));
        assertThat(places(Cli.run("scan", "-f", "json", classic.toString()).json()))
                .isEqualTo(places(Cli.run("scan", "-f", "json", oci.toString()).json()));
    }

    /** fingerprint, path, layer, hidden, line of every location: what must not depend on the layout. */
    static TreeSet<String> places(JsonNode inv) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode s : inv.path("secrets")) {
            for (JsonNode l : s.path("locations")) {
                out.add(s.path("fingerprint").asText() + " " + l.path("path").asText() + " " + l.path("layer").asText()
                        + " " + l.path("hidden").asText() + " " + l.path("hiddenBy").asText() + " " + l.path("line").asInt());
            }
        }
        return out;
    }
}
