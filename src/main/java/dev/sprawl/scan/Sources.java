package dev.sprawl.scan;

import dev.sprawl.source.Source;
import dev.sprawl.source.fs.FileSystemSource;
import dev.sprawl.source.image.ImageReference;
import dev.sprawl.source.image.ImageSource;
import dev.sprawl.source.image.RegistrySource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Chooses the source for a scan target. Each kind of target (directory, git repository, container
 * image, ...) adds its case here; the first that recognises the target wins.
 */
final class Sources {

    private Sources() {
    }

    /**
     * @param label the target as given on the command line ({@code registry://...} has no path)
     */
    static Source forTarget(Path target, String label, ScanRequest request) throws IOException {
        if (ImageReference.isRegistryTarget(label)) {
            return new RegistrySource(label, request.images(), request.archives());
        }
        Source image = ImageSource.open(target, label, request.images(), request.archives());
        if (image != null) {
            return image;
        }
        return new FileSystemSource();
    }
}
