package dev.sprawl.cli;

import dev.sprawl.scan.ScanProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The live line on stderr during a scan: phase, targets, commits, blobs, bytes, rate, elapsed time
 * and, when several targets are scanned, an estimate of what is left. Redrawn in place
 * ({@code CR}, erase line) a few times a second and erased when the scan ends, so nothing of it is
 * left in the terminal's scrollback.
 */
final class ProgressLine implements ScanProgress.Listener {

    static final long REFRESH_MS = 250;
    /** Longest line drawn, so it does not wrap on a narrow terminal. */
    static final int MAX_WIDTH = 100;
    private static final String ERASE = "\r\u001b[K";

    private final PrintWriter err;
    private final LongSupplier nanos;
    private final boolean schedule;
    private ScheduledExecutorService timer;
    private volatile ScanProgress progress;
    private long startNanos;
    private boolean drawn;

    /**
     * @param nanos    the clock (System::nanoTime)
     * @param schedule redraw on a timer thread; false: only at start, end and {@link #tick()} (tests)
     */
    ProgressLine(PrintWriter err, LongSupplier nanos, boolean schedule) {
        this.err = err;
        this.nanos = nanos;
        this.schedule = schedule;
    }

    @Override
    public synchronized void started(ScanProgress p) {
        progress = p;
        startNanos = nanos.getAsLong();
        tick();
        if (schedule) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sprawl-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Draws the line once. */
    synchronized void tick() {
        ScanProgress p = progress;
        if (p == null) {
            return;
        }
        String line = render(p.snapshot(), Duration.ofNanos(nanos.getAsLong() - startNanos));
        err.print(ERASE + (line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH - 1) + "…" : line));
        err.flush();
        drawn = true;
    }

    @Override
    public synchronized void finished() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        progress = null;
        if (drawn) {
            err.print(ERASE);
            err.flush();
            drawn = false;
        }
    }

    static String render(ScanProgress.Snapshot s, Duration elapsed) {
        StringBuilder sb = new StringBuilder("sprawl: ").append(s.phase().equals("scan") ? "scanning" : s.phase());
        if (s.targets() > 1) {
            sb.append(" · target ").append(Math.min(s.targets(), s.targetsDone() + 1)).append('/').append(s.targets());
        }
        if (s.commits() > 0) {
            sb.append(" · ").append(group(s.commits())).append(s.commits() == 1 ? " commit" : " commits");
        }
        sb.append(" · ").append(group(s.blobs())).append(s.blobs() == 1 ? " blob" : " blobs");
        sb.append(" · ").append(bytes(s.bytes()));
        double seconds = elapsed.toMillis() / 1000.0;
        if (seconds >= 0.5) {
            sb.append(" · ").append(bytes((long) (s.bytes() / seconds))).append("/s");
        }
        sb.append(" · ").append(clock(elapsed.getSeconds()));
        if (s.targets() > 1 && s.targetsDone() > 0 && s.targetsDone() < s.targets() && s.phase().equals("scan")) {
            long left = elapsed.getSeconds() * (s.targets() - s.targetsDone()) / s.targetsDone();
            sb.append(" · ~").append(clock(left)).append(" left");
        }
        return sb.toString();
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
