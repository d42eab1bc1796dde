package dev.sprawl.source.image;

import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.TaskGroup;
import dev.sprawl.source.archive.ArchiveExpander;
import dev.sprawl.source.archive.ArchiveLimits;
import dev.sprawl.source.archive.BudgetExceededException;
import dev.sprawl.source.archive.CountingInputStream;
import dev.sprawl.source.archive.ExpansionBudget;
import dev.sprawl.source.archive.Format;
import dev.sprawl.source.archive.GuardedInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one layer as a stream — plain, gzip or zstd tar, told apart by magic bytes whatever the
 * media type says — and hands every file version in it to the sink, each with one provenance per
 * image position the layer holds. A file that an upper layer of that image deletes (whiteout,
 * opaque folder) or overwrites is still scanned and says {@code hidden: true} and which layer hid it
 * ({@code hiddenBy}). The layer's bytes are checked against its digest as they stream by.
 */
final class LayerReader {

    /** Files up to this size are scanned on other workers while the layer reads on; bigger ones inline. */
    static final int ASYNC_MAX_BYTES = 1024 * 1024;
    private static final int STREAM_BUFFER = 256 * 1024;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /** One place the layer sits: an image and its index in that image's layers. */
    record Occurrence(ImageSpec image, int position) {
    }

    private final LayerRef layer;
    private final List<Occurrence> occurrences;
    private final Map<String, LayerListing> listings;
    private final SourceContext ctx;
    private final ArchiveLimits limits;
    private final TaskGroup tasks;
    private final String where;

    /**
     * @param listings complete listings of every layer above each occurrence (the scheduler's promise)
     * @param where    the image target, for warnings
     */
    LayerReader(LayerRef layer, List<Occurrence> occurrences, Map<String, LayerListing> listings, SourceContext ctx,
                ArchiveLimits limits, TaskGroup tasks, String where) {
        this.layer = layer;
        this.occurrences = occurrences;
        this.listings = listings;
        this.ctx = ctx;
        this.limits = limits;
        this.tasks = tasks;
        this.where = where;
    }

    private void warn(String code, String message, boolean incomplete) {
        ctx.sink().warn(new ScanWarning(code, "layer " + Digest.shortForm(layer.id()) + ": " + message, where,
                incomplete));
    }

    /**
     * Reads the layer; with {@code scan} false only lists it (to break a cycle of layers above each
     * other in different images). Never throws for bad input: it warns and returns what it listed.
     */
    LayerListing read(boolean scan) {
        LayerListing listing = new LayerListing();
        InputStream raw;
        try {
            raw = layer.opener().open();
        } catch (NoSuchFileException e) {
            warn("blob-missing", "blob is missing; not scanned", true);
            return listing;
        } catch (IOException | RuntimeException e) {
            warn("blob-unreadable", "blob could not be opened: " + e.getClass().getSimpleName(), true);
            return listing;
        }
        try (raw) {
            readStream(raw, listing, scan);
        } catch (IOException e) {
            // closing failed: nothing left to do
        }
        return listing;
    }

