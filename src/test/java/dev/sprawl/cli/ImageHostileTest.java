package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile images: every problem is a warning, and everything else is still scanned. */
class ImageHostileTest {

    @TempDir
    Path dir;

    static List<String> codes(JsonNode inv) {
        List<String> out = new ArrayList<>();
        inv.path("scan").path("warnings").forEach(w -> out.add(w.path("code").asText()));
        return out;
    }

    static TestImages.Image oneFile(String path, String content) {
        TestImages.Image img = new TestImages.Image();
        img.layer(new TestArchives.Tar().file(path, content), "COPY " + path + " /");
        return img;
    }

    @Test
    void invalidAndMissingDigestsInAnIndexAreSkippedWithWarnings() throws Exception {
        String good = TestSecrets.githubToken("ghp_");
        TestImages.Layout layout = new TestImages.Layout();
        layout.add(layout.manifest(oneFile("app/.env", "TOKEN=" + good + "\n")), "good");
        layout.add(TestImages.Layout.descriptor(TestImages.OCI_MANIFEST, "sha256:../../../../etc/passwd", 10), "evil");
        layout.add(TestImages.Layout.descriptor(TestImages.OCI_MANIFEST, "sha256:" + "ab".repeat(32), 10), "missing");
        layout.add(TestImages.Layout.descriptor(TestImages.OCI_MANIFEST, "md5:0123", 10), "weird");
        Path oci = layout.writeDir(dir.resolve("oci"));

        Cli.Result r = Cli.run("scan", "-f", "json", oci.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        ImageScanTest.location(ImageScanTest.entry(inv, good), "/app/.env");
        assertThat(codes(inv)).contains("invalid-digest", "blob-missing");
        assertThat(inv.path("scan").path("complete").asBoolean()).isFalse();
    }

    @Test
    void tamperedTruncatedMislabelledAndBombLayersDoNotStopTheRest() throws Exception {
        String tampered = TestSecrets.githubToken("ghp_");
        String mislabelled = TestSecrets.githubToken("ghp_");
        String beforeCut = TestSecrets.githubToken("ghp_");
        String top = TestSecrets.githubToken("ghp_");
        TestImages.Image img = new TestImages.Image();
        img.layer(new TestArchives.Tar().file("a/tampered.env", "T=" + tampered + "\n"), "COPY a");
        img.layer(new TestArchives.Tar().file("b/zstd.env", "T=" + mislabelled + "\n"), "COPY b");
        img.layer(new TestArchives.Tar().file("c/first.env", "T=" + beforeCut + "\n")
                .file("c/big.txt", "lorem ipsum dolor\n".repeat(20_000)), "COPY c");
        img.layer(new TestArchives.Tar().file("d/zeros.bin", new byte[64 * 1024 * 1024]), "COPY d");
        img.layer(new TestArchives.Tar().file("e/top.env", "T=" + top + "\n"), "COPY e");
        TestImages.Layout layout = new TestImages.Layout();
        ObjectNode desc = layout.manifest(img);
        layout.add(desc, "1.0");
        JsonNode manifest = TestImages.JSON.readTree(layout.blobs.get(desc.path("digest").asText()));
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
        // layer 0: content changed after the manifest was written (same size, different bytes)
        layout.blobs.put(layers.get(0), TestArchives.gzip(new TestArchives.Tar()
                .file("a/tampered.env", "T=" + tampered + "\n").file("a/extra", "x").bytes()));
        // layer 1: declared gzip, actually zstd
        layout.blobs.put(layers.get(1), TestArchives.zstd(img.layers.get(1)));
        // layer 2: cut in half
        byte[] whole = layout.blobs.get(layers.get(2));
        layout.blobs.put(layers.get(2), Arrays.copyOf(whole, whole.length / 2));
        Path oci = layout.writeDir(dir.resolve("oci"));

        Cli.Result r = Cli.run("scan", "-f", "json", oci.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        ImageScanTest.location(ImageScanTest.entry(inv, tampered), "/a/tampered.env");
        ImageScanTest.location(ImageScanTest.entry(inv, mislabelled), "/b/zstd.env");
        ImageScanTest.location(ImageScanTest.entry(inv, beforeCut), "/c/first.env");
        ImageScanTest.location(ImageScanTest.entry(inv, top), "/e/top.env");
        assertThat(codes(inv)).contains("digest-mismatch", "media-type-mismatch", "layer-truncated", "archive-budget");
        assertThat(inv.path("scan").path("complete").asBoolean()).isFalse();
    }

    @Test
    void classicManifestWithEscapingNamesIsRefused() throws Exception {
        String token = TestSecrets.githubToken("ghp_");
        byte[] layer = new TestArchives.Tar().file("etc/app.env", "T=" + token + "\n").bytes();
        String manifest = "[{\"Config\":\"../../etc/passwd\",\"RepoTags\":[\"x:1\"],"
                + "\"Layers\":[\"/etc/shadow\",\"../outside/layer.tar\",\"ok/layer.tar\"]}]";
        byte[] tar = new TestArchives.Tar().file("manifest.json", manifest).file("ok/layer.tar", layer).bytes();
        Path p = Files.write(dir.resolve("img.tar"), tar);
        Cli.Result r = Cli.run("scan", "-f", "json", p.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode loc = ImageScanTest.location(ImageScanTest.entry(r.json(), token), "/etc/app.env");
        assertThat(loc.path("layer").asText()).isEqualTo("ok/layer.tar");
        assertThat(codes(r.json())).contains("manifest-invalid");
    }

    @Test
    void nestedIndexesAndPlatformChoice() throws Exception {
        String amd = TestSecrets.githubToken("ghp_");
        String arm = TestSecrets.githubToken("ghp_");
        TestImages.Image a = oneFile("etc/a.env", "T=" + amd + "\n");
        TestImages.Image b = oneFile("etc/b.env", "T=" + arm + "\n");
        b.arch = "arm64";
        TestImages.Layout layout = new TestImages.Layout();
        ObjectNode inner = layout.index(List.of(layout.manifest(b)));
        layout.add(layout.index(List.of(layout.manifest(a), inner)), "multi");
        byte[] archive = layout.archive();
        Path p = Files.write(dir.resolve("multi.tar"), archive);

        JsonNode all = Cli.run("scan", "-f", "json", p.toString()).json();
        assertThat(all.path("secrets")).hasSize(2);
        JsonNode one = Cli.run("scan", "-f", "json", "--platform", "linux/arm64", p.toString()).json();
        assertThat(one.path("secrets")).hasSize(1);
        assertThat(ImageScanTest.location(ImageScanTest.entry(one, arm), "/etc/b.env").path("platform").asText())
                .isEqualTo("linux/arm64");

        Cli.Result none = Cli.run("scan", "-f", "json", "--platform", "linux/s390x", p.toString());
        assertThat(none.code()).isEqualTo(3);
        assertThat(codes(none.json())).contains("platform-not-found");
        assertThat(Cli.run("scan", "--platform", "linux", p.toString()).code()).isEqualTo(2);
    }

    @Test
    void sharedLayersAreScannedOnceAndNamedForEveryImage() throws Exception {
        String base = TestSecrets.githubToken("ghp_");
        TestArchives.Tar baseLayer = new TestArchives.Tar().file("etc/base.env", "T=" + base + "\n");
        byte[] baseBytes = baseLayer.bytes();
        TestImages.Image a = new TestImages.Image();
        a.layers.add(baseBytes);
        a.history.add("base");
        a.layer(new TestArchives.Tar().file("etc/base.env", "T=none\n"), "overwrite");
        TestImages.Image b = new TestImages.Image();
        b.layers.add(baseBytes);
        b.history.add("base");
        b.layer(new TestArchives.Tar().file("etc/other", "x\n"), "other");
        TestImages.Layout layout = new TestImages.Layout();
        layout.add(layout.manifest(a), "a");
        layout.add(layout.manifest(b), "b");
        Path p = Files.write(dir.resolve("two.tar"), layout.archive());

        Cli.Result r = Cli.run("scan", "-f", "json", p.toString());
        JsonNode entry = ImageScanTest.entry(r.json(), base);
        assertThat(entry.path("locations")).hasSize(2);
        List<String> states = new ArrayList<>();
        entry.path("locations").forEach(l -> states.add(l.path("tag").asText() + ":" + l.path("hidden").asBoolean()));
        assertThat(states).containsExactlyInAnyOrder("a:true", "b:false");
        assertThat(r.json().path("scan").path("stats").path("blobs").asLong()).isEqualTo(3 + 2 * 2);
    }
}
