package dev.sprawl.source;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What a source needs from the pipeline.
 *
 * @param target      the scan target as given on the command line
 * @param workers     the pipeline's worker pool; sources submit blob-reading tasks to it
 * @param sink        receives blobs and warnings
 * @param excludes    glob patterns ({@code --exclude}) matched against target-relative paths
 * @param maxBlobSize largest blob read in full; bigger ones get a {@code file-too-large} warning
 */
public record SourceContext(
        Path target,
        ExecutorService workers,
        BlobSink sink,
        List<String> excludes,
        long maxBlobSize) {
}
