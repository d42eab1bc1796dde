package dev.sprawl.org;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import dev.sprawl.source.ScanWarning;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over what the GitHub and GitLab APIs answer when an organisation is listed
 * ({@link OrgLister} and {@link RestClient}: status, {@code Link} / {@code X-Next-Page} paging,
 * rate-limit headers, the JSON body, clone URLs). The answers come from memory instead of a server
 * (the HTTP exchange itself is tested against loopback servers in {@code OrgListerTest}). The listing
 * never throws, sends a bounded number of requests, waits no longer than {@code --max-rate-limit-wait},
 * follows pages only on the API's own origin, keeps no clone URL with userinfo, and no warning repeats
 * the API token, even when the server echoes it back (the canary is the token).
 */
class ApiResponsesFuzzTest {

    private static final URI API = URI.create("https://api.github.test");
    private static final URI GITLAB = URI.create("https://gitlab.test");
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @BeforeAll
    static void seeds() {
        String repo = "{\"full_name\":\"acme/api\",\"path_with_namespace\":\"acme/api\",\"clone_url\":\"https://github.test/acme/api.git\","
                + "\"http_url_to_repo\":\"https://gitlab.test/acme/api.git\",\"fork\":false,\"archived\":false}";
        String fork = "{\"full_name\":\"acme/f\",\"clone_url\":\"https://x:@@@github.test/acme/f.git\",\"fork\":true,"
                + "\"forked_from_project\":{\"id\":1},\"path_with_namespace\":\"acme/f\",\"http_url_to_repo\":\"file:///etc\"}";
        FuzzContract.seeds(ApiResponsesFuzzTest.class, "listing", FuzzContract.seedsOf(
                "two-pages", FuzzContract.join(
                        bytes("link: <https://api.github.test/orgs/acme/repos?page=2>; rel=\"next\"\nx-next-page: 2\n"),
                        bytes("[" + repo + "," + fork + "]"), bytes(""), bytes("[{\"full_name\":\"acme/b\",\"clone_url\":\"git://h/b\"}]")),
                "rate-limited", FuzzContract.join(bytes("status: 403\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1764547220\n"),
                        bytes("{\"message\":\"API rate limit exceeded for token @@\"}"), bytes("status: 429\nretry-after: 5\n"),
                        bytes("[]")),
                "errors", FuzzContract.join(bytes("status: 401\n"), bytes("{\"message\":\"Bad credentials: @@\"}")),
                "odd-bodies", FuzzContract.join(bytes("link: <http://evil.test/steal>; rel=next\n"),
                        bytes("[1, \"x\", null, {\"full_name\": 5, \"clone_url\": \"https://u:@@@h.test/\"}, {}]"),
                        bytes("status: 500\n"), bytes("<html>@@</html>")),
                "not-found", FuzzContract.join(bytes("status: 404\n"), bytes("{}"), bytes("status: 404\n"), bytes(""))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Input: headers of the first answer (one {@code name: value} a line, {@code status: N} for the
     * status), its body, headers and body of the second; later requests get the second again.
     */
    @FuzzTest
    void listing(byte[] data) throws InterruptedException {
        byte[][] parts = FuzzContract.split(FuzzContract.plant(data), 4);
        List<RestClient.Response> answers = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 2) {
            answers.add(answer(parts[i], i + 1 < parts.length ? parts[i + 1] : new byte[0]));
        }
        Map<String, String> env = Map.of("GITHUB_TOKEN", FuzzContract.CANARY, "GITLAB_TOKEN", FuzzContract.CANARY);
        OrgOptions options = new OrgOptions(API, GITLAB, false, false, MAX_WAIT, Duration.ofSeconds(5), env);
        for (String selector : new String[] {"github:acme", "gitlab:acme/sub"}) {
            long[] requests = {0};
            List<Duration> slept = new ArrayList<>();
            RestClient.Transport transport = (uri, headers) -> {
                requests[0]++;
                if (!uri.getHost().equals(API.getHost()) && !uri.getHost().equals(GITLAB.getHost())) {
                    throw new AssertionError("a request left the API's origin: " + uri.getHost());
                }
                return answers.get((int) Math.min(requests[0] - 1, answers.size() - 1));
            };
            OrgLister.Listing listing = FuzzContract.call(() -> new OrgLister(options,
                    Clock.fixed(NOW, ZoneOffset.UTC), slept::add, transport).list(OrgSelector.parse(selector)));
            FuzzContract.bounded("requests", requests[0], 2L * OrgLister.MAX_PAGES + MAX_WAIT.toSeconds() + 2);
            FuzzContract.bounded("seconds waited", slept.stream().mapToLong(Duration::toSeconds).sum(), MAX_WAIT.toSeconds());
            FuzzContract.bounded("warnings", listing.warnings().size(), 4L * requests[0] * (data.length + 1) + 2);
            for (ScanWarning w : listing.warnings()) {
                FuzzContract.noCanary("warning " + w.code(), w.message());
                FuzzContract.noCanary("warning path", w.path());
                FuzzContract.bounded("warning chars", w.message().length(), FuzzContract.MAX_MESSAGE_CHARS);
            }
            for (RemoteTarget t : listing.repos()) {
                if (t.url().getRawUserInfo() != null) {
                    throw new AssertionError("a clone URL kept its userinfo: " + t.url().getHost());
                }
                if ("file".equalsIgnoreCase(t.url().getScheme())) {
                    throw new AssertionError("an API answer made sprawl clone a local path");
                }
            }
        }
    }

    private static RestClient.Response answer(byte[] head, byte[] body) {
        int status = 200;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : new String(head, StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("status")) {
                try {
                    status = Math.max(100, Math.min(599, Integer.parseInt(value)));
                } catch (NumberFormatException e) {
                    status = 200;
                }
            } else if (name.matches("[!#$%&'*+.^_`|~0-9a-z-]+")) { // what HTTP allows as a header name
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new RestClient.Response(status, HttpHeaders.of(headers, (a, b) -> true), body);
    }
}
