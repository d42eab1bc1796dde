package dev.sprawl.source.git;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.TaskGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.Inflater;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;

/**
 * Reads blobs in the given order (delta families, see {@link DeltaFamilies}) on the pipeline's workers
 * and hands each to the sink once, with all its provenances. One runner per worker thread, each with
 * its own {@link org.eclipse.jgit.lib.ObjectReader} on the shared repository instance; runners take
 * chunks of whole families in turn, so a blob stored as a delta is built from its base's kept bytes.
 */
final class BlobScan {

    /** Blobs per chunk a runner takes at once. */
    static final int CHUNK_BLOBS = 512;
    /** Families longer than this many chunks are cut (see {@link #chunks}). */
    static final int MAX_FAMILY_CHUNKS = 8;
    /** Git LFS pointers are small text files that start with this line. */
    static final byte[] LFS_POINTER = "version https://git-lfs.github.com/spec/v1\n".getBytes(StandardCharsets.US_ASCII);
    /** Largest Git LFS pointer file. */
    static final int MAX_LFS_POINTER_BYTES = 1024;
    /** Most bytes of base blobs kept for their dependents at once; beyond it dependents are read by JGit. */
    static final long MAX_BASES_BYTES = MemoryBudget.BASES_BYTES;
    /** Largest base blob kept. */
    static final int MAX_BASE_BYTES = 8 * 1024 * 1024;
    /** Largest array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Largest blob built into a thread's reused buffer. */
    static final int MAX_REUSED_BYTES = 4 * 1024 * 1024;

    private final Path target;
    private final Repository repo;
    private final SourceContext ctx;
    private final Problems problems;
    private final Function<BlobNode, List<Provenance>> provenances;
    private final Function<BlobNode, String> firstPath;
    private final Set<ObjectId> unread = Collections.newSetFromMap(new ConcurrentHashMap<>());
    /** Bytes of blobs whose dependents are still to come: their deltas are applied to these. */
    private final ConcurrentHashMap<BlobNode, byte[]> bases = new ConcurrentHashMap<>();
    private final AtomicLong basesBytes = new AtomicLong();

    BlobScan(Path target, Repository repo, SourceContext ctx, Problems problems, Function<BlobNode, List<Provenance>> provenances,
             Function<BlobNode, String> firstPath) {
        this.target = target;
        this.repo = repo;
        this.ctx = ctx;
        this.problems = problems;
        this.provenances = provenances;
        this.firstPath = firstPath;
    }

    /** Blobs that were not scanned (unreadable or too large). Valid after {@link #run}. */
    Set<ObjectId> unread() {
        return unread;
    }

    /**
     * Reads the blobs in the order given, chunk by chunk on each worker.
     *
     * @param deltas where packed blobs' deltas are read (for incremental detection), or null
     */
    void run(List<BlobNode> order, PackDeltas deltas) throws InterruptedException {
        int[] each = new int[order.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = i + 1;
        }
        run(order, each, deltas);
    }

    /**
     * Reads the blobs family by family ({@link DeltaFamilies}): a chunk a worker takes holds whole
     * families only, so a blob's base is read by the same worker just before it and is still kept.
     *
     * @param familyEnds exclusive end index of each family in {@code order}, increasing
     * @param deltas where packed blobs' deltas are read (for incremental detection), or null
     */
    void run(List<BlobNode> order, int[] familyEnds, PackDeltas deltas) throws InterruptedException {
        if (order.isEmpty()) {
            return;
        }
        int[] chunkEnds = chunks(familyEnds, CHUNK_BLOBS);
        int runners = ctx.workers() instanceof ThreadPoolExecutor tpe ? tpe.getCorePoolSize()
                : Runtime.getRuntime().availableProcessors();
        runners = Math.max(1, Math.min(runners, chunkEnds.length));
        AtomicInteger next = new AtomicInteger();
        TaskGroup tasks = new TaskGroup(ctx.workers(), e -> ctx.sink().warn(new ScanWarning("internal-error",
                "unexpected " + e.getClass().getSimpleName() + " while reading git objects", null, true)));
        for (int r = 0; r < runners; r++) {
            tasks.submit(() -> runChunks(order, chunkEnds, next, deltas));
        }
        tasks.await();
    }

