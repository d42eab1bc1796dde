package dev.sprawl.scan;

import dev.sprawl.inventory.RepoSummary;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.source.git.GitRepos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code repos[]} of an organisation scan: what the sink counted while each repository was scanned
 * (targets are scanned one after another), its HEAD, and the secrets with a location in it; the
 * repositories that could not be cloned are listed as incomplete.
 */
final class RepoLedger {

    /** The sink's counters when a repository's scan started. */
    record Start(String repo, long blobs, long commits, long incomplete) {
    }

    private final RepoTargets repos;
    private final List<RepoSummary> counted = new ArrayList<>();

    RepoLedger(RepoTargets repos) {
        this.repos = repos;
    }

    /** Null for a local target (no {@code repo}). */
    Start start(String repo, Scanner.Sink sink) {
        return repo == null ? null : new Start(repo, sink.blobs.sum(), sink.commits.sum(), sink.incompleteWarnings.sum());
    }

    void finish(Start s, Scanner.Sink sink, Path target) {
        if (s != null) {
            counted.add(new RepoSummary(s.repo(), GitRepos.headCommit(target), sink.commits.sum() - s.commits(),
                    sink.blobs.sum() - s.blobs(), 0, sink.incompleteWarnings.sum() == s.incomplete()));
        }
    }

    /** Each repository with its counts, then those not available, sorted by label; empty without repositories. */
    List<RepoSummary> summaries(List<SecretEntry> secrets) {
        if (!repos.any()) {
            return List.of();
        }
        Map<String, Long> secretsPerRepo = new HashMap<>();
        for (SecretEntry s : secrets) {
            s.locations().stream().map(l -> l.details().get("repo")).filter(Objects::nonNull).map(Object::toString)
                    .distinct().forEach(r -> secretsPerRepo.merge(r, 1L, Long::sum));
        }
        TreeMap<String, RepoSummary> out = new TreeMap<>();
        for (RepoSummary c : counted) {
            out.put(c.repo(), new RepoSummary(c.repo(), c.head(), c.commits(), c.blobs(),
                    secretsPerRepo.getOrDefault(c.repo(), 0L), c.complete()));
        }
        for (String r : repos.unavailable()) {
            out.putIfAbsent(r, new RepoSummary(r, null, 0, 0, 0, false));
        }
        return new ArrayList<>(out.values());
    }
}
