package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls images from a real registry on loopback: Debian's docker-registry, filled with Debian's
 * skopeo from OCI archives built here. {@code .ci/run} starts the registry; the address comes from
 * {@code SPRAWL_TEST_REGISTRY} (default {@value #DEFAULT_REGISTRY}). Without a reachable registry and
 * skopeo these tests are skipped, saying why.
 */
class RegistryScanTest {

    static final String DEFAULT_REGISTRY = "127.0.0.1:5000";
    static final String REGISTRY = System.getenv().getOrDefault("SPRAWL_TEST_REGISTRY", DEFAULT_REGISTRY);

    @TempDir
    Path dir;

    private static Boolean ready;
    private static String why;

    @BeforeEach
    void registryIsThere() {
        synchronized (RegistryScanTest.class) {
            if (ready == null) {
                ready = reachable() && skopeo();
                why = !reachable() ? "no registry answers on http://" + REGISTRY + "/v2/ — start one with "
                        + "'.ci/registry.sh start' (or set SPRAWL_TEST_REGISTRY); registry pull test skipped"
                        : "skopeo is not installed (apt-get install skopeo); registry pull test skipped";
            }
        }
        if (!ready) {
            System.err.println("RegistryScanTest: " + why);
        }
        assumeTrue(ready, why);
    }

    static boolean reachable() {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://" + REGISTRY + "/v2/")).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return false;
        }
    }

    static boolean skopeo() {
        try {
            Process p = new ProcessBuilder("skopeo", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Pushes an OCI archive with skopeo; returns the repository path used. */
    String push(Path archive, String tag, boolean all) throws Exception {
        String repo = "sprawl-test/" + TestSecrets.hex(12).toLowerCase(Locale.ROOT);
        List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "copy", "--dest-tls-verify=false"));
        if (all) {
            cmd.add("--all");
        }
        cmd.add("oci-archive:" + archive);
        cmd.add("docker://" + REGISTRY + "/" + repo + ":" + tag);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return repo;
    }

    static String manifestDigest(String repo, String tag) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + REGISTRY + "/v2/" + repo + "/manifests/" + tag))
                .header("Accept", TestImages.OCI_MANIFEST + ", " + TestImages.OCI_INDEX)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    @Test
    void pulledImageGivesTheSameInventoryAsItsArchive() throws Exception {
        ImageScanTest scenario = new ImageScanTest();
        scenario.build();
        Path archive = Files.write(dir.resolve("app.oci.tar"), TestImages.ociArchive(scenario.image, "1.0"));
        String repo = push(archive, "1.0", false);

        String target = "registry://" + REGISTRY + "/" + repo + ":1.0";
        Cli.Result pulled = Cli.run("scan", "-f", "json", target);
        assertThat(pulled.code()).as(pulled.out() + pulled.err()).isEqualTo(1);
        scenario.assertAllFound(pulled.json(), target, scenario.layerIds(false));
        Cli.Result local = Cli.run("scan", "-f", "json", archive.toString());
        assertThat(ImageScanTest.places(pulled.json())).isEqualTo(ImageScanTest.places(local.json()));

        String byDigest = "registry://" + REGISTRY + "/" + repo + "@" + manifestDigest(repo, "1.0");
        Cli.Result pinned = Cli.run("scan", "-f", "json", byDigest);
        assertThat(pinned.code()).isEqualTo(1);
        assertThat(ImageScanTest.places(pinned.json())).isEqualTo(ImageScanTest.places(local.json()));
    }

    @Test
    void multiPlatformIndexIsScannedWholeOrForOnePlatform() throws Exception {
        String amd = TestSecrets.githubToken("ghp_");
        String arm = TestSecrets.githubToken("ghp_");
        TestImages.Image a = new TestImages.Image();
        a.layer(new TestArchives.Tar().file("etc/app.env", "TOKEN=" + amd + "\n"), "COPY app.env /etc/");
        TestImages.Image b = new TestImages.Image();
        b.arch = "arm64";
        b.layer(new TestArchives.Tar().file("etc/app.env", "TOKEN=" + arm + "\n"), "COPY app.env /etc/");
        TestImages.Layout layout = new TestImages.Layout();
        layout.add(layout.index(List.of(layout.manifest(a), layout.manifest(b))), "multi");
        Path archive = Files.write(dir.resolve("multi.oci.tar"), layout.archive());
        String repo = push(archive, "multi", true);
        String target = "registry://" + REGISTRY + "/" + repo + ":multi";

        JsonNode all = Cli.run("scan", "-f", "json", target).json();
        ImageScanTest.location(ImageScanTest.entry(all, amd), "/etc/app.env");
        JsonNode armLocation = ImageScanTest.location(ImageScanTest.entry(all, arm), "/etc/app.env");
        assertThat(armLocation.path("platform").asText()).isEqualTo("linux/arm64");

        Cli.Result one = Cli.run("scan", "-f", "json", "--platform", "linux/arm64", target);
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.json().path("secrets")).hasSize(1);
        ImageScanTest.entry(one.json(), arm);
    }

    @Test
    void missingImageIsAnIncompleteScan() {
        Cli.Result r = Cli.run("scan", "-f", "json", "registry://" + REGISTRY + "/sprawl-test/does-not-exist:1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.json().path("scan").path("warnings").toString()).contains("image-not-found");
    }
}