    /**
     * Chunk ends: whole families, at least {@code size} blobs a chunk (the last may hold fewer). A
     * family of more than {@link #MAX_FAMILY_CHUNKS} chunks' worth is cut into pieces of that many
     * blobs so that one file's long history does not keep a single worker busy while the others wait;
     * the few blobs after a cut whose base lies before it are read through JGit instead (same bytes).
     */
    static int[] chunks(int[] familyEnds, int size) {
        if (familyEnds.length == 0) {
            return new int[0];
        }
        int piece = size * MAX_FAMILY_CHUNKS;
        // every chunk but the last holds at least size blobs
        int[] out = new int[familyEnds[familyEnds.length - 1] / size + 1];
        int n = 0;
        int start = 0;
        int familyStart = 0;
        for (int i = 0; i < familyEnds.length; i++) {
            for (int cut = familyStart + piece; cut < familyEnds[i]; cut += piece) {
                if (cut - start >= size) {
                    out[n++] = cut;
                    start = cut;
                }
            }
            if (familyEnds[i] - start >= size || i == familyEnds.length - 1) {
                out[n++] = familyEnds[i];
                start = familyEnds[i];
            }
            familyStart = familyEnds[i];
        }
        return Arrays.copyOf(out, n);
    }

    private void runChunks(List<BlobNode> order, int[] chunkEnds, AtomicInteger next, PackDeltas deltas) {
        byte[][] buffer = {new byte[0]};
        Inflater inflater = new Inflater();
        try (ObjectAccess access = new ObjectAccess(target, repo)) {
            while (true) {
                int c = next.getAndIncrement();
                if (c >= chunkEnds.length) {
                    return;
                }
                int start = c == 0 ? 0 : chunkEnds[c - 1];
                for (int i = start; i < chunkEnds[c]; i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    scan(access, order.get(i), buffer, deltas, inflater);
                }
            }
        } finally {
            inflater.end();
        }
    }

    private void scan(ObjectAccess access, BlobNode blob, byte[][] buffer, PackDeltas deltas, Inflater inflater) {
        try {
            read(access, blob, buffer, deltas, inflater);
        } finally {
            if (blob.base != null && blob.base.releaseDependent()) {
                ctx.sink().forget(blob.base);
                dropBase(blob.base);
            }
            if (!blob.hasDependents()) {
                ctx.sink().forget(blob); // its dependents may all have come first
                dropBase(blob);
            }
        }
    }

