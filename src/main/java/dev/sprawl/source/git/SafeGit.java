package dev.sprawl.source.git;

import java.io.File;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.SystemReader;

/**
 * The JVM-wide JGit settings sprawl needs, installed once.
 * <ul>
 *   <li>No system, user or JGit configuration is read: finding the system configuration makes JGit run
 *       the {@code git} executable, and user configuration has no say in what a scan reads. Only the
 *       scanned repository's own config is parsed, and sprawl never acts on anything in it that runs
 *       a program (hooks, filters, fsmonitor are only used by commands sprawl does not call).</li>
 *   <li>{@code include.path} in the scanned repository's config is never followed ({@link #fs}): JGit
 *       would read the named file whole, and {@code /dev/zero} ran the scan out of memory, a FIFO
 *       would block it, and any file of the machine would be parsed as configuration.</li>
 *   <li>File timestamps are never measured: JGit would write probe files into the scanned repository.</li>
 *   <li>A window cache sized for reading whole packs (RESEARCH §3): 64 KiB mmap windows, a packed
 *       limit that holds the scanned packs, a delta-base cache per reader sized from the heap limit.</li>
 * </ul>
 */
final class SafeGit {

    /** Pack window size. */
    static final int WINDOW_BYTES = 64 * 1024;
    /** Delta base cache of each reader: a share of the heap ({@link MemoryBudget}). */
    static final int DELTA_BASE_CACHE_BYTES = MemoryBudget.DELTA_BASE_CACHE_BYTES;
    /** Upper bound of mapped pack bytes (keeps the resident set bounded on huge repositories). */
    static final long MAX_PACKED_LIMIT = MemoryBudget.JGIT_MAPPED_BYTES;
    /** Lower bound of mapped pack bytes (JGit's default). */
    static final long MIN_PACKED_LIMIT = 10L * 1024 * 1024;
    /** Blobs over this size are streamed by JGit rather than loaded (JGit's default, 50 MiB). */
    static final int STREAM_THRESHOLD = 50 * 1024 * 1024;
    /** What JGit is told about file timestamp resolution instead of measuring it. */
    private static final long TIMESTAMP_RESOLUTION_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static boolean readerInstalled;
    private static long installedLimit;

    private SafeGit() {
    }

    /** Installs the configuration-free system reader; call before any JGit use. */
    static synchronized void init() {
        if (!readerInstalled) {
            SystemReader.setInstance(new NoConfigReader(SystemReader.getInstance()));
            readerInstalled = true;
        }
    }

    /** The file system view repositories are opened with: JGit's, except that config includes are not found. */
    static FS fs() {
        return FS.DETECTED instanceof FS_POSIX ? new NoIncludeFs() : FS.DETECTED;
    }

    /**
     * JGit's POSIX file system, except that a path resolved for a config include names no file (JGit
     * then skips the include, as it does a missing one).
     */
    private static final class NoIncludeFs extends FS_POSIX {
        /** A path no file system holds (a NUL), so {@link File#exists()} is false. */
        private static final File NOWHERE = new File("sprawl-never-includes\0");

        @Override
        public FS newInstance() {
            return new NoIncludeFs();
        }

        @Override
        public File resolve(File dir, String name) {
            boolean include = StackWalker.getInstance().walk(frames -> frames.limit(4)
                    .anyMatch(f -> f.getMethodName().equals("readIncludedConfig")));
            return include ? NOWHERE : super.resolve(dir, name);
        }
    }

    /** Makes sure the window cache can map {@code packBytes} of packs at once. */
    static synchronized void sizeCacheFor(long packBytes) {
        init();
        long limit = Math.max(MIN_PACKED_LIMIT, Math.min(MAX_PACKED_LIMIT, packBytes + 2L * WINDOW_BYTES));
        if (installedLimit >= limit) {
            return;
        }
        WindowCacheConfig c = new WindowCacheConfig();
        c.setPackedGitWindowSize(WINDOW_BYTES);
        c.setPackedGitLimit(limit);
        c.setPackedGitMMAP(true);
        c.setDeltaBaseCacheLimit(DELTA_BASE_CACHE_BYTES);
        c.setStreamFileThreshold(STREAM_THRESHOLD);
        c.install();
        installedLimit = limit;
    }

    /** Delegates everything but configuration files, which are empty and never saved. */
    private static final class NoConfigReader extends SystemReader.Delegate {
        NoConfigReader(SystemReader delegate) {
            super(delegate);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
        }
    }

    /** A configuration with no file: loads nothing, saves nothing, knows the timestamp resolution. */
    private static final class EmptyConfig extends FileBasedConfig {
        EmptyConfig(Config parent, FS fs) {
            super(parent, (File) null, fs);
        }

        @Override
        public void load() {
            // nothing to load
        }

        @Override
        public void save() {
            // never written
        }

        @Override
        public boolean isOutdated() {
            return false;
        }

        @Override
        public long getTimeUnit(String section, String subsection, String name, long defaultValue,
                                TimeUnit wantUnit) {
            if ("filesystem".equals(section) && "timestampResolution".equals(name)) {
                return wantUnit.convert(TIMESTAMP_RESOLUTION_NANOS, TimeUnit.NANOSECONDS);
            }
            return super.getTimeUnit(section, subsection, name, defaultValue, wantUnit);
        }
    }
}
