package dev.sprawl.org;

import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts the given targets into local ones, remote repository URLs and organisation selectors, and
 * lists the selectors. Network access happens only here (the APIs) and in {@link RepoFetcher}.
 */
public final class TargetResolver {

    /** Largest {@code --targets-from} file read. */
    public static final long MAX_TARGETS_FILE_BYTES = 16L * 1024 * 1024;

    private final OrgOptions options;
    private final Clock clock;
    private final RestClient.Sleeper sleeper;

    public TargetResolver(OrgOptions options) {
        this(options, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    TargetResolver(OrgOptions options, Clock clock, RestClient.Sleeper sleeper) {
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** True when a target needs this resolver: a URL other than {@code registry://}, or a selector. */
    public static boolean isRemote(String target) {
        return OrgSelector.isSelector(target) || (RemoteTarget.isUrl(target) && !target.startsWith("registry://"));
    }

    /** The targets of a {@code --targets-from} file: one a line, blank lines and {@code #} comments skipped. */
    public static List<String> readTargetsFile(Path file) throws IOException {
        if (Files.size(file) > MAX_TARGETS_FILE_BYTES) {
            throw new IOException("larger than " + MAX_TARGETS_FILE_BYTES + " bytes");
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Resolves the targets: lists every selector, parses every URL.
     *
     * @throws IllegalArgumentException for a malformed URL or selector (a usage error)
     */
    public ResolvedTargets resolve(List<String> given) throws InterruptedException {
        List<String> locals = new ArrayList<>();
        Map<String, RemoteTarget> remotes = new TreeMap<>();
        List<OrgSelector> selectors = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        for (String t : given) {
            if (OrgSelector.isSelector(t)) {
                selectors.add(OrgSelector.parse(t));
            } else if (isRemote(t)) {
                RemoteTarget r = RemoteTarget.fromUrl(t);
                remotes.putIfAbsent(r.repo(), r);
            } else {
                locals.add(t);
            }
        }
        OrgLister lister = new OrgLister(options, clock, sleeper);
        for (OrgSelector s : selectors) {
            OrgLister.Listing listing = lister.list(s);
            listing.repos().forEach(r -> remotes.putIfAbsent(r.repo(), r));
            warnings.addAll(listing.warnings());
        }
        List<String> requested = new ArrayList<>(given.size());
        for (String t : given) {
            requested.add(RemoteTarget.isUrl(t) ? RemoteTarget.withoutUserInfo(t) : t);
        }
        return new ResolvedTargets(requested, locals, new ArrayList<>(remotes.values()), warnings);
    }
}
