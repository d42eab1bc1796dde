package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.org.ForgeApi;
import dev.sprawl.org.ForgeApi.Repo;
import dev.sprawl.org.GitServers;
import dev.sprawl.source.git.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organisation scans against real servers on loopback: Debian's git daemon (git://), git
 * http-backend (smart HTTP, with an authenticated repository) and a GitHub/GitLab REST API server.
 */
class OrgScanTest {

    @TempDir
    static Path dir;

    static GitServers git;
    static ForgeApi api;
    static String daemon;
    static String http;
    /** A canary: the GitHub token, which must appear nowhere in output. */
    static final String TOKEN = "canary" + TestSecrets.alnum(24);
    static final String SHARED = TestSecrets.githubToken("ghp_");
    static final String BILLING_ONLY = TestSecrets.password();
    static final String PRIVATE = TestSecrets.password();
    static final String GITLAB_ONLY = TestSecrets.password();

    @BeforeAll
    static void servers() throws Exception {
        Assumptions.assumeTrue(GitServers.gitAvailable(), GitServers.SKIP);
        Path base = dir.resolve("served");
        Path home = Files.createDirectories(dir.resolve("home"));
        try (TestRepo r = TestRepo.init(base.resolve("acme/billing"))) {
            r.write(".github/CODEOWNERS", "* @acme/billing-team\n")
                    .write("config.yml", "service: billing\ngithub_token: " + SHARED + "\n")
                    .commit("config", "Dana", TestRepo.T0);
            r.write(".env", "DB_PASSWORD=" + BILLING_ONLY + "\n").commit("env", "Dana", TestRepo.T0.plusSeconds(60));
            r.branch("release");
        }
        try (TestRepo r = TestRepo.init(base.resolve("acme/api"))) {
            r.write("CODEOWNERS", "* @acme/api-team\n")
                    .write("scripts/deploy.sh", "#!/bin/sh\nexport GITHUB_TOKEN=" + SHARED + "\n")
                    .commit("deploy", "Lee", TestRepo.T0);
        }
        try (TestRepo r = TestRepo.init(base.resolve("private/secrets"))) {
            r.write(".env", "DB_PASSWORD=" + PRIVATE + "\n").commit("private", "Kim", TestRepo.T0);
        }
        try (TestRepo r = TestRepo.init(base.resolve("group/sub/tool"))) {
            r.write(".env", "DB_PASSWORD=" + GITLAB_ONLY + "\n").commit("tool", "Kim", TestRepo.T0);
        }
        TestRepo.init(base.resolve("acme/empty")).close();
        try (TestRepo r = TestRepo.init(base.resolve("acme/broken"))) {
            r.write("a.txt", "some content\n");
            RevCommit c = r.commit("a", "Kim", TestRepo.T0);
            try (TreeWalk tw = TreeWalk.forPath(r.repo(), "a.txt", c.getTree())) {
                ObjectId blob = tw.getObjectId(0);
                Files.delete(r.looseObject(blob)); // upload-pack cannot send it: the clone fails
            }
        }
        git = new GitServers(base, home);
        daemon = git.startDaemon();
        http = git.startHttp(TOKEN);
        api = new ForgeApi(TOKEN).pageSize(2)
                .githubOrg("acme", List.of(
                        new Repo("acme/billing", daemon + "/acme/billing", false, false),
                        new Repo("acme/api", http + "/acme/api", false, false),
                        new Repo("acme/empty", daemon + "/acme/empty", false, false),
                        new Repo("acme/forked", http + "/acme/forked", true, false),
                        new Repo("acme/broken", http + "/acme/broken", false, false),
                        new Repo("acme/old", http + "/acme/old", false, true),
                        new Repo("acme/secrets", http + "/private/secrets", false, false)))
                .githubUser("kim", List.of(new Repo("kim/tool", http + "/group/sub/tool", false, false)))
                .githubOrg("private-org", List.of(new Repo("private-org/secrets", http + "/private/secrets", false, false)))
                .requireToken("private-org")
                .gitlabGroup("group", List.of(
                        new Repo("group/sub/tool", http + "/group/sub/tool", false, false),
                        new Repo("group/api", http + "/acme/api", false, false),
                        new Repo("group/fork", http + "/acme/api", true, false)));
    }

