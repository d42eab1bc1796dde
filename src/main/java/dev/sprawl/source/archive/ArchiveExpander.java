package dev.sprawl.source.archive;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Expands archives in memory: zip (jar, war, ear, apk...), tar, gzip, tar.gz, zstd and tar.zst,
 * recognised by their magic bytes, nested down to {@link ArchiveLimits#maxDepth()}. Every regular
 * member becomes a blob whose paths are the archive's paths plus {@code !member/name}; members that
 * are archives themselves are expanded in turn. Nothing is ever written to disk: member names,
 * including {@code ../} and absolute ones, and links are labels only, never file system paths.
 *
 * <p>Budgets ({@link ArchiveLimits}) hold for a whole top-level archive with everything nested in
 * it; a hit budget, a truncated or corrupt member, an unreadable entry is a warning that makes the
 * scan incomplete, and the rest of the input is still scanned.
 */
public final class ArchiveExpander {

    /** Largest buffer a worker thread keeps between archives. */
    private static final int KEPT_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int FIRST_BUFFER_BYTES = 64 * 1024;

    private final ArchiveLimits limits;
    private final long maxMemberSize;
    private final ThreadLocal<byte[][]> buffers;

    /**
     * @param maxMemberSize largest member read into memory (the {@code --max-file-size} limit); bigger
     *                      ones are skipped with a {@code file-too-large} warning
     */
    public ArchiveExpander(ArchiveLimits limits, long maxMemberSize) {
        this.limits = limits;
        this.maxMemberSize = Math.min(maxMemberSize, Integer.MAX_VALUE - 16);
        this.buffers = ThreadLocal.withInitial(() -> new byte[limits.maxDepth() + 2][]);
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /**
     * Expands {@code blob} when it is an archive: its members go to {@code out} (archives among them
     * are expanded here, the others are handed to {@code out.accept}).
     *
     * @return true when the blob was an archive and has been dealt with; false when it is not one (or
     *         could not be opened at all), so the caller scans it as it is
     */
    public boolean expand(Blob blob, BlobSink out) {
        Format format = Format.sniff(blob.data(), blob.length());
        if (format == null) {
            return false;
        }
        if (limits.maxDepth() == 0) {
            out.warn(new ScanWarning("archive-depth", "archive not expanded: --max-archive-depth is 0",
                    firstPath(blob.provenances()), true));
            return false;
        }
        Run run = new Run(out, new ExpansionBudget(limits));
        try {
            return run.archive(blob.data(), blob.length(), blob.provenances(), format, 1);
        } catch (BudgetExceededException e) {
            out.warn(new ScanWarning("archive-budget", "archive only partly scanned: " + e.getMessage(),
                    firstPath(blob.provenances()), true));
            return true;
        } finally {
            byte[][] kept = buffers.get();
            for (int i = 0; i < kept.length; i++) {
                if (kept[i] != null && kept[i].length > KEPT_BUFFER_BYTES) {
                    kept[i] = null;
                }
            }
        }
    }

    static String firstPath(List<Provenance> provenances) {
        return provenances.isEmpty() ? null : provenances.get(0).path();
    }

    /** True for member names that would leave an extraction folder: {@code ..} parts, absolute paths. */
    static boolean unsafeName(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** One top-level expansion: its budget, its warnings. */
    private final class Run {
        private final BlobSink out;
        private final ExpansionBudget budget;

        Run(BlobSink out, ExpansionBudget budget) {
            this.out = out;
            this.budget = budget;
        }

        private void warn(String code, String message, String path, boolean incomplete) {
            out.warn(new ScanWarning(code, message, path, incomplete));
        }

        /** Expands one archive held in {@code data}; false when it could not be opened at all. */
        boolean archive(byte[] data, int length, List<Provenance> at, Format format, int depth)
                throws BudgetExceededException {
            String where = firstPath(at);
            try {
                switch (format) {
                    case ZIP:
                        return zip(data, length, at, depth);
                    case TAR:
                        tar(new TarArchiveInputStream(new ByteArrayInputStream(data, 0, length)), at, depth);
                        return true;
                    default:
                        return compressed(data, length, at, format, depth);
                }
            } catch (BudgetExceededException e) {
                if (e.whole()) {
                    throw e;
                }
                warn("archive-budget", "archive only partly scanned: " + e.getMessage(), where, true);
                return true;
            }
        }

        private boolean compressed(byte[] data, int length, List<Provenance> at, Format format, int depth)
                throws BudgetExceededException {
            String where = firstPath(at);
            CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(data, 0, length));
            InputStream in;
            byte[] head = new byte[Format.SNIFF_BYTES];
            int headLength;
            try {
                in = new BufferedInputStream(new GuardedInputStream(format.decoder(raw), budget, raw::count),
                        FIRST_BUFFER_BYTES);
                in.mark(Format.SNIFF_BYTES);
                headLength = in.readNBytes(head, 0, head.length);
                in.reset();
            } catch (BudgetExceededException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                warn("archive-corrupt", format.name().toLowerCase(java.util.Locale.ROOT)
                        + " data could not be decoded: " + reason(e), where, true);
                return false;
            }
            if (Format.sniff(head, headLength) == Format.TAR) {
                tar(new TarArchiveInputStream(in), at, depth);
            } else {
                budget.entry();
                member(singleMemberName(where), in, at, depth);
            }
            return true;
        }

        private void tar(TarArchiveInputStream tin, List<Provenance> at, int depth) throws BudgetExceededException {
            String where = firstPath(at);
            while (true) {
                TarArchiveEntry e;
                try {
                    e = tin.getNextEntry();
                } catch (BudgetExceededException ex) {
                    throw ex;
                } catch (IOException | RuntimeException ex) {
                    warn("archive-truncated", "tar archive truncated or corrupt, scanned what could be read: "
                            + reason(ex), where, true);
                    return;
                }
                if (e == null) {
                    return;
                }
                if (!regular(e)) {
                    continue; // folders, links, devices: names only, nothing to read
                }
                budget.entry();
                if (!member(e.getName(), tin, at, depth)) {
                    warn("archive-truncated", "tar archive truncated or corrupt, scanned what could be read",
                            where, true);
                    return;
                }
            }
        }

        private boolean zip(byte[] data, int length, List<Provenance> at, int depth) throws BudgetExceededException {
            byte[] exact = data.length == length ? data : Arrays.copyOf(data, length);
            ZipFile zip;
            try {
                zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(exact))
                        .setZstdInputStreamFactory(Format.ZSTD::decoder).get();
            } catch (IOException | RuntimeException e) {
                return zipStream(data, length, at, depth);
            }
            String where = firstPath(at);
            try (zip) {
                List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
                for (ZipArchiveEntry e : entries) {
                    if (e.isDirectory() || e.isUnixSymlink()) {
                        continue;
                    }
                    budget.entry();
                    if (!zip.canReadEntryData(e)) {
                        warn("archive-member-unreadable", "zip member not scanned: encrypted or unsupported method "
                                + e.getMethod(), where + "!" + e.getName(), true);
                        continue;
                    }
                    long csize = e.getCompressedSize() > 0 ? e.getCompressedSize() : length;
                    try (InputStream in = new GuardedInputStream(zip.getInputStream(e), budget,
                            e.getMethod() == ZipMethod.STORED.getCode() ? null : () -> csize)) {
                        member(e.getName(), in, at, depth);
                    } catch (BudgetExceededException ex) {
                        if (ex.whole()) {
                            throw ex;
                        }
                        warn("archive-budget", "member only partly scanned: " + ex.getMessage(),
                                where + "!" + e.getName(), true);
                    } catch (IOException | RuntimeException ex) {
                        warn("archive-member-unreadable", "zip member could not be read: " + reason(ex),
                                where + "!" + e.getName(), true);
                    }
                }
            } catch (BudgetExceededException e) {
                throw e;
            } catch (IOException e) {
                warn("archive-corrupt", "zip archive could not be closed: " + reason(e), where, false);
            }
            return true;
        }

        /** A zip without a readable central directory (truncated): read its local entries in order. */
        private boolean zipStream(byte[] data, int length, List<Provenance> at, int depth)
                throws BudgetExceededException {
            String where = firstPath(at);
            int found = 0;
            try (ZipArchiveInputStream zin = new ZipArchiveInputStream(new ByteArrayInputStream(data, 0, length),
                    "UTF-8", true, true) {
                @Override
                protected InputStream createZstdInputStream(InputStream in) throws IOException {
                    // the pure-Java decoder, as for ZipFile (the library's default needs native zstd-jni,
                    // which is not on the class path: a zstd member crashed the scan with a LinkageError)
                    return Format.ZSTD.decoder(in);
                }
            }) {
                while (true) {
                    ZipArchiveEntry e = zin.getNextEntry();
                    if (e == null) {
                        break;
                    }
                    found++;
                    if (e.isDirectory() || !zin.canReadEntryData(e)) {
                        continue;
                    }
                    budget.entry();
                    GuardedInputStream in = new GuardedInputStream(zin, budget,
                            e.getMethod() == ZipMethod.STORED.getCode() ? null : () -> zin.getCompressedCount());
                    if (!member(e.getName(), in, at, depth)) {
                        break;
                    }
                }
            } catch (BudgetExceededException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // reported below
            }
            if (found == 0) {
                warn("archive-corrupt", "zip archive could not be read", where, true);
                return false;
            }
            warn("archive-truncated", "zip archive has no readable central directory; scanned the "
                    + found + " member(s) that could be read", where, true);
            return true;
        }

        /**
         * Reads one member into memory and scans it (expanding it when it is an archive).
         *
         * @return false when the member was cut short by corrupt or truncated input (what was read
         *         has been scanned); budget hits are thrown
         */
        private boolean member(String name, InputStream in, List<Provenance> at, int depth)
                throws BudgetExceededException {
            List<Provenance> paths = new ArrayList<>(at.size());
            for (Provenance p : at) {
                paths.add(new Provenance(p.source(), p.path() + "!" + name, p.details()));
            }
            String where = paths.isEmpty() ? name : paths.get(0).path();
            if (unsafeName(name)) {
                warn("archive-unsafe-name", "member name points outside the archive (kept as a label only)",
                        where, false);
            }
            byte[][] kept = buffers.get();
            byte[] buf = kept[depth] != null ? kept[depth] : new byte[FIRST_BUFFER_BYTES];
            int n = 0;
            boolean cut = false;
            BudgetExceededException budgetHit = null;
            try {
                while (true) {
                    if (n == buf.length) {
                        if (n > maxMemberSize) {
                            kept[depth] = buf;
                            warn("file-too-large", "archive member skipped: over the --max-file-size limit of "
                                    + maxMemberSize + " bytes", where, true);
                            return true;
                        }
                        buf = Arrays.copyOf(buf, (int) Math.min(maxMemberSize + 1, (long) buf.length * 2));
                    }
                    int r = in.read(buf, n, buf.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (BudgetExceededException e) {
                budgetHit = e;
            } catch (IOException | RuntimeException e) {
                cut = true;
                warn("archive-truncated", "member truncated or corrupt (" + reason(e) + "); scanned the "
                        + n + " bytes read", where, true);
            }
            kept[depth] = buf;
            deliver(buf, n, paths, depth, cut || budgetHit != null);
            if (budgetHit != null) {
                throw budgetHit;
            }
            return !cut;
        }

        private void deliver(byte[] buf, int n, List<Provenance> paths, int depth, boolean partial)
                throws BudgetExceededException {
            Format nested = partial ? null : Format.sniff(buf, n);
            if (nested != null) {
                if (depth >= limits.maxDepth()) {
                    warn("archive-depth", "nested archive not expanded: deeper than --max-archive-depth "
                            + limits.maxDepth(), firstPath(paths), true);
                } else if (archive(buf, n, paths, nested, depth + 1)) {
                    return;
                }
            }
            out.accept(new Blob(buf, n, paths));
        }
    }

    /** A tar entry with content of its own: not a folder, link, device or FIFO. */
    public static boolean regular(TarArchiveEntry e) {
        return !e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice()
                && !e.isBlockDevice() && !e.isFIFO();
    }

    /** The name of the one member of a compressed file: its own name without the compression suffix. */
    static String singleMemberName(String path) {
        String name = path == null ? "" : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String suffix : new String[] {".gz", ".gzip", ".zst", ".zstd"}) {
            if (lower.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name.isEmpty() ? "content" : name;
    }

    static String reason(Exception e) {
        String simple = e.getClass().getSimpleName();
        String msg = e.getMessage();
        return msg == null || msg.length() > 120 ? simple : simple + ": " + msg;
    }
}
