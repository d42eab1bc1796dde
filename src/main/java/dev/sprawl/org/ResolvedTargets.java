package dev.sprawl.org;

import dev.sprawl.source.ScanWarning;
import java.util.List;

/**
 * The targets of a scan once organisation selectors are listed.
 *
 * @param requested what the user gave (arguments and {@code --targets-from} lines), in order
 * @param locals    local paths and {@code registry://} references, as given, in order
 * @param remotes   remote repositories, one per label, sorted by label
 * @param warnings  problems met while listing (a selector's API failed, rate limits...)
 */
public record ResolvedTargets(List<String> requested, List<String> locals, List<RemoteTarget> remotes,
                              List<ScanWarning> warnings) {

    public ResolvedTargets {
        requested = List.copyOf(requested);
        locals = List.copyOf(locals);
        remotes = List.copyOf(remotes);
        warnings = List.copyOf(warnings);
    }

    /** What {@code --list-targets} prints: every local target and repository label, sorted. */
    public List<String> names() {
        java.util.TreeSet<String> out = new java.util.TreeSet<>(locals);
        remotes.forEach(r -> out.add(r.repo()));
        return List.copyOf(out);
    }
}
