package dev.sprawl.source.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.archive.ArchiveLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry login against an in-process registry that wants a bearer token from its token service
 * (HTTP Basic with the login) and redirects blob downloads to another origin, as registries backed
 * by object storage do. Checks the login is found, used, never sent to the other origin and never
 * reported.
 */
class RegistryAuthTest {

    @TempDir
    Path home;

    private HttpServer server;
    private String user;
    private String password;
    private String issued;
    private String token;
    private final List<String> authOnStorage = Collections.synchronizedList(new ArrayList<>());
    private final List<String> contents = Collections.synchronizedList(new ArrayList<>());
    private final List<ScanWarning> warnings = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private TestImages.Layout layout;
    private String manifestDigest;

    @BeforeEach
    void start() throws IOException {
        user = "robot";
        password = TestSecrets.password();
        issued = TestSecrets.alnum(40);
        token = TestSecrets.githubToken("ghp_");
        TestImages.Image img = new TestImages.Image();
        img.layer(new TestArchives.Tar().file("etc/app.env", "T=" + token + "\n"), "COPY app.env /etc/");
        layout = new TestImages.Layout();
        manifestDigest = layout.manifest(img).path("digest").asText();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expectedBasic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server.createContext("/token", ex -> {
            if (!expectedBasic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                respond(ex, 401, "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(ex, 200, ("{\"token\":\"" + issued + "\"}").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/v2/", ex -> {
            if (!("Bearer " + issued).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:"
                        + server.getAddress().getPort() + "/token\",service=\"fake\",scope=\"repository:team/app:pull\"");
                respond(ex, 401, new byte[0]);
                return;
            }
            String path = ex.getRequestURI().getPath();
            String ref = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains("/manifests/")) {
                byte[] m = layout.blobs.get(ref.equals("1.0") ? manifestDigest : ref);
                ex.getResponseHeaders().add("Content-Type", TestImages.OCI_MANIFEST);
                respond(ex, m == null ? 404 : 200, m == null ? new byte[0] : m);
            } else {
                // blobs live in "object storage" on another origin (localhost instead of 127.0.0.1)
                ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                        + "/storage/" + ref);
                respond(ex, 307, new byte[0]);
            }
        });
        server.createContext("/storage/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authOnStorage.add(auth);
            }
            String path = ex.getRequestURI().getPath();
            byte[] b = layout.blobs.get(path.substring(path.lastIndexOf('/') + 1));
            respond(ex, b == null ? 404 : 200, b == null ? new byte[0] : b);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private void pull(Map<String, String> env) throws Exception {
        String target = "registry://127.0.0.1:" + server.getAddress().getPort() + "/team/app:1.0";
        BlobSink sink = new BlobSink() {
            @Override
            public void accept(Blob blob) {
                contents.add(new String(blob.data(), 0, blob.length(), StandardCharsets.UTF_8));
            }

            @Override
            public void warn(ScanWarning warning) {
                warnings.add(warning);
            }
        };
        new RegistrySource(target, ImageOptions.DEFAULTS, ArchiveLimits.DEFAULTS, env, home)
                .scan(new SourceContext(Path.of("."), pool, sink, List.of(), 50L * 1024 * 1024));
    }

    @Test
    void loginFromEnvironmentGetsABearerTokenAndIsNeverSentToStorage() throws Exception {
        pull(Map.of(RegistryCredentials.ENV_USERNAME, user, RegistryCredentials.ENV_PASSWORD, password));
        assertThat(warnings).isEmpty();
        assertThat(contents).anyMatch(c -> c.contains(token));
        assertThat(authOnStorage).isEmpty();
    }

    @Test
    void loginFromDockerConfig() throws Exception {
        Path config = home.resolve(".docker/config.json");
        Files.createDirectories(config.getParent());
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"http://127.0.0.1:" + server.getAddress().getPort()
                + "\":{\"auth\":\"" + auth + "\"}}}");
        pull(Map.of());
        assertThat(warnings).isEmpty();
        assertThat(contents).anyMatch(c -> c.contains(token));
    }

    @Test
    void refusedLoginIsAnIncompleteScanThatNeverShowsTheCredentials() throws Exception {
        pull(Map.of(RegistryCredentials.ENV_USERNAME, user, RegistryCredentials.ENV_PASSWORD, "wrong-" + password));
        assertThat(warnings).extracting(ScanWarning::code).containsExactly("registry-unreachable");
        assertThat(warnings.get(0).incomplete()).isTrue();
        assertThat(warnings.get(0).message()).contains("HTTP 401").doesNotContain(password);
        pull(Map.of());
        assertThat(warnings.get(1).message()).contains("no credentials found");
        assertThat(new RegistryCredentials(user, password).toString()).doesNotContain(password, user);
    }

    @Test
    void referencesAreParsedStrictly() {
        ImageReference r = ImageReference.parse("registry://127.0.0.1:5000/team/app@sha256:" + "a".repeat(64));
        assertThat(r.manifestReference()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(r.loopback()).isTrue();
        assertThat(ImageReference.parse("registry://ghcr.io/acme/app").tag()).isEqualTo("latest");
        for (String bad : new String[] {"registry://host", "registry://host/UPPER", "registry://host/a:b:c",
                "registry://host/a@sha256:123", "registry://ho st/a", "registry://host/../a"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageReference.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
