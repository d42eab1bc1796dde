package dev.sprawl.scan;

import dev.sprawl.classify.Finding;
import dev.sprawl.detect.DetectProblem;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.source.ScanWarning;
import java.util.List;
import java.util.Map;

/**
 * What scanning one blob produced, apart from where the blob was found, so that it can be remembered
 * under the blob's content id ({@link ResultCache}) and replayed for any set of provenances without
 * reading the blob again.
 *
 * @param binary   the blob was skipped as binary (it counts in {@code stats.binarySkipped} only)
 * @param bytes    the bytes it counts in {@code stats.bytes} (after UTF-16 conversion)
 * @param lfsPointer the blob is a Git LFS pointer file (the git source warns about it)
 * @param problems detection problems of the blob, reported at its first path
 * @param paths    per {@link #key(String, String) key} (source and path): what the blob yields there
 */
public record BlobResult(boolean binary, long bytes, boolean lfsPointer, List<DetectProblem> problems,
                         Map<String, PathResult> paths) {

    public BlobResult {
        problems = List.copyOf(problems);
        paths = Map.copyOf(paths);
    }

    /** The key of the place a blob was found: its provenance's source and path. */
    public static String key(String source, String path) {
        return source + "\u0000" + path;
    }

    /**
     * What a blob yields at one path, with locations whose details hold only what the analyzers added
     * (the provenance's own details are laid under them when replayed).
     *
     * @param owners     metadata owners by index into {@code findings}
     * @param warnings   analysis warnings for this path
     */
    public record PathResult(List<Finding> findings, Map<Integer, Owner> owners,
                             List<SecretReference.Sighting> references, List<ScanWarning> warnings) {

        public PathResult {
            findings = List.copyOf(findings);
            owners = Map.copyOf(owners);
            references = List.copyOf(references);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * What one unchanged target (a bare repository whose refs did not move) contributes to a scan, with
     * its locations as reported: replayed instead of walking its history again.
     *
     * @param owners metadata owners by index into {@code findings}
     * @param counts {@code blobs}, {@code bytes}, {@code commits}, {@code binarySkipped}
     */
    public record TargetResult(List<Finding> findings, Map<Integer, Owner> owners,
                               List<SecretReference.Sighting> references, List<ScanWarning> warnings,
                               Map<String, Long> counts) {

        public TargetResult {
            findings = List.copyOf(findings);
            owners = Map.copyOf(owners);
            references = List.copyOf(references);
            warnings = List.copyOf(warnings);
            counts = Map.copyOf(counts);
        }
    }
}
