package dev.sprawl.source.image;

import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.Source;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.archive.ArchiveLimits;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An image pulled from a registry ({@code registry://HOST[:PORT]/NAME[:TAG|@DIGEST]}) over the OCI
 * distribution API. Layers stream from the network into the scan; nothing is written to disk.
 */
public final class RegistrySource implements Source {

    private final ImageReference ref;
    private final String label;
    private final ImageOptions options;
    private final ArchiveLimits limits;
    private final Map<String, String> env;
    private final Path home;

    public RegistrySource(String label, ImageOptions options, ArchiveLimits limits) {
        this(label, options, limits, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    RegistrySource(String label, ImageOptions options, ArchiveLimits limits, Map<String, String> env, Path home) {
        this.ref = ImageReference.parse(label);
        this.label = label;
        this.options = options;
        this.limits = limits;
        this.env = env;
        this.home = home;
    }

    @Override
    public void scan(SourceContext ctx) throws InterruptedException {
        RegistryClient client = new RegistryClient(ref, options.plainHttp(),
                RegistryCredentials.find(ref.host(), env, home));
        RegistryClient.Document root;
        try {
            root = client.manifest(ref.manifestReference(), ImageJson.MAX_MANIFEST_BYTES);
        } catch (NoSuchFileException e) {
            ctx.sink().warn(new ScanWarning("image-not-found", "the registry has no image " + ref, label, true));
            return;
        } catch (IOException e) {
            ctx.sink().warn(new ScanWarning("registry-unreachable", "cannot pull " + ref + ": "
                    + (e.getMessage() != null && e.getClass() == IOException.class ? e.getMessage()
                    : e.getClass().getSimpleName()), label, true));
            return;
        }
        Walker walker = new Walker(client, label, options.platform(), ctx);
        String expected = ref.digest() != null ? ref.digest() : root.digest();
        if (Digest.valid(expected)) {
            walker.checkDigest(root.data(), expected, "manifest");
        }
        walker.document(root.data(), root.mediaType(), ref.toString(), null, ref.digest() == null ? ref.tag() : null, 0);
        List<ImageSpec> images = walker.images();
        new ImageScanner(ctx, limits, label, false).scan(images);
    }

    private static final class Walker extends ManifestWalker {
        private final RegistryClient client;

        Walker(RegistryClient client, String image, String platform, SourceContext ctx) {
            super(image, platform, ctx.sink()::warn);
            this.client = client;
        }

        @Override
        byte[] manifest(String digest, int max) throws IOException {
            return client.manifest(digest, max).data();
        }

        @Override
        byte[] blob(String digest, int max) throws IOException {
            return client.blob(digest, max);
        }

        @Override
        LayerRef.Opener layer(String digest) {
            return () -> client.blob(digest);
        }
    }
}
