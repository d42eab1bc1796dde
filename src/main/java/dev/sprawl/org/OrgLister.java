package dev.sprawl.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the repositories of an organisation selector over the GitHub or GitLab REST API, page by
 * page, leaving out forks and archived repositories unless asked. A failure is a warning naming the
 * selector (what was listed before it is kept); it never stops the scan.
 * <ul>
 *   <li>GitHub: {@code GET /orgs/ORG/repos?type=all}, and on 404 {@code GET /users/ORG/repos}; each
 *       repository named {@code github:FULL_NAME}, cloned from {@code clone_url};</li>
 *   <li>GitLab: {@code GET /api/v4/groups/GROUP/projects?include_subgroups=true&with_shared=false};
 *       each named {@code gitlab:PATH_WITH_NAMESPACE}, cloned from {@code http_url_to_repo}.</li>
 * </ul>
 */
final class OrgLister {

    /** Pages read per selector at most (100 repositories a page). */
    static final int MAX_PAGES = 1000;
    /** Schemes accepted for a clone URL an API returns (never {@code file}). */
    static final Set<String> API_CLONE_SCHEMES = Set.of("https", "http", "git");

    private static final ObjectMapper JSON = new ObjectMapper();

    record Listing(List<RemoteTarget> repos, List<ScanWarning> warnings) {
    }

    private final OrgOptions options;
    private final Credentials credentials;
    private final Clock clock;
    private final RestClient.Sleeper sleeper;
    private final RestClient.Transport transport;

    OrgLister(OrgOptions options, Clock clock, RestClient.Sleeper sleeper) {
        this(options, clock, sleeper, null);
    }

    /** @param transport how API requests are sent; null for HTTP (tests answer in memory) */
    OrgLister(OrgOptions options, Clock clock, RestClient.Sleeper sleeper, RestClient.Transport transport) {
        this.transport = transport;
        this.options = options;
        this.credentials = options.credentials();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Listing list(OrgSelector selector) throws InterruptedException {
        RestClient client = new RestClient(options.timeout(), options.maxRateLimitWait(), clock, sleeper, transport);
        Collector c = new Collector(selector);
        try {
            if (selector.kind().equals("github")) {
                String org = selector.name();
                URI base = options.githubApi();
                boolean found = pages(client, URI.create(base + "/orgs/" + org + "/repos?per_page=100&type=all"),
                        githubHeaders(), c, this::github);
                if (!found) {
                    found = pages(client, URI.create(base + "/users/" + org + "/repos?per_page=100&type=owner"),
                            githubHeaders(), c, this::github);
                }
                if (!found) {
                    c.warn("org-unavailable", "no GitHub organisation or user " + org + " (HTTP 404)");
                }
            } else {
                String group = URLEncoder.encode(selector.name(), StandardCharsets.UTF_8);
                URI uri = URI.create(options.gitlabUrl() + "/api/v4/groups/" + group
                        + "/projects?include_subgroups=true&with_shared=false&per_page=100&order_by=id&sort=asc");
                if (!pages(client, uri, gitlabHeaders(), c, this::gitlab)) {
                    c.warn("org-unavailable", "no GitLab group " + selector.name() + " (HTTP 404)");
                }
            }
        } catch (RestClient.ApiException e) {
            c.warn(e.code, credentials.scrub(e.getMessage(), null) + listedSoFar(c));
        }
        if (c.forks + c.archived > 0) {
            c.warnings.add(new ScanWarning("org-repos-skipped", c.forks + " fork(s) and " + c.archived
                    + " archived repositories left out (--include-forks, --include-archived)", selector.toString(), false));
        }
        return new Listing(new ArrayList<>(c.repos.values()), c.warnings);
    }

    private static String listedSoFar(Collector c) {
        return c.repos.isEmpty() ? "" : "; the " + c.repos.size() + " repositories listed before it are scanned";
    }

    /** One repository object of a page, added to the collector (or counted as left out). */
    private interface Entry {
        void add(JsonNode repo, Collector c);
    }

    /** Reads every page from {@code first}; false when the first page is 404 (and nothing was read). */
    private boolean pages(RestClient client, URI first, Map<String, String> headers, Collector c, Entry entry) throws RestClient.ApiException, InterruptedException {
        URI uri = first;
        for (int page = 0; uri != null; page++) {
            if (page == MAX_PAGES) {
                c.warn("org-unavailable", "more than " + MAX_PAGES + " pages: the listing stops here");
                return true;
            }
            RestClient.Response r = client.get(uri, headers);
            if (r.status() == 404 && page == 0) {
                return false;
            }
            if (r.status() != 200) {
                throw new RestClient.ApiException("org-unavailable", r.status(), "HTTP " + r.status() + " "
                        + reason(r.status()) + " listing " + uri.getRawPath() + listedSoFar(c));
            }
            JsonNode body;
            try {
                body = JSON.readTree(r.body());
            } catch (IOException e) {
                throw new RestClient.ApiException("org-unavailable", r.status(), "the API answered something that is not "
                        + "JSON on " + uri.getRawPath());
            }
            if (body == null || !body.isArray()) {
                throw new RestClient.ApiException("org-unavailable", r.status(), "the API answered " + (body == null
                        ? "nothing" : "a JSON " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                        + " where a list of repositories was expected on " + uri.getRawPath());
            }
            for (JsonNode repo : body) {
                entry.add(repo, c);
            }
            try {
                uri = RestClient.next(uri, r.headers());
            } catch (IllegalArgumentException e) {
                // a Link header no URI parser reads (fuzz finding: it escaped as a RuntimeException)
                throw new RestClient.ApiException("org-unavailable", r.status(), "the API's link to the next page is "
                        + "not a valid URL; the listing stops after page " + (page + 1) + listedSoFar(c));
            }
        }
        return true;
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> "unauthorized (set a valid token)";
            case 403 -> "forbidden (the token lacks access)";
            case 404 -> "not found";
            default -> "";
        };
    }

    private void github(JsonNode repo, Collector c) {
        c.add(repo, "github:" + repo.path("full_name").asText(""), repo.path("clone_url").asText(""),
                repo.path("fork").asBoolean(false), repo.path("archived").asBoolean(false));
    }

    private void gitlab(JsonNode repo, Collector c) {
        boolean fork = repo.hasNonNull("forked_from_project");
        c.add(repo, "gitlab:" + repo.path("path_with_namespace").asText(""), repo.path("http_url_to_repo").asText(""),
                fork, repo.path("archived").asBoolean(false));
    }

    private Map<String, String> githubHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/vnd.github+json");
        h.put("X-GitHub-Api-Version", "2022-11-28");
        h.put("User-Agent", "sprawl");
        if (credentials.githubToken() != null && Credentials.tokenMayGo(options.githubApi())) {
            h.put("Authorization", "Bearer " + credentials.githubToken());
        }
        return h;
    }

