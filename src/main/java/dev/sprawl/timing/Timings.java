package dev.sprawl.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall and CPU time per pipeline phase ({@code --timings}), summed over every thread that worked in
 * the phase. Each thread keeps a small stack of the phases it is in: entering a phase charges the
 * time since the last change to the phase below it, so every nanosecond goes to the innermost phase
 * and nested phases (detection inside object reading) are never counted twice. Tasks a source submits
 * to the worker pool run in the phase they were submitted from ({@link #carry}).
 *
 * <p>One scan at a time is timed: {@link #start} makes an instance the active one for every thread
 * until {@link #stop}. With no active instance every call is a field read and a shared no-op scope.
 * The cost when active is two {@code System.nanoTime} and two thread-CPU reads per phase change,
 * a few per blob, never per byte.
 */
public final class Timings {

    /** The phases, in pipeline order; {@link #key} is the JSON name. */
    public enum Phase {
        STARTUP("startup"),
        REMOTES("remotes"),
        COMMIT_GRAPH("commitGraph"),
        HISTORY_INDEX("historyIndex"),
        READ("read"),
        DETECTION("detection"),
        ANALYZERS("analyzers"),
        CLASSIFICATION("classification"),
        INVENTORY("inventory"),
        REPORT("report");

        private final String key;

        Phase(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** One phase's figures; {@code wallMs} and {@code cpuMs} are summed over threads. */
    public record PhaseTime(String phase, long wallMs, long cpuMs, long bytes) {
    }

    /** A phase entered on this thread; closing it returns to the phase it was entered from. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final Scope NONE = () -> { };
    private static final int PHASES = Phase.values().length;
    private static volatile Timings active;
    private static final ThreadLocal<State> STATE = new ThreadLocal<>();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpu;
    private final List<State> states = Collections.synchronizedList(new ArrayList<>());
    private final long[] extraWall = new long[PHASES];
    private final long[] extraCpu = new long[PHASES];

    public Timings() {
        boolean supported = threads.isCurrentThreadCpuTimeSupported();
        if (supported && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        this.cpu = supported;
    }

    /** Makes this the instance every thread reports to, and records the JVM's start-up as {@code startup}. */
    public void start() {
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpuNs = cpu ? threads.getCurrentThreadCpuTime() : 0;
        synchronized (extraWall) {
            extraWall[Phase.STARTUP.ordinal()] += uptimeMs * 1_000_000L;
            extraCpu[Phase.STARTUP.ordinal()] += cpuNs;
        }
        active = this;
    }

    /** No thread reports to this instance any more. */
    public void stop() {
        if (active == this) {
            active = null;
        }
    }

    /** Enters {@code phase} on the calling thread (a no-op when nothing is timed or {@code phase} is null). */
    public static Scope enter(Phase phase) {
        Timings t = active;
        if (t == null || phase == null) {
            return NONE;
        }
        State s = STATE.get();
        if (s == null || s.owner != t) {
            s = new State(t);
            STATE.set(s);
            t.states.add(s);
        }
        s.push(phase.ordinal());
        return s;
    }

    /** The phase the calling thread is in, for tasks it hands to other threads; null when nothing is timed. */
    public static Phase carry() {
        Timings t = active;
        if (t == null) {
            return null;
        }
        State s = STATE.get();
        return s == null || s.owner != t || s.depth == 0 ? null : Phase.values()[s.stack[s.depth - 1]];
    }

    /** Counts bytes a phase saw (once per blob or file, by the stage that owns it). */
    public static void bytes(Phase phase, long n) {
        Timings t = active;
        if (t == null) {
            return;
        }
        State s = STATE.get();
        if (s == null || s.owner != t) {
            s = new State(t);
            STATE.set(s);
            t.states.add(s);
        }
        s.bytes[phase.ordinal()] += n;
    }

    /** Whether a scan is being timed now. */
    public static boolean on() {
        return active != null;
    }

    /** Every phase that saw time or bytes, in pipeline order, summed over threads. */
    public List<PhaseTime> phases() {
        long[] wall = new long[PHASES];
        long[] cpuNs = new long[PHASES];
        long[] bytes = new long[PHASES];
        synchronized (extraWall) {
            for (int i = 0; i < PHASES; i++) {
                wall[i] += extraWall[i];
                cpuNs[i] += extraCpu[i];
            }
        }
        synchronized (states) {
            for (State s : states) {
                synchronized (s) {
                    for (int i = 0; i < PHASES; i++) {
                        wall[i] += s.wall[i];
                        cpuNs[i] += s.cpu[i];
                        bytes[i] += s.bytes[i];
                    }
                }
            }
        }
        List<PhaseTime> out = new ArrayList<>();
        for (Phase p : Phase.values()) {
            int i = p.ordinal();
            if (wall[i] > 0 || bytes[i] > 0) {
                out.add(new PhaseTime(p.key(), wall[i] / 1_000_000L, cpuNs[i] / 1_000_000L, bytes[i]));
            }
        }
        out.add(new PhaseTime(TOTAL, ManagementFactory.getRuntimeMXBean().getUptime(), processCpuMs(), 0));
        return out;
    }

    /** The last entry: elapsed time since the JVM started and the whole process's CPU (JIT and GC included). */
    public static final String TOTAL = "total";

    private static long processCpuMs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? 0 : ns / 1_000_000L;
        }
        return 0;
    }

    /** The phases as the JSON block: phase → {wallMs, cpuMs, bytes}. */
    public Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (PhaseTime p : phases()) {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("wallMs", p.wallMs());
            m.put("cpuMs", p.cpuMs());
            m.put("bytes", p.bytes());
            out.put(p.phase(), m);
        }
        return out;
    }

    /** The phases as a short text table (for stderr with table output). */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%-16s %10s %10s %14s%n", "phase", "wall ms", "cpu ms",
                "bytes"));
        for (PhaseTime p : phases()) {
            sb.append(String.format("%-16s %10d %10d %14d%n", p.phase(), p.wallMs(), p.cpuMs(), p.bytes()));
        }
        return sb.toString();
    }

    /** One thread's phase stack and its totals per phase (nanoseconds). */
    private static final class State implements Scope {
        final Timings owner;
        final long[] wall = new long[PHASES];
        final long[] cpu = new long[PHASES];
        final long[] bytes = new long[PHASES];
        int[] stack = new int[16];
        int depth;
        long lastWall;
        long lastCpu;

        State(Timings owner) {
            this.owner = owner;
        }

        private void charge() {
            long w = System.nanoTime();
            long c = owner.cpu ? owner.threads.getCurrentThreadCpuTime() : 0;
            if (depth > 0) {
                int p = stack[depth - 1];
                synchronized (this) {
                    wall[p] += w - lastWall;
                    cpu[p] += c - lastCpu;
                }
            }
            lastWall = w;
            lastCpu = c;
        }

        void push(int phase) {
            charge();
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = phase;
        }

        @Override
        public void close() {
            if (depth > 0) {
                charge();
                depth--;
            }
        }
    }
}
