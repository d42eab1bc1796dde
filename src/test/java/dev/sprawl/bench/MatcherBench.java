package dev.sprawl.bench;

import dev.sprawl.detect.Detection;
import dev.sprawl.detect.Detector;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.source.TextSniffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Matcher throughput on one core: loads the text files under a folder into memory, then runs the
 * detection engine (prefilter + windowed confirm + filters) with the full built-in catalogue over
 * them, single-threaded, and prints MiB per second of the thread's CPU time (so a busy machine
 * does not distort it). Not a test: run it with bench/matcher.sh.
 */
public final class MatcherBench {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private MatcherBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MatcherBench DIR [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<byte[]> blobs = load(Path.of(args[0]));
        long total = blobs.stream().mapToLong(b -> b.length).sum();
        RuleSet rules = RuleCatalog.load(RuleCatalog.builtinSources());
        Detector detector = new Detector(rules);
        Detector.Session session = detector.newSession();
        System.out.printf("corpus: %d files, %.1f MiB; rules: %d%n", blobs.size(), total / 1048576.0, rules.size());
        for (int warm = 0; warm < 2; warm++) {
            run(session, blobs);
        }
        double best = 0;
        long matches = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            matches = run(session, blobs);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            double mibs = total / 1048576.0 / cpu;
            best = Math.max(best, mibs);
            System.out.printf("round %d: %.3f s wall, %.3f s cpu, %.1f MiB/s per cpu-second, %d matches%n",
                    r + 1, secs, cpu, mibs, matches);
        }
        System.out.printf("best: %.1f MiB/s per core%n", best);
        if (Boolean.getBoolean("bench.leads")) {
            for (var rule : rules.rules()) {
                System.out.printf("lead %5d width %5d  %s%n", rule.keywordLead(), rule.maxWidth(), rule.id());
            }
        }
        if (Boolean.getBoolean("bench.perRule")) {
            perRule(rules, blobs);
        }
    }

    /** Time of each rule alone over the corpus, slowest first: finds the rules that dominate. */
    private static void perRule(RuleSet rules, List<byte[]> blobs) {
        List<String> lines = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        for (var rule : rules.rules()) {
            Detector.Session one = new Detector(new RuleSet(List.of(rule))).newSession();
            run(one, blobs);
            long c0 = CPU.getCurrentThreadCpuTime();
            long m = run(one, blobs);
            double ms = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            times.add(new double[] {ms, lines.size()});
            lines.add(String.format("%8.1f ms  %5d matches  %s %s", ms, m, rule.id(), rule.keywords()));
        }
        times.sort((a, b) -> Double.compare(b[0], a[0]));
        for (int i = 0; i < Math.min(25, times.size()); i++) {
            System.out.println(lines.get((int) times.get(i)[1]));
        }
    }

    private static long run(Detector.Session session, List<byte[]> blobs) {
        long n = 0;
        for (byte[] b : blobs) {
            Detection d = session.detect(b, b.length);
            n += d.matches().size();
        }
        return n;
    }

    /** The text files under {@code dir} (not under .git, up to 20 MB each), read into memory. */
    public static List<byte[]> load(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.toString().contains("/.git/") || !Files.isRegularFile(p) || Files.size(p) > 20_000_000) {
                    continue;
                }
                byte[] b = Files.readAllBytes(p);
                if (!TextSniffer.isBinary(b, b.length)) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}
