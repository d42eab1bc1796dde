package dev.sprawl.source.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.FuzzContract;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.archive.ArchiveLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets over container images: index, manifest and config JSON walked by {@link ManifestWalker}
 * and read by {@link ConfigBlobs}, layer listings ({@link LayerListing}), and whole image archives
 * ({@code docker save} and OCI tars through {@link ImageSource}). Nothing throws but the declared
 * IOException; warnings never repeat the canary planted in config values and file contents.
 */
class ImageFuzzTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(2, 500, 8L * 1024 * 1024, 200);
    private static Path dir;
    private static ExecutorService workers;

    @BeforeAll
    static void seeds() throws IOException {
        TestImages.Image image = new TestImages.Image();
        image.env.add("API_TOKEN=@@");
        image.labels.put("maintainer", "ops");
        image.cmd.add("run");
        image.layer(new TestArchives.Tar().file("etc/app.env", "secret=@@\n").file("etc/.wh.old", "")
                .dir("var/.wh..wh..opq"), "COPY app.env /etc/");
        TestImages.Layout layout = new TestImages.Layout();
        ObjectNode descriptor = layout.manifest(image);
        layout.add(descriptor, "app:1");
        byte[] index = layout.indexJson();
        byte[] manifest = layout.blobs.get(descriptor.get("digest").asText());
        byte[] config = image.config();
        FuzzContract.seeds(ImageFuzzTest.class, "manifests", FuzzContract.seedsOf(
                "oci", FuzzContract.join(index, manifest, config, image.compressed(0)),
                "manifest-only", FuzzContract.join(manifest, manifest, config),
                "bad-digests", FuzzContract.join(TestArchives.utf8(
                        "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:../../etc/passwd\"},"
                                + "{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"platform\":{\"os\":\"linux\"}}]}"),
                        config)));
        FuzzContract.seeds(ImageFuzzTest.class, "layerListing", FuzzContract.seedsOf(
                "names", "etc/app.env\n./etc/.wh.app.env\nvar/.wh..wh..opq\n/abs/../x\nvar/lib/y\n\u00e9/\u0007"));
        FuzzContract.seeds(ImageFuzzTest.class, "imageArchive", FuzzContract.seedsOf(
                "docker-save", TestImages.dockerSave(image, "app:1"),
                "oci-archive", TestImages.ociArchive(image, "app:1")));
        dir = Files.createTempDirectory("sprawl-fuzz-image");
        workers = Executors.newFixedThreadPool(1);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        workers.shutdownNow();
        Files.deleteIfExists(dir.resolve("image.tar"));
        Files.deleteIfExists(dir);
    }

    /** Input: up to four documents; every digest a document names resolves to one of them. */
    @FuzzTest
    void manifests(byte[] data) {
        byte[][] docs = FuzzContract.split(FuzzContract.plant(data), 4);
        List<ScanWarning> warnings = new ArrayList<>();
        Sink sink = new Sink(warnings);
        ManifestWalker walker = new ManifestWalker("fuzz-image", null, warnings::add) {
            @Override
            byte[] manifest(String digest, int max) {
                return pick(docs, digest, max);
            }

            @Override
            byte[] blob(String digest, int max) {
                return pick(docs, digest, max);
            }

            @Override
            LayerRef.Opener layer(String digest) {
                return () -> new ByteArrayInputStream(pick(docs, digest, Integer.MAX_VALUE));
            }
        };
        FuzzContract.call(() -> {
            walker.document(docs[0], null, "index", null, null, 0);
            for (ImageSpec spec : walker.images()) {
                ConfigBlobs.scan(spec, sink);
            }
            return null;
        });
        FuzzContract.bounded("images", walker.images().size(), 4L * data.length + 1);
        check(warnings);
    }

    private static byte[] pick(byte[][] docs, String digest, int max) {
        byte[] d = docs[Character.digit(digest.charAt(digest.length() - 1), 16) % docs.length];
        return d.length > max ? java.util.Arrays.copyOf(d, max) : d;
    }

    /** Input: entry names, one a line; whiteout bookkeeping never throws. */
    @FuzzTest
    void layerListing(byte[] data) {
        String[] names = new String(data, StandardCharsets.UTF_8).split("\n", -1);
        LayerListing listing = new LayerListing();
        FuzzContract.call(() -> {
            for (String n : names) {
                String path = LayerListing.normalise(n);
                if (path != null && !path.isEmpty()) {
                    listing.add(path, n.endsWith("/"));
                }
            }
            for (String n : names) {
                String path = LayerListing.normalise(n);
                if (path != null) {
                    listing.hides(path);
                }
            }
            return null;
        });
    }

    /** Input: a whole image archive, scanned as {@code sprawl scan image.tar} would. */
    @FuzzTest
    void imageArchive(byte[] data) throws IOException {
        Path file = dir.resolve("image.tar");
        Files.write(file, FuzzContract.plant(data));
        List<ScanWarning> warnings = new ArrayList<>();
        Sink sink = new Sink(warnings);
        FuzzContract.call(() -> {
            ImageSource source = ImageSource.open(file, "image.tar", ImageOptions.DEFAULTS, LIMITS);
            if (source != null) {
                source.scan(new SourceContext(dir, workers, sink, List.of(), 1024 * 1024));
            }
            return null;
        }, IOException.class);
        FuzzContract.bounded("blobs", sink.blobs, LIMITS.maxEntries() * 4 + 16);
        check(warnings);
    }

    private static void check(List<ScanWarning> warnings) {
        synchronized (warnings) {
            for (ScanWarning w : warnings) {
                FuzzContract.noCanary("warning " + w.code(), w.message());
                FuzzContract.bounded("warning chars", w.message().length(), FuzzContract.MAX_MESSAGE_CHARS);
            }
        }
    }

    private static final class Sink implements BlobSink {
        private final List<ScanWarning> warnings;
        long blobs;

        Sink(List<ScanWarning> warnings) {
            this.warnings = warnings;
        }

        @Override
        public synchronized void accept(Blob blob) {
            blobs++;
        }

        @Override
        public void warn(ScanWarning warning) {
            synchronized (warnings) {
                warnings.add(warning);
            }
        }
    }
}
