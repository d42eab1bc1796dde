package dev.sprawl.source.fs;

import dev.sprawl.source.Blob;
import dev.sprawl.source.ChannelReads;
import dev.sprawl.source.PathGlobs;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.Source;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.TaskGroup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;

/**
 * Every regular file under a directory (or one file), dotfiles and git-ignored files included.
 * Symbolic links are never followed, FIFOs, sockets and devices are never opened, and {@code .git}
 * folders are left to the git source except {@code .git/config} (remote URLs carry credentials).
 * Files are read in parallel on the pipeline's workers, one reusable buffer per thread.
 */
public final class FileSystemSource implements Source {

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    @Override
    public void scan(SourceContext ctx) throws IOException, InterruptedException {
        Path root = ctx.target();
        PathGlobs excludes = new PathGlobs(ctx.excludes());
        TaskGroup tasks = new TaskGroup(ctx.workers(), e -> ctx.sink().warn(new ScanWarning("internal-error",
                "unexpected " + e.getClass().getSimpleName() + " while reading a file", null, true)));
        BasicFileAttributes rootAttrs = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (rootAttrs.isRegularFile()) {
            String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
            submit(ctx, tasks, root, name, rootAttrs.size());
        } else {
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                    new Walker(ctx, tasks, root, excludes));
        }
        tasks.await();
    }

    private final class Walker implements FileVisitor<Path> {
        private final SourceContext ctx;
        private final TaskGroup tasks;
        private final Path root;
        private final PathGlobs excludes;

        Walker(SourceContext ctx, TaskGroup tasks, Path root, PathGlobs excludes) {
            this.ctx = ctx;
            this.tasks = tasks;
            this.root = root;
            this.excludes = excludes;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            String rel = relative(root, dir);
            if (excludes.matches(rel)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (dir.getFileName().toString().equals(".git")) {
                Path config = dir.resolve("config");
                try {
                    BasicFileAttributes a = Files.readAttributes(config, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        submit(ctx, tasks, config, rel + "/config", a.size());
                    }
                } catch (IOException ignored) {
                    // no config: nothing to scan there
                }
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE; // symlinks are not followed; FIFOs and devices never opened
            }
            String rel = relative(root, file);
            if (!excludes.matches(rel)) {
                submit(ctx, tasks, file, rel, attrs.size());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            ctx.sink().warn(new ScanWarning("unreadable", "cannot read: " + reason(exc), relative(root, file), true));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                ctx.sink().warn(new ScanWarning("unreadable", "cannot list folder: " + reason(exc),
                        relative(root, dir), true));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    private static void submit(SourceContext ctx, TaskGroup tasks, Path file, String rel, long size) {
        if (size > ctx.maxBlobSize()) {
            ctx.sink().warn(new ScanWarning("file-too-large",
                    "skipped: " + size + " bytes is over the --max-file-size limit of " + ctx.maxBlobSize(), rel, true));
            return;
        }
        long memory = memoryPerFile();
        if (size > memory) {
            // a --max-file-size above what the heap holds: reading would run out of memory
            ctx.sink().warn(new ScanWarning("file-too-large", "skipped: " + size + " bytes is more than the "
                    + memory + " bytes of memory a file may take (a quarter of the heap; SPRAWL_JAVA_OPTS=-Xmx...)",
                    rel, true));
            return;
        }
        tasks.submit(() -> read(ctx, file, rel));
    }

    /** Largest file read into memory: a quarter of the heap (workers read in parallel; detection needs room too). */
    static long memoryPerFile() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /** Largest read buffer a worker keeps for the next file; a larger one is dropped after its file. */
    private static final int KEPT_BUFFER_BYTES = 8 * 1024 * 1024;

    private static void read(SourceContext ctx, Path file, String rel) {
        byte[] buf = BUFFER.get();
        int n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                if (n == buf.length) {
                    if (n > ctx.maxBlobSize()) {
                        ctx.sink().warn(new ScanWarning("file-too-large",
                                "skipped: grew over the --max-file-size limit of " + ctx.maxBlobSize() + " bytes while read",
                                rel, true));
                        return;
                    }
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, (long) buf.length * 2));
                    BUFFER.set(buf);
                }
                int r = ChannelReads.read(ch, buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            ctx.sink().warn(new ScanWarning("unreadable", "cannot read: " + reason(e), rel, true));
            return;
        }
        try {
            ctx.sink().accept(new Blob(buf, n, List.of(Provenance.file(rel))));
        } finally {
            if (buf.length > KEPT_BUFFER_BYTES) {
                BUFFER.remove();
            }
        }
    }

    static String relative(Path root, Path p) {
        Path r = root.relativize(p);
        StringBuilder sb = new StringBuilder();
        for (Path part : r) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    private static String reason(IOException e) {
        String simple = e.getClass().getSimpleName();
        return simple.equals("IOException") && e.getMessage() != null ? e.getMessage() : simple;
    }
}
