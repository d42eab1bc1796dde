package dev.sprawl.source.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry image named on the command line: {@code registry://HOST[:PORT]/NAME[:TAG][@DIGEST]}.
 *
 * @param host       host and optional port
 * @param repository the repository path ({@code library/alpine})
 * @param tag        the tag, or null
 * @param digest     the manifest digest, or null
 */
public record ImageReference(String host, String repository, String tag, String digest) {

    public static final String SCHEME = "registry://";

    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9-]{1,63})*"
            + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REST = Pattern.compile("([^:@]+)(?::([^:@]+))?(?:@(.+))?");

    public static boolean isRegistryTarget(String target) {
        return target.startsWith(SCHEME);
    }

    public static ImageReference parse(String target) {
        if (!isRegistryTarget(target)) {
            throw new IllegalArgumentException("not a registry:// reference: " + target);
        }
        String rest = target.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("registry reference needs HOST[:PORT]/NAME: " + target);
        }
        String host = rest.substring(0, slash);
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid registry host in " + target);
        }
        Matcher m = REST.matcher(rest.substring(slash + 1));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid image name in " + target);
        }
        String repo = m.group(1);
        for (String part : repo.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new IllegalArgumentException("invalid image name in " + target);
            }
        }
        String tag = m.group(2);
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid tag in " + target);
        }
        String digest = m.group(3);
        if (digest != null && !Digest.valid(digest)) {
            throw new IllegalArgumentException("invalid digest in " + target + " (expected sha256: and 64 hex digits)");
        }
        return new ImageReference(host, repo, tag == null && digest == null ? "latest" : tag, digest);
    }

    /** What to ask the registry for: the digest when given, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** True for registries on this machine, which are reached over plain HTTP like Docker does. */
    public boolean loopback() {
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":[0-9]+$", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    @Override
    public String toString() {
        return host + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
