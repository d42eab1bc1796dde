package dev.sprawl.cli;

import dev.sprawl.org.OrgOptions;
import dev.sprawl.org.RepoFetcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags of organisation scans (remote repositories, github:/gitlab: selectors), mixed into {@code scan}. */
final class OrgFlags {

    // the defaults of the options that have one, shared with QuickArgs
    static final String DEFAULT_MAX_RATE_LIMIT_WAIT = "" + OrgOptions.DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS;
    static final String DEFAULT_NETWORK_TIMEOUT = "" + RepoFetcher.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--targets-from", paramLabel = "FILE",
            description = "Read more targets from FILE, one a line (# comments): paths, URLs, github:ORG, gitlab:GROUP.")
    Path targetsFrom;

    @Option(names = "--list-targets", description = "Print what would be scanned (one a line, sorted) and exit.")
    boolean listTargets;

    @Option(names = "--github-api", paramLabel = "URL", defaultValue = OrgOptions.DEFAULT_GITHUB_API,
            description = "GitHub REST API for github:ORG (GitHub Enterprise: https://HOST/api/v3; default: ${DEFAULT-VALUE}).")
    String githubApi;

    @Option(names = "--gitlab-url", paramLabel = "URL", defaultValue = OrgOptions.DEFAULT_GITLAB_URL,
            description = "GitLab server for gitlab:GROUP (default: ${DEFAULT-VALUE}).")
    String gitlabUrl;

    @Option(names = "--include-forks", description = "Org selectors: scan forks too.")
    boolean includeForks;

    @Option(names = "--include-archived", description = "Org selectors: scan archived repositories too.")
    boolean includeArchived;

    @Option(names = "--max-rate-limit-wait", paramLabel = "SECONDS",
            defaultValue = DEFAULT_MAX_RATE_LIMIT_WAIT,
            description = "Longest total wait on API rate limits per selector before giving up with a warning "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxRateLimitWait;

    @Option(names = "--network-timeout", paramLabel = "SECONDS", defaultValue = DEFAULT_NETWORK_TIMEOUT,
            description = "Timeout of an API request, and of a clone or fetch without progress (default: ${DEFAULT-VALUE}).")
    int networkTimeout;

    /** @throws IllegalArgumentException for a bad URL or bound */
    OrgOptions options(Map<String, String> env) {
        if (maxRateLimitWait < 0 || networkTimeout < 1) {
            throw new IllegalArgumentException("--max-rate-limit-wait must be >= 0 and --network-timeout >= 1");
        }
        return new OrgOptions(OrgOptions.baseUrl("--github-api", githubApi), OrgOptions.baseUrl("--gitlab-url", gitlabUrl),
                includeForks, includeArchived, Duration.ofSeconds(maxRateLimitWait), Duration.ofSeconds(networkTimeout),
                env);
    }
}
