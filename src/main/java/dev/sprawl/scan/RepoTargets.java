package dev.sprawl.scan;

import dev.sprawl.source.ScanWarning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The remote repositories among a scan's targets (an organisation scan), prepared by {@code dev.sprawl.org}.
 *
 * @param requested    the targets as the user gave them ({@code github:acme}...), written to {@code scan.targets};
 *                     null: the scanned targets' labels
 * @param repoOfTarget per target (same index as {@link ScanRequest#targets}), the repository label, or null
 *                     for a local target; a labelled target's locations carry it as their {@code repo} detail
 * @param unavailable  repositories listed but not scanned (clone failed...): in {@code repos[]} as incomplete
 * @param warnings     problems met before the scan (listing, cloning), added to the scan's warnings
 */
public record RepoTargets(List<String> requested, List<String> repoOfTarget, List<String> unavailable,
                          List<ScanWarning> warnings) {

    public static final RepoTargets NONE = new RepoTargets(null, List.of(), List.of(), List.of());

    public RepoTargets {
        requested = requested == null ? null : List.copyOf(requested);
        repoOfTarget = Collections.unmodifiableList(new ArrayList<>(repoOfTarget));
        unavailable = List.copyOf(unavailable);
        warnings = List.copyOf(warnings);
    }

    /** The repository label of target {@code index}, or null. */
    String repoOf(int index) {
        return index < repoOfTarget.size() ? repoOfTarget.get(index) : null;
    }

    boolean any() {
        return !unavailable.isEmpty() || repoOfTarget.stream().anyMatch(java.util.Objects::nonNull);
    }
}
