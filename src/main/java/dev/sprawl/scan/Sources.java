package dev.sprawl.scan;

import dev.sprawl.source.Source;
import dev.sprawl.source.fs.FileSystemSource;
import dev.sprawl.source.git.GitRepos;
import dev.sprawl.source.git.GitSource;
import java.nio.file.Path;

/**
 * Chooses the source for a scan target. Each kind of target (directory, git repository, container
 * image, ...) adds its case here; the first that recognises the target wins.
 */
final class Sources {

    private Sources() {
    }

    static Source forTarget(Path target, ScanRequest request) {
        if (GitRepos.isRepository(target)) {
            return new GitSource(request.git());
        }
        return new FileSystemSource();
    }
}