    /**
     * Lists an uncompressed layer from its tar headers without scanning anything (cheap: no
     * decompression), so that the layers below it need not wait for it; null when the layer is
     * compressed or cannot be listed (it is then listed when it is read).
     */
    LayerListing listIfPlain() {
        try (InputStream raw = layer.opener().open()) {
            BufferedInputStream in = new BufferedInputStream(raw, STREAM_BUFFER);
            if (peek(in).format() != Format.TAR) {
                return null;
            }
            LayerListing listing = new LayerListing();
            TarArchiveInputStream tin = new TarArchiveInputStream(in);
            TarArchiveEntry e;
            while ((e = tin.getNextEntry()) != null) {
                String path = LayerListing.normalise(e.getName());
                if (path != null) {
                    listing.add(path, e.isDirectory());
                }
            }
            return listing;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void readStream(InputStream raw, LayerListing listing, boolean scan) {
        MessageDigest rawHash = layer.verify() != null && !layer.diffId() ? Digest.streamHasher(layer.verify()) : null;
        CountingInputStream counted = new CountingInputStream(rawHash != null ? new DigestInputStream(raw, rawHash) : raw);
        ExpansionBudget budget = new ExpansionBudget(limits);
        MessageDigest tarHash = layer.verify() != null && layer.diffId() ? Digest.streamHasher(layer.verify()) : null;
        boolean whole = false;
        try {
            BufferedInputStream in = new BufferedInputStream(counted, STREAM_BUFFER);
            Head head = peek(in);
            Format format = head.format();
            checkMediaType(format);
            InputStream tar = in;
            if (format != null && format.compressed()) {
                tar = new BufferedInputStream(new GuardedInputStream(format.decoder(in), budget, counted::count),
                        STREAM_BUFFER);
                head = peek(tar);
                format = head.format();
            } else {
                tar = new GuardedInputStream(in, budget, null);
            }
            if (tarHash != null) {
                // buffered above the hasher: the tar reader's 512-byte reads would each be a native call
                tar = new BufferedInputStream(new DigestInputStream(tar, tarHash), STREAM_BUFFER);
            }
            if (format != Format.TAR && head.length() > 0) {
                if (scan) {
                    notATar(tar);
                }
            } else {
                entries(new TarArchiveInputStream(tar), listing, scan, budget);
            }
            tar.transferTo(OutputSink.INSTANCE);
            in.transferTo(OutputSink.INSTANCE);
            whole = true;
        } catch (BudgetExceededException e) {
            warn("archive-budget", "layer only partly scanned: " + e.getMessage(), true);
        } catch (IOException | RuntimeException e) {
            warn("layer-truncated", "layer truncated or corrupt, scanned what could be read: "
                    + e.getClass().getSimpleName(), true);
        }
        if (whole) {
            check(rawHash);
            check(tarHash);
        }
    }

    /** The first bytes of a stream, read without consuming them. */
    private record Head(byte[] bytes, int length) {
        Format format() {
            return Format.sniff(bytes, length);
        }
    }

    private static Head peek(InputStream in) throws IOException {
        byte[] head = new byte[Format.SNIFF_BYTES];
        in.mark(Format.SNIFF_BYTES);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        return new Head(head, n);
    }

    private void check(MessageDigest hash) {
        if (hash == null) {
            return;
        }
        String actual = Digest.algorithm(layer.verify()) + ":" + HexFormat.of().formatHex(hash.digest());
        if (!actual.equals(layer.verify())) {
            warn("digest-mismatch", "content does not match its digest" + (layer.diffId() ? " (diff id)" : "")
                    + ": the image may have been tampered with", true);
        }
    }

    private void checkMediaType(Format format) {
        String mt = layer.mediaType();
        if (mt == null) {
            return;
        }
        String m = mt.toLowerCase(Locale.ROOT);
        boolean saysGzip = m.endsWith("gzip");
        boolean saysZstd = m.endsWith("zstd");
        boolean saysTar = m.endsWith(".tar") || m.contains(".tar+") || m.contains("diff.tar");
        boolean fits = format == Format.GZIP ? saysGzip : format == Format.ZSTD ? saysZstd
                : format == Format.TAR ? saysTar && !saysGzip && !saysZstd : !saysTar;
        if (!fits) {
            warn("media-type-mismatch", "declared " + ImageJson.shown(mt) + " but the content is "
                    + (format == null ? "not a tar" : format.name().toLowerCase(Locale.ROOT)) + "; read by its content",
                    false);
        }
    }

    /** A layer that is not a tar (an artifact, an attestation): its bytes are scanned as one blob. */
    private void notATar(InputStream in) throws IOException {
        long max = ctx.maxBlobSize();
        byte[] data = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (data.length > max) {
            warn("file-too-large", "non-tar layer over the --max-file-size limit; not scanned", true);
            return;
        }
        List<Provenance> provs = new ArrayList<>();
        for (Occurrence o : occurrences) {
            TreeMap<String, Object> d = new TreeMap<>(o.image().details());
            d.put("layer", layer.id());
            d.put(Provenance.CONTEXT, "container");
            provs.add(new Provenance("image", layer.id(), d));
        }
        ctx.sink().accept(new Blob(data, data.length, provs));
    }

    private void entries(TarArchiveInputStream tin, LayerListing listing, boolean scan, ExpansionBudget budget)
            throws IOException {
        TarArchiveEntry e;
        while ((e = tin.getNextEntry()) != null) {
            String path = LayerListing.normalise(e.getName());
            if (path == null || listing.add(path, e.isDirectory()) || !scan || !ArchiveExpander.regular(e)) {
                continue;
            }
            budget.entry();
            if (e.getSize() > ctx.maxBlobSize()) {
                ctx.sink().warn(new ScanWarning("file-too-large", "skipped: " + e.getSize()
                        + " bytes is over the --max-file-size limit of " + ctx.maxBlobSize() + " (layer "
                        + Digest.shortForm(layer.id()) + ")", "/" + path, true));
                continue;
            }
            byte[] buf = BUFFER.get();
            if (buf.length < e.getSize()) {
                buf = new byte[(int) e.getSize()];
                if (buf.length <= ASYNC_MAX_BYTES * 8) {
                    BUFFER.set(buf);
                }
            }
            int n = tin.readNBytes(buf, 0, (int) e.getSize());
            List<Provenance> provs = provenances(path);
            if (n < e.getSize()) {
                deliver(buf, n, provs);
                throw new java.io.EOFException("layer ends inside " + path);
            }
            deliver(buf, n, provs);
        }
    }

    private void deliver(byte[] buf, int n, List<Provenance> provs) {
        if (n <= ASYNC_MAX_BYTES) {
            byte[] copy = Arrays.copyOf(buf, n);
            tasks.submit(() -> ctx.sink().accept(new Blob(copy, n, provs)));
        } else {
            ctx.sink().accept(new Blob(buf, n, provs));
        }
    }

    private List<Provenance> provenances(String path) {
        List<Provenance> out = new ArrayList<>(occurrences.size());
        String[] ancestors = LayerListing.ancestors(path);
        for (Occurrence o : occurrences) {
            TreeMap<String, Object> d = new TreeMap<>(o.image().details());
            d.put("layer", layer.id());
            String hiddenBy = hiddenBy(o, path, ancestors);
            d.put("hidden", hiddenBy != null);
            if (hiddenBy != null) {
                d.put("hiddenBy", hiddenBy);
            }
            d.put(Provenance.CONTEXT, "container");
            out.add(new Provenance("image", "/" + path, d));
        }
        return out;
    }

    /** The lowest layer above this occurrence that deletes or overwrites {@code path}, or null. */
    private String hiddenBy(Occurrence o, String path, String[] ancestors) {
        List<LayerRef> stack = o.image().layers();
        for (int j = o.position() + 1; j < stack.size(); j++) {
            String id = stack.get(j).id();
            if (id.equals(layer.id())) {
                return id;
            }
            LayerListing above = listings.get(id);
            if (above != null && above.hides(path, ancestors)) {
                return id;
            }
        }
        return null;
    }

    /** Discards bytes (draining a stream to check its digest). */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
