package dev.sprawl.inventory;

import dev.sprawl.source.ScanWarning;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * The result of a scan (schema {@code sprawl-inventory/1}): what was scanned and one entry per
 * distinct secret.
 *
 * @param complete false when any warning says something may have been missed
 * @param stats      counters such as {@code blobs}, {@code bytes}, {@code commits}, {@code rules}
 * @param references the named credentials consumed without being contained (by name and kind)
 * @param resolved   secrets of the {@code --baseline} no longer found, or null without a baseline
 * @param repos      the repositories of an organisation scan, sorted by label (empty otherwise)
 */
public record Inventory(
        List<String> targets,
        Instant startedAt,
        Instant finishedAt,
        boolean complete,
        List<ScanWarning> warnings,
        SortedMap<String, Long> stats,
        List<SecretEntry> secrets,
        List<SecretReference> references,
        List<ResolvedSecret> resolved,
        List<RepoSummary> repos) {

    public static final String SCHEMA = "sprawl-inventory/1";

    public Inventory {
        targets = List.copyOf(targets);
        warnings = List.copyOf(warnings);
        secrets = List.copyOf(secrets);
        references = List.copyOf(references);
        resolved = resolved == null ? null : List.copyOf(resolved);
        repos = repos == null ? List.of() : List.copyOf(repos);
    }

    /** An inventory without a baseline comparison or repositories. */
    public Inventory(List<String> targets, Instant startedAt, Instant finishedAt, boolean complete,
                     List<ScanWarning> warnings, SortedMap<String, Long> stats, List<SecretEntry> secrets,
                     List<SecretReference> references) {
        this(targets, startedAt, finishedAt, complete, warnings, stats, secrets, references, null, List.of());
    }

    /** This inventory with governed secrets, more warnings and the baseline comparison. */
    public Inventory governed(List<SecretEntry> governedSecrets, List<ScanWarning> allWarnings,
                              List<ResolvedSecret> resolvedSecrets) {
        return new Inventory(targets, startedAt, finishedAt, complete, allWarnings, stats, governedSecrets,
                references, resolvedSecrets, repos);
    }

    /** An inventory without references. */
    public Inventory(List<String> targets, Instant startedAt, Instant finishedAt, boolean complete,
                     List<ScanWarning> warnings, SortedMap<String, Long> stats, List<SecretEntry> secrets) {
        this(targets, startedAt, finishedAt, complete, warnings, stats, secrets, List.of());
    }
}
