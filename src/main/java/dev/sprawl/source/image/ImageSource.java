package dev.sprawl.source.image;

import dev.sprawl.source.Source;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.archive.ArchiveLimits;
import dev.sprawl.source.archive.Format;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A container image on disk: a {@code docker save} archive (classic {@code manifest.json} or the OCI
 * layout newer Docker writes), an OCI image layout folder, or an OCI archive. The archive is read in
 * place; nothing is extracted.
 */
public final class ImageSource implements Source {

    private final FileTree tree;
    private final String label;
    private final ImageOptions options;
    private final ArchiveLimits limits;

    private ImageSource(FileTree tree, String label, ImageOptions options, ArchiveLimits limits) {
        this.tree = tree;
        this.label = label;
        this.options = options;
        this.limits = limits;
    }

    /**
     * The image source for {@code target} when it is an image layout folder or archive, else null.
     * Only the layout's own files are looked at to decide.
     */
    public static ImageSource open(Path target, String label, ImageOptions options, ArchiveLimits limits)
            throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(target.resolve(LocalLayout.OCI_MARKER), LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(target.resolve(LocalLayout.OCI_INDEX), LinkOption.NOFOLLOW_LINKS)) {
                return new ImageSource(new DirTree(target), label, options, limits);
            }
            return null;
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || !isTar(target)) {
            return null;
        }
        TarTree tree;
        try {
            tree = new TarTree(target);
        } catch (IOException e) {
            return null;
        }
        if (LocalLayout.isLayout(tree)) {
            return new ImageSource(tree, label, options, limits);
        }
        tree.close();
        return null;
    }

    private static boolean isTar(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(Format.SNIFF_BYTES);
            return Format.sniff(head, head.length) == Format.TAR;
        }
    }

    @Override
    public void scan(SourceContext ctx) throws IOException, InterruptedException {
        try (tree) {
            if (tree instanceof TarTree t && t.duplicates() > 0) {
                ctx.sink().warn(new dev.sprawl.source.ScanWarning("archive-duplicate-names", t.duplicates()
                        + " file name(s) occur more than once in the image archive; the last copy was used", label,
                        false));
            }
            List<ImageSpec> images = LocalLayout.images(tree, label, options.platform(), ctx.sink()::warn);
            new ImageScanner(ctx, limits, label, true).scan(images);
        }
    }
}
