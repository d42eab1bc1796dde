package dev.sprawl.org;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which token goes to which host. {@code GITHUB_TOKEN} (else {@code GH_TOKEN}) goes to github.com and
 * the {@code --github-api} host (and, for {@code api.HOST}, HOST); {@code GITLAB_TOKEN} to gitlab.com
 * and the {@code --gitlab-url} host. A token is only sent over HTTPS, or over plain HTTP to a
 * loopback address; a URL's own userinfo always wins and goes where the URL goes. Tokens are never
 * logged or reported: {@link #scrub} removes them from any text meant for a warning.
 */
public final class Credentials {

    /** User name sent with a GitHub token over git's HTTP protocol. */
    static final String GITHUB_USER = "x-access-token";
    /** User name sent with a GitLab token over git's HTTP protocol. */
    static final String GITLAB_USER = "oauth2";

    public static final Credentials NONE = new Credentials(Map.of(), null, null);

    private final String githubToken;
    private final String gitlabToken;
    private final Set<String> githubHosts = new TreeSet<>();
    private final Set<String> gitlabHosts = new TreeSet<>();

    /**
     * @param env       the process environment (tests pass their own)
     * @param githubApi the {@code --github-api} base URL, or null for the default
     * @param gitlabUrl the {@code --gitlab-url} base URL, or null for the default
     */
    public Credentials(Map<String, String> env, URI githubApi, URI gitlabUrl) {
        githubToken = firstNonBlank(env.get("GITHUB_TOKEN"), env.get("GH_TOKEN"));
        gitlabToken = firstNonBlank(env.get("GITLAB_TOKEN"), null);
        githubHosts.add("github.com");
        gitlabHosts.add("gitlab.com");
        if (githubApi != null && githubApi.getHost() != null) {
            String host = githubApi.getHost().toLowerCase(Locale.ROOT);
            githubHosts.add(host);
            if (host.startsWith("api.")) {
                githubHosts.add(host.substring(4));
            }
        }
        if (gitlabUrl != null && gitlabUrl.getHost() != null) {
            gitlabHosts.add(gitlabUrl.getHost().toLowerCase(Locale.ROOT));
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    /** The GitHub API token, or null. */
    String githubToken() {
        return githubToken;
    }

    /** The GitLab API token, or null. */
    String gitlabToken() {
        return gitlabToken;
    }

    /** The login to offer when the server at {@code url} asks for one, or null. */
    Login forUrl(URI url, Login own) {
        if (own != null) {
            return own;
        }
        if (!tokenMayGo(url)) {
            return null;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (githubToken != null && githubHosts.contains(host)) {
            return new Login(GITHUB_USER, githubToken);
        }
        if (gitlabToken != null && gitlabHosts.contains(host)) {
            return new Login(GITLAB_USER, gitlabToken);
        }
        return null;
    }

    /** HTTPS anywhere, plain HTTP only to a loopback address. */
    static boolean tokenMayGo(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null) {
            return false;
        }
        if ("https".equals(scheme)) {
            return true;
        }
        return "http".equals(scheme) && isLoopback(url.getHost());
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false; // a name: not resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The text with every token (and {@code extra} passwords) replaced by {@code ***}. */
    String scrub(String text, Login extra) {
        if (text == null) {
            return "";
        }
        List<String> secrets = new ArrayList<>();
        if (githubToken != null) {
            secrets.add(githubToken);
        }
        if (gitlabToken != null) {
            secrets.add(gitlabToken);
        }
        if (extra != null && !extra.password().isEmpty()) {
            secrets.add(extra.password());
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return RemoteTarget.withoutUserInfo(out);
    }
}