    private void read(ObjectAccess access, BlobNode blob, byte[][] buffer, PackDeltas deltas, Inflater inflater) {
        List<Provenance> where = provenances.apply(blob);
        BlobSink.Recall recalled = ctx.sink().recall(blob.name(), where);
        if (recalled != BlobSink.Recall.UNKNOWN) {
            if (recalled == BlobSink.Recall.RECALLED_LFS_POINTER) {
                warnLfsPointer(blob);
            }
            return; // known from an earlier scan (--cache): neither read nor detected again
        }
        byte[] delta = deltas == null || blob.base == null ? null : deltas.delta(blob, inflater);
        long size = delta == null ? -1 : PackDeltas.targetSize(delta);
        // built here only within the size JGit would load whole and --max-file-size: larger blobs go
        // through load(), which streams them or skips them with a warning
        byte[] base = delta == null || size > Math.min(ctx.maxBlobSize(), SafeGit.STREAM_THRESHOLD)
                ? null : bases.get(blob.base);
        byte[][] built = {null};
        // a blob no other blob derives from is built into this thread's reused buffer: it is not kept,
        // and the sink sees its bytes only during accept (most built blobs; no allocation, no zeroing)
        byte[] into = base == null || blob.hasDependents() ? null : reusable(buffer, size);
        int[] runs = delta == null ? null : PackDeltas.walk(delta, base, built, into);
        if (runs == null && base != null) {
            runs = PackDeltas.runs(delta); // the kept base does not fit: read the blob, but still use the runs
        }
        Content content = null;
        Exception failure = null;
        if (built[0] != null) {
            content = new Content(built[0], (int) size);
        } else {
            try {
                content = load(access, blob, buffer);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        boolean retried = false;
        if (failure != null && access.recover()) {
            retried = true;
            try {
                content = load(access, blob, buffer);
                failure = null;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            unread.add(blob.copy());
            String reason = failure instanceof MissingObjectException ? "missing" : failure.getClass().getSimpleName();
            problems.warn("git-object-unreadable", "blob " + blob.name() + " could not be read (" + reason
                    + (retried ? ", also after reopening the repository" : "") + "): not scanned",
                    firstPath.apply(blob), true, "objects could not be read");
            return;
        }
        if (content == Content.TOO_LARGE) {
            unread.add(blob.copy());
            return;
        }
        if (isLfsPointer(content.data, content.length)) {
            warnLfsPointer(blob);
        }
        keepBase(blob, content, buffer[0]);
        ctx.sink().accept(new Blob(content.data, content.length, where,
                blob.hasDependents() ? blob : null, runs == null ? null : new Blob.Derivation(blob.base, runs)));
    }

    /**
     * The thread's reused buffer, grown to hold {@code size} bytes when that is at most
     * {@link #MAX_REUSED_BYTES}; null for larger blobs (they get an array of their own).
     */
    private static byte[] reusable(byte[][] buffer, long size) {
        if (size > buffer[0].length) {
            if (size > MAX_REUSED_BYTES) {
                return null;
            }
            buffer[0] = new byte[(int) Math.min(MAX_REUSED_BYTES, Math.max(size, 2L * buffer[0].length))];
        }
        return buffer[0];
    }

    private void warnLfsPointer(BlobNode blob) {
        problems.warn("lfs-pointer", "Git LFS pointer: the pointer was scanned, the content it stands for is "
                + "stored outside the repository and was not fetched", firstPath.apply(blob), false,
                "Git LFS pointers were met");
    }

    /** True when the bytes are a Git LFS pointer file. */
    static boolean isLfsPointer(byte[] data, int length) {
        return length <= MAX_LFS_POINTER_BYTES && startsWith(data, length, LFS_POINTER);
    }

    /**
     * Keeps a blob's bytes while blobs stored as deltas of it are still to come, within the budget
     * (never the reused buffer large blobs are streamed into).
     */
    private void keepBase(BlobNode blob, Content content, byte[] reused) {
        byte[] data = content.data;
        if (!blob.hasDependents() || data == reused || content.length != data.length || data.length > MAX_BASE_BYTES) {
            return;
        }
        if (basesBytes.addAndGet(data.length) > MAX_BASES_BYTES || bases.putIfAbsent(blob, data) != null) {
            basesBytes.addAndGet(-data.length);
            return;
        }
        if (!blob.hasDependents()) {
            dropBase(blob); // the last dependent finished meanwhile
        }
    }

    private void dropBase(BlobNode blob) {
        byte[] data = bases.remove(blob);
        if (data != null) {
            basesBytes.addAndGet(-data.length);
        }
    }

    private record Content(byte[] data, int length) {
        static final Content TOO_LARGE = new Content(new byte[0], 0);
    }

    private Content load(ObjectAccess access, BlobNode blob, byte[][] buffer) throws IOException {
        long max = Math.min(ctx.maxBlobSize(), MAX_ARRAY);
        // JGit loads objects under its stream threshold whole when opened: look at the size first only
        // when such an object could still be over the limit
        boolean sizeFirst = max < access.reader().getStreamFileThreshold();
        long size = sizeFirst ? access.reader().getObjectSize(blob, Constants.OBJ_BLOB) : -1;
        ObjectLoader loader = size > max ? null : access.reader().open(blob, Constants.OBJ_BLOB);
        if (loader != null) {
            size = loader.getSize();
        }
        if (size > max) {
            problems.warn("file-too-large", "skipped: blob " + blob.name() + " is " + size
                    + " bytes, over the --max-file-size limit of " + ctx.maxBlobSize(), firstPath.apply(blob), true,
                    "blobs were too large");
            return Content.TOO_LARGE;
        }
        if (!loader.isLarge()) {
            byte[] data = loader.getCachedBytes();
            return new Content(data, data.length);
        }
        int n = (int) loader.getSize();
        if (buffer[0].length < n) {
            buffer[0] = new byte[n];
        }
        byte[] buf = buffer[0];
        int read = 0;
        try (InputStream in = loader.openStream()) {
            while (read < n) {
                int r = in.read(buf, read, n - read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
        }
        return new Content(buf, read);
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
