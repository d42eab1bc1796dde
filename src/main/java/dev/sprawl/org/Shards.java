package dev.sprawl.org;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard INDEX/COUNT}: a deterministic slice of the expanded target list. A target belongs to
 * shard {@code SHA-256(identity) mod COUNT}, where the identity is the target as labelled in the report
 * (a URL without its userinfo), so every worker of a Kubernetes Indexed Job or CI matrix computes the
 * same partition from the same list, whatever its order, and the shards together hold every target
 * exactly once.
 */
public final class Shards {

    /** Most shards. */
    public static final int MAX_COUNT = 100_000;

    private static final Pattern SPEC = Pattern.compile("(\\d{1,6})/(\\d{1,6})");
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    /** A parsed {@code INDEX/COUNT}. */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
                throw new IllegalArgumentException("--shard must be INDEX/COUNT with 0 <= INDEX < COUNT <= " + MAX_COUNT);
            }
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    private Shards() {
    }

    /** Parses {@code INDEX/COUNT}; throws {@link IllegalArgumentException} with a usage message. */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard must be INDEX/COUNT (e.g. 0/4), not '" + spec + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The targets of {@code shard}, in their given order. Apply it once, to the list after org
     * enumeration and {@code --targets-from} expansion.
     */
    public static List<String> select(List<String> targets, Shard shard) {
        List<String> out = new ArrayList<>();
        for (String t : targets) {
            if (of(t, shard.count()) == shard.index()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The local targets and repositories of {@code shard} after org enumeration and
     * {@code --targets-from} expansion; a repository's identity is its label ({@link RemoteTarget#repo}).
     * The requested targets and the listing warnings stay whole (every shard reports them alike).
     */
    public static ResolvedTargets select(ResolvedTargets all, Shard shard) {
        List<RemoteTarget> remotes = new ArrayList<>();
        for (RemoteTarget r : all.remotes()) {
            if (of(r.repo(), shard.count()) == shard.index()) {
                remotes.add(r);
            }
        }
        return new ResolvedTargets(all.requested(), select(all.locals(), shard), remotes, all.warnings());
    }

    /** The shard a target belongs to among {@code count}. */
    public static int of(String target, int count) {
        byte[] h = sha256(identity(target));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(v, count);
    }

    /** A target's identity: as given, without the userinfo of a URL. */
    public static String identity(String target) {
        return USERINFO.matcher(target).replaceFirst("$1");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
