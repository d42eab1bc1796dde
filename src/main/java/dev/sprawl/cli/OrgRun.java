package dev.sprawl.cli;

import dev.sprawl.org.Clones;
import dev.sprawl.org.OrgOptions;
import dev.sprawl.org.RepoFetcher;
import dev.sprawl.org.ResolvedTargets;
import dev.sprawl.org.TargetResolver;
import dev.sprawl.scan.RepoTargets;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The remote part of one {@code scan}: the resolved targets and, once cloned, the temporary folder of
 * the clones, deleted on {@link #close}.
 */
final class OrgRun implements AutoCloseable {

    private final OrgOptions options;
    private final ResolvedTargets resolved;
    private Path root;
    private Clones.Prepared prepared;

    private OrgRun(OrgOptions options, ResolvedTargets resolved) {
        this.options = options;
        this.resolved = resolved;
    }

    /** Lists the selectors and parses the URLs among {@code given}. @throws IllegalArgumentException usage error */
    static OrgRun resolve(OrgOptions options, List<String> given) throws InterruptedException {
        return new OrgRun(options, new TargetResolver(options).resolve(given));
    }

    List<String> locals() {
        return resolved.locals();
    }

    boolean hasRemotes() {
        return !resolved.remotes().isEmpty();
    }

    /** {@code --list-targets}: the names on stdout; listing warnings on stderr, and exit 3 if one makes it incomplete. */
    int list(PrintWriter out, PrintWriter err) {
        resolved.names().forEach(out::println);
        boolean incomplete = false;
        for (ScanWarning w : resolved.warnings()) {
            err.println("sprawl: warning: " + w.code() + " " + w.path() + ": " + w.message());
            incomplete |= w.incomplete();
        }
        return (incomplete ? ExitCode.INCOMPLETE : ExitCode.OK).code();
    }

    /** Clones every remote into a new temporary folder; returns their paths (labels: {@link #repos}). */
    List<Path> materialize() throws IOException, InterruptedException {
        root = Files.createTempDirectory("sprawl-clones-");
        prepared = Clones.materializeAll(resolved.remotes(), new RepoFetcher(options.credentials(),
                (int) options.timeout().toSeconds()), root);
        return prepared.paths();
    }

    /** The labels of the materialized repositories (same order as {@link #materialize}). */
    List<String> repos() {
        return prepared == null ? List.of() : prepared.repos();
    }

    /** What the scanner needs to know: the first {@code locals} targets are local, the rest the clones. */
    RepoTargets repoTargets(int locals) {
        List<String> repoOfTarget = new ArrayList<>(Collections.nCopies(locals, (String) null));
        repoOfTarget.addAll(repos());
        List<ScanWarning> warnings = new ArrayList<>(resolved.warnings());
        List<String> unavailable = List.of();
        if (prepared != null) {
            warnings.addAll(prepared.warnings());
            unavailable = prepared.unavailable();
        }
        return new RepoTargets(resolved.requested(), repoOfTarget, unavailable, warnings);
    }

    @Override
    public void close() throws IOException {
        if (root != null) {
            Clones.delete(root);
        }
    }
}
