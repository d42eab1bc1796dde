package dev.sprawl.org;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How organisation selectors are listed and remote repositories fetched.
 *
 * @param githubApi        {@code --github-api}: the GitHub REST base URL
 * @param gitlabUrl        {@code --gitlab-url}: the GitLab server (its REST API is under {@code /api/v4})
 * @param includeForks     {@code --include-forks}
 * @param includeArchived  {@code --include-archived}
 * @param maxRateLimitWait {@code --max-rate-limit-wait}: longest total wait on rate limits per selector
 * @param timeout          {@code --network-timeout}: API request timeout, and clone/fetch idle timeout
 * @param env              the environment the tokens come from
 */
public record OrgOptions(URI githubApi, URI gitlabUrl, boolean includeForks, boolean includeArchived,
                         Duration maxRateLimitWait, Duration timeout, Map<String, String> env) {

    public static final String DEFAULT_GITHUB_API = "https://api.github.com";
    public static final String DEFAULT_GITLAB_URL = "https://gitlab.com";
    /** Default {@code --max-rate-limit-wait}, in seconds. */
    public static final long DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 60;

    public OrgOptions {
        githubApi = trimSlash(githubApi);
        gitlabUrl = trimSlash(gitlabUrl);
        env = Map.copyOf(env);
    }

    private static URI trimSlash(URI u) {
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    public Credentials credentials() {
        return new Credentials(env, githubApi, gitlabUrl);
    }

    /** Checks a base URL given on the command line: http(s), a host, no userinfo. */
    public static URI baseUrl(String flag, String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(flag + ": not a URL: " + RemoteTarget.withoutUserInfo(text));
        }
        if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))
                || u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null) {
            throw new IllegalArgumentException(flag + ": expected http(s)://HOST[:PORT][/PATH] without userinfo or query, got "
                    + RemoteTarget.withoutUserInfo(text));
        }
        return u;
    }
}