    private Map<String, String> gitlabHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        h.put("User-Agent", "sprawl");
        if (credentials.gitlabToken() != null && Credentials.tokenMayGo(options.gitlabUrl())) {
            h.put("PRIVATE-TOKEN", credentials.gitlabToken());
        }
        return h;
    }

    /** What one selector's listing gathered. */
    private final class Collector {
        final OrgSelector selector;
        final Map<String, RemoteTarget> repos = new java.util.TreeMap<>();
        final List<ScanWarning> warnings = new ArrayList<>();
        int forks;
        int archived;

        Collector(OrgSelector selector) {
            this.selector = selector;
        }

        void warn(String code, String message) {
            warnings.add(new ScanWarning(code, message, selector.toString(), true));
        }

        void add(JsonNode node, String name, String cloneUrl, boolean fork, boolean isArchived) {
            String repo = credentials.scrub(name, null); // a server echoing the token in a name: not into the report
            if (!node.isObject() || repo.endsWith(":") || cloneUrl.isEmpty()) {
                warnings.add(new ScanWarning("org-unavailable", "a listed repository has no name or clone URL",
                        selector.toString(), true));
                return;
            }
            if (fork && !options.includeForks()) {
                forks++;
                return;
            }
            if (isArchived && !options.includeArchived()) {
                archived++;
                return;
            }
            try {
                repos.put(repo, RemoteTarget.fromUrl(cloneUrl, repo, API_CLONE_SCHEMES));
            } catch (IllegalArgumentException e) {
                warnings.add(new ScanWarning("repo-unavailable", credentials.scrub(e.getMessage(), null), repo, true));
            }
        }
    }
}
