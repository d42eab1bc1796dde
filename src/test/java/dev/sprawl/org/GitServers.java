package dev.sprawl.org;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Real git servers on loopback for tests, serving every repository under one base folder: Debian's
 * {@code git daemon} (git://) and {@code git http-backend} (smart HTTP) run as CGI behind the JDK's
 * HTTP server. Paths under {@code /private/} need HTTP basic authentication with {@link #PRIVATE_USER}
 * and the password given. Only tests run {@code git}; the product never does.
 */
public final class GitServers implements AutoCloseable {

    public static final String PRIVATE_USER = "x-access-token";

    private final Path base;
    private final Path home;
    private Process daemon;
    private int daemonPort;
    private HttpServer http;
    /** The Authorization headers the HTTP server received, for checking where a token went. */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    public GitServers(Path base, Path home) {
        this.base = base;
        this.home = home;
    }

    /** True when a {@code git} with {@code daemon} and {@code http-backend} can be run. */
    public static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--exec-path").redirectErrorStream(true).start();
            String dir = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && Path.of(dir, "git-daemon").toFile().canExecute()
                    && Path.of(dir, "git-http-backend").toFile().canExecute();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static final String SKIP = "git (with git-daemon and git-http-backend) is not installed: apt-get install -y git";

    private Map<String, String> gitEnv(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        return env;
    }

    /** Starts {@code git daemon --export-all} on a free loopback port; returns its base URL {@code git://127.0.0.1:PORT}. */
    public String startDaemon() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--informative-errors",
                    "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port, base.toString());
            gitEnv(pb);
            pb.redirectErrorStream(true).redirectOutput(home.resolve("daemon.log").toFile());
            daemon = pb.start();
            for (int i = 0; i < 100 && daemon.isAlive(); i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    daemonPort = port;
                    return "git://127.0.0.1:" + port;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            stopDaemon();
        }
        throw new IOException("git daemon did not start");
    }

    /** Starts the smart HTTP server; returns its base URL {@code http://127.0.0.1:PORT}. */
    public String startHttp(String privatePassword) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", ex -> {
            try {
                serve(ex, privatePassword);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ex.close();
            }
        });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void serve(HttpExchange ex, String privatePassword) throws IOException, InterruptedException {
        String path = ex.getRequestURI().getRawPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.add(path + " " + auth);
        }
        if (path.startsWith("/private/")) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (PRIVATE_USER + ":" + privatePassword).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"sprawl-test\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = gitEnv(pb);
        env.put("GIT_PROJECT_ROOT", base.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", path);
        env.put("REQUEST_METHOD", ex.getRequestMethod());
        env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(ex, env, "Content-Type", "CONTENT_TYPE");
        copyHeader(ex, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
        copyHeader(ex, env, "Git-Protocol", "GIT_PROTOCOL");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(body);
            } catch (IOException ignored) {
                // the backend stopped reading: its answer says why
            }
        });
        writer.start();
        try (InputStream out = p.getInputStream()) {
            int status = 200;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int c = out.read();
                if (c < 0) {
                    break;
                }
                if (c != '\n') {
                    line.write(c);
                    continue;
                }
                String h = line.toString(StandardCharsets.ISO_8859_1).strip();
                line.reset();
                if (h.isEmpty()) {
                    break;
                }
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).strip();
                String value = h.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    ex.getResponseHeaders().add(name, value);
                }
            }
            ex.sendResponseHeaders(status, 0);
            try (OutputStream resp = ex.getResponseBody()) {
                out.transferTo(resp);
            }
        }
        writer.join();
        p.waitFor();
    }

    private static void copyHeader(HttpExchange ex, Map<String, String> env, String header, String var) {
        String v = ex.getRequestHeaders().getFirst(header);
        if (v != null) {
            env.put(var, v);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void stopDaemon() {
        if (daemon != null) {
            List<ProcessHandle> children = new ArrayList<>(daemon.descendants().toList());
            daemon.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                daemon.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            daemon = null;
        }
    }

    public int daemonPort() {
        return daemonPort;
    }

    @Override
    public void close() {
        stopDaemon();
        if (http != null) {
            http.stop(0);
            ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        }
    }
}
