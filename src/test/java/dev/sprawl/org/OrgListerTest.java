package dev.sprawl.org;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.source.ScanWarning;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing against the loopback REST server, with a clock and a sleeper that only record. */
class OrgListerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private ForgeApi api;
    private final List<Duration> slept = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        List<ForgeApi.Repo> repos = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            repos.add(new ForgeApi.Repo("acme/r" + i, "https://git.example/acme/r" + i + ".git", i == 3, i == 4));
        }
        repos.add(new ForgeApi.Repo("acme/local", "file:///etc", false, false));
        api = new ForgeApi("t").pageSize(3).githubOrg("acme", repos);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private OrgLister.Listing list(String selector, long maxWaitSeconds) throws InterruptedException {
        OrgOptions o = new OrgOptions(URI.create(api.url() + "/api"), URI.create(api.url()), false, false,
                Duration.ofSeconds(maxWaitSeconds), Duration.ofSeconds(10), Map.of());
        return new OrgLister(o, Clock.fixed(NOW, ZoneOffset.UTC), slept::add).list(OrgSelector.parse(selector));
    }

    private static List<String> names(OrgLister.Listing l) {
        return l.repos().stream().map(RemoteTarget::repo).toList();
    }

    @Test
    void followsEveryPageWaitsOutTheResetAndLeavesOutForksArchivedAndFileUrls() throws Exception {
        api.once("/api/orgs/acme/repos", 2, 403, Map.of("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 30)));
        OrgLister.Listing l = list("github:acme", 60);
        assertThat(names(l)).containsExactly("github:acme/r1", "github:acme/r2", "github:acme/r5", "github:acme/r6",
                "github:acme/r7");
        assertThat(slept).containsExactly(Duration.ofSeconds(31));
        assertThat(l.warnings()).extracting(ScanWarning::code).containsExactlyInAnyOrder("org-repos-skipped",
                "repo-unavailable");
        assertThat(l.repos().get(0).url().toString()).isEqualTo("https://git.example/acme/r1.git");
    }

    @Test
    void aLongerRateLimitKeepsWhatWasListedAndWarns() throws Exception {
        api.once("/api/orgs/acme/repos", 2, 429, Map.of("Retry-After", "600"));
        OrgLister.Listing l = list("github:acme", 60);
        assertThat(slept).isEmpty();
        assertThat(names(l)).containsExactly("github:acme/r1", "github:acme/r2");
        ScanWarning w = l.warnings().stream().filter(x -> x.code().equals("rate-limited")).findFirst().orElseThrow();
        assertThat(w.incomplete()).isTrue();
        assertThat(w.path()).isEqualTo("github:acme");
        assertThat(w.message()).contains("600").contains("2 repositories listed before it");
    }

    @Test
    void forbiddenWithoutRateLimitHeadersIsAnError() throws Exception {
        api.once("/api/orgs/acme/repos", 1, 403, Map.of());
        OrgLister.Listing l = list("github:acme", 60);
        assertThat(l.repos()).isEmpty();
        assertThat(l.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("org-unavailable");
            assertThat(w.message()).contains("HTTP 403");
        });
    }

    @Test
    void userFallbackAndNotFound() throws Exception {
        api.githubUser("kim", List.of(new ForgeApi.Repo("kim/x", "https://git.example/kim/x.git", false, false)));
        assertThat(names(list("github:kim", 60))).containsExactly("github:kim/x");
        assertThat(api.requests).anyMatch(q -> q.startsWith("/api/orgs/kim/repos"))
                .anyMatch(q -> q.startsWith("/api/users/kim/repos"));
        assertThat(list("github:nobody", 60).warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("404"));
    }

    @Test
    void nextPagesOnlyOnTheSameServer() {
        URI cur = URI.create("https://api.example/orgs/a/repos?per_page=100");
        HttpHeaders other = HttpHeaders.of(Map.of("Link", List.of("<https://evil.example/x?page=2>; rel=\"next\"")),
                (a, b) -> true);
        assertThat(RestClient.next(cur, other)).isNull();
        HttpHeaders same = HttpHeaders.of(Map.of("Link", List.of("<https://api.example/x?page=2>; rel=\"prev\", "
                + "<https://api.example/x?page=3>; rel=\"next\"")), (a, b) -> true);
        assertThat(RestClient.next(cur, same)).hasToString("https://api.example/x?page=3");
        HttpHeaders gitlab = HttpHeaders.of(Map.of("X-Next-Page", List.of("4")), (a, b) -> true);
        assertThat(RestClient.next(URI.create("https://gl.example/api/v4/groups/g/projects?per_page=100&page=3"), gitlab))
                .hasToString("https://gl.example/api/v4/groups/g/projects?per_page=100&page=4");
        assertThat(RestClient.next(cur, HttpHeaders.of(Map.of("X-Next-Page", List.of("")), (a, b) -> true))).isNull();
    }
}
