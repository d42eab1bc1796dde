package dev.sprawl.org;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A remote git repository to scan.
 *
 * @param repo  how the repository is named in the report ({@code locations[].repo}, {@code repos[].repo}):
 *              {@code github:acme/billing}, {@code gitlab:group/sub/proj}, or the clone URL without userinfo
 * @param url   the clone URL, never with userinfo
 * @param login credentials taken from the URL's userinfo, or null (then {@link Credentials} may supply a token)
 */
public record RemoteTarget(String repo, URI url, Login login) {

    /** URL schemes a remote target may use. */
    public static final Set<String> SCHEMES = Set.of("https", "http", "git", "file");

    public RemoteTarget {
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("a clone URL is stored without userinfo");
        }
    }

    /** True when a command-line target is a URL ({@code scheme://...}) rather than a path. */
    public static boolean isUrl(String text) {
        int i = text.indexOf("://");
        return i > 0 && text.substring(0, i).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+');
    }

    /**
     * A target given as a URL: {@code https://}, {@code http://}, {@code git://} or {@code file://}.
     * Userinfo ({@code https://user:token@host/...}) becomes the {@link #login} and is removed from
     * the URL and the label.
     *
     * @throws IllegalArgumentException for another scheme or a malformed URL (the message never holds userinfo)
     */
    public static RemoteTarget fromUrl(String text) {
        return fromUrl(text, null, SCHEMES);
    }

    /** A clone URL returned by an API, named {@code repo}; {@code allowed} the schemes accepted. */
    static RemoteTarget fromUrl(String text, String repo, Set<String> allowed) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + withoutUserInfo(text));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!allowed.contains(scheme)) {
            throw new IllegalArgumentException("unsupported URL scheme '" + scheme + "' in " + withoutUserInfo(text)
                    + " (use " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        if (!"file".equals(scheme) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw new IllegalArgumentException("URL has no host: " + withoutUserInfo(text));
        }
        Login login = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String user = colon < 0 ? info : info.substring(0, colon);
            String password = colon < 0 ? "" : info.substring(colon + 1);
            login = new Login(decode(user), decode(password));
        }
        URI clean;
        try {
            clean = uri.getHost() == null ? new URI(scheme, "", uri.getPath(), uri.getQuery(), null) // file:///path
                    : new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + withoutUserInfo(text));
        }
        return new RemoteTarget(repo != null ? repo : clean.toString(), clean, login);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The text with anything between {@code ://} and the last {@code @} of the authority removed. */
    static String withoutUserInfo(String text) {
        int start = text.indexOf("://");
        if (start < 0) {
            return text;
        }
        int end = text.indexOf('/', start + 3);
        String authority = end < 0 ? text.substring(start + 3) : text.substring(start + 3, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        return text.substring(0, start + 3) + authority.substring(at + 1) + (end < 0 ? "" : text.substring(end));
    }

    @Override
    public String toString() {
        return "RemoteTarget[" + repo + ", " + url + (login == null ? "" : ", with login") + "]";
    }
}