    @AfterAll
    static void stop() {
        if (git != null) {
            git.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static Map<String, String> env() {
        return Map.of("GITHUB_TOKEN", TOKEN);
    }

    private static JsonNode entry(JsonNode inv, String secret) {
        String fp = new SecretValue(secret).fingerprint();
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp)) {
                return s;
            }
        }
        throw new AssertionError("secret not in the inventory");
    }

    private static Set<String> repos(JsonNode secret) {
        Set<String> out = new TreeSet<>();
        secret.path("locations").forEach(l -> out.add(l.path("repo").asText()));
        return out;
    }

    private static List<String> warnings(JsonNode inv, String code) {
        List<String> out = new ArrayList<>();
        inv.path("scan").path("warnings").forEach(w -> {
            if (w.path("code").asText().equals(code)) {
                out.add(w.path("path").asText());
            }
        });
        return out;
    }

    @Test
    void scansEveryRepositoryOfAnOrganisation() {
        api.requests.clear();
        git.authorizations.clear();
        api.once("/api/orgs/acme/repos", 2, 403, Map.of("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(java.time.Instant.now().getEpochSecond() + 1)));
        Cli.Result r = Cli.runWithEnv(env(), "scan", "github:acme", "--github-api", api.url() + "/api", "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        assertThat(inv.path("scan").path("targets").toString()).isEqualTo("[\"github:acme\"]");
        assertThat(inv.path("scan").path("complete").asBoolean()).isFalse();

        JsonNode shared = entry(inv, SHARED);
        assertThat(repos(shared)).containsExactly("github:acme/api", "github:acme/billing");
        assertThat(shared.path("findings").toString()).contains("secret-sprawl").contains("2 repositories");
        assertThat(shared.path("owner").path("name").asText()).isIn("@acme/api-team", "@acme/billing-team");
        JsonNode billing = entry(inv, BILLING_ONLY);
        assertThat(repos(billing)).containsExactly("github:acme/billing");
        assertThat(billing.path("owner").path("name").asText()).isEqualTo("@acme/billing-team");
        assertThat(repos(entry(inv, PRIVATE))).containsExactly("github:acme/secrets"); // the token opened it

        assertThat(warnings(inv, "repo-unavailable")).containsExactly("github:acme/broken");
        assertThat(warnings(inv, "repo-empty")).containsExactly("github:acme/empty");
        assertThat(warnings(inv, "org-repos-skipped")).containsExactly("github:acme");
        List<String> listed = new ArrayList<>();
        inv.path("repos").forEach(n -> listed.add(n.path("repo").asText()));
        assertThat(listed).containsExactly("github:acme/api", "github:acme/billing", "github:acme/broken",
                "github:acme/empty", "github:acme/secrets");
        JsonNode billingRepo = inv.path("repos").get(1);
        assertThat(billingRepo.path("head").asText()).matches("[0-9a-f]{40}");
        assertThat(billingRepo.path("commits").asInt()).isEqualTo(2);
        assertThat(billingRepo.path("secrets").asInt()).isEqualTo(2);
        assertThat(billingRepo.path("complete").asBoolean()).isTrue();
        assertThat(inv.path("repos").get(2).path("complete").asBoolean()).isFalse();
        assertThat(inv.path("repos").get(3).path("head").isNull()).isTrue();
        assertThat(inv.path("repos").get(3).path("complete").asBoolean()).isTrue();

        assertThat(api.requests.stream().filter(q -> q.contains("page=2")).count()).isEqualTo(2); // limited, then served
        assertThat(api.requests).allMatch(q -> q.endsWith("[token]"));
        assertThat(git.authorizations).isNotEmpty().allMatch(a -> a.startsWith("/private/"));
        assertThat(r.out() + r.err()).doesNotContain(TOKEN).doesNotContain(SHARED);
    }

    @Test
    void tableReportHasPerRepositoryCounts() {
        Cli.Result r = Cli.runWithEnv(Map.of(), "scan", daemon + "/acme/billing", http + "/acme/api", "-f", "table");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("2 repositories, 0 clean, 0 incomplete:")
                .contains(daemon + "/acme/billing  2 secrets, 2 commits")
                .contains("[" + daemon + "/acme/billing] ");
    }

    @Test
    void withoutTokenThePrivateOrganisationIsAWarning() {
        Cli.Result r = Cli.runWithEnv(Map.of(), "scan", "github:private-org", "github:nobody",
                "--github-api", api.url() + "/api", "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        JsonNode inv = r.json();
        assertThat(warnings(inv, "org-unavailable")).containsExactly("github:nobody", "github:private-org");
        assertThat(inv.path("scan").path("warnings").toString()).contains("HTTP 401").contains("HTTP 404");
    }

    @Test
    void unauthorisedCloneIsRepoUnavailableAndUserinfoIsNeverShown() {
        Cli.Result denied = Cli.runWithEnv(Map.of(), "scan", http + "/private/secrets", "-f", "json");
        assertThat(denied.code()).isEqualTo(3);
        assertThat(warnings(denied.json(), "repo-unavailable")).containsExactly(http + "/private/secrets");

        String withLogin = http.replace("://", "://" + GitServers.PRIVATE_USER + ":" + TOKEN + "@") + "/private/secrets";
        Cli.Result r = Cli.runWithEnv(Map.of(), "scan", withLogin, "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(repos(entry(r.json(), PRIVATE))).containsExactly(http + "/private/secrets");
        assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    }

    @Test
    void listTargetsMixesPathsUrlsUsersAndGitlabGroups() throws IOException {
        Path list = dir.resolve("targets.txt");
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(list, "# the org\n" + local + "\n\n  github:kim  \ngitlab:group\n" + daemon + "/acme/billing\n");
        api.once("/api/v4/groups/group/projects", 2, 429, Map.of("Retry-After", "1"));
        Cli.Result r = Cli.runWithEnv(env(), "scan", "--targets-from", list.toString(), "--list-targets",
                "--github-api", api.url() + "/api", "--gitlab-url", api.url(), "--include-forks");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out().lines().toList()).containsExactly(local.toString(), daemon + "/acme/billing",
                "github:kim/tool", "gitlab:group/api", "gitlab:group/fork", "gitlab:group/sub/tool");
    }

    @Test
    void gitlabGroupIsScannedAndALongRateLimitStopsWithAWarning() {
        Cli.Result r = Cli.runWithEnv(Map.of("GITLAB_TOKEN", TOKEN), "scan", "gitlab:group", "--gitlab-url", api.url(),
                "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(repos(entry(r.json(), GITLAB_ONLY))).containsExactly("gitlab:group/sub/tool");
        assertThat(api.requests).anyMatch(q -> q.startsWith("/api/v4/groups/group/projects?include_subgroups=true")
                && q.endsWith("[token]"));

        api.once("/api/orgs/acme/repos", 1, 429, Map.of("Retry-After", "3600"));
        Cli.Result limited = Cli.runWithEnv(env(), "scan", "github:acme", "--github-api", api.url() + "/api",
                "--max-rate-limit-wait", "5", "--list-targets");
        assertThat(limited.code()).isEqualTo(3);
        assertThat(limited.err()).contains("rate-limited github:acme").contains("3600");
    }

    @Test
    void aCloneThatIsThereIsFetchedInPlaceOverHttpAndGit() throws Exception {
        dev.sprawl.org.RepoFetcher fetcher = new dev.sprawl.org.RepoFetcher(new dev.sprawl.org.Credentials(env(),
                java.net.URI.create(api.url() + "/api"), null), 30);
        for (String url : List.of(http + "/private/moving", daemon + "/acme/moving")) {
            String rel = url.substring(url.indexOf('/', url.indexOf("://") + 3) + 1);
            try (TestRepo served = TestRepo.init(dir.resolve("served").resolve(rel))) {
                served.write("a.txt", "one\n").commit("one", "Kim", TestRepo.T0);
                dev.sprawl.org.RemoteTarget t = dev.sprawl.org.RemoteTarget.fromUrl(url);
                Path bare = dir.resolve("cache").resolve(dev.sprawl.org.RepoFetcher.directoryName(t));
                fetcher.materialize(t, bare);
                Files.writeString(bare.resolve("kept"), "a re-clone would lose this");
                RevCommit second = served.write("b.txt", "two\n").commit("two", "Kim", TestRepo.T0.plusSeconds(9));
                served.branch("next");
                fetcher.materialize(t, bare);
                assertThat(bare.resolve("kept")).exists();
                assertThat(dev.sprawl.source.git.GitRepos.headCommit(bare)).isEqualTo(second.name());
                assertThat(bare.resolve("refs/heads/next").toFile().exists() || Files.readString(
                        bare.resolve("packed-refs")).contains("refs/heads/next")).isTrue();
            }
        }
        assertThat(git.authorizations).anyMatch(a -> a.startsWith("/private/moving"));
    }

    @Test
    void aRepositorysOwnSprawlignoreApplies() throws Exception {
        String accepted = TestSecrets.password();
        try (TestRepo r = TestRepo.init(dir.resolve("served/acme/quiet"))) {
            r.write(".env", "DB_PASSWORD=" + accepted + "\n")
                    .write(".sprawlignore", new SecretValue(accepted).fingerprint() + " test fixture\n")
                    .commit("accepted", "Kim", TestRepo.T0);
        }
        Cli.Result r = Cli.runWithEnv(Map.of(), "scan", daemon + "/acme/quiet", "-f", "json");
        assertThat(r.code()).as(r.out()).isEqualTo(0);
        assertThat(entry(r.json(), accepted).path("ignoreReason").asText()).contains("test fixture");
    }

    @Test
    void badTargetsAreUsageErrors() {
        assertThat(Cli.run("scan", "--targets-from", dir.resolve("no-such-file").toString()).code()).isEqualTo(2);
        assertThat(Cli.run("scan", "ssh://git@127.0.0.1/x.git").code()).isEqualTo(2);
        assertThat(Cli.run("scan", "github:bad/name").code()).isEqualTo(2);
        assertThat(Cli.run("scan", daemon + "/acme/billing", "--since", "HEAD~1").code()).isEqualTo(2);
        assertThat(Cli.run("scan", "github:acme", "--github-api", "ftp://x").code()).isEqualTo(2);
    }
}
