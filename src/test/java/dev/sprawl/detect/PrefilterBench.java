package dev.sprawl.detect;

import dev.sprawl.bench.MatcherBench;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keyword prefilter alone ({@link KeywordMatcher}) with every keyword of the built-in catalogue,
 * over the text files under a folder loaded in memory, on one thread: MiB per CPU-second of the
 * thread (a busy machine does not distort it), best of the rounds. Not a test: run it with
 * bench/prefilter.sh.
 */
public final class PrefilterBench {

    private static long sink;

    private PrefilterBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PrefilterBench DIR [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<byte[]> blobs = MatcherBench.load(Path.of(args[0]));
        long total = blobs.stream().mapToLong(b -> b.length).sum();
        RuleSet rules = RuleCatalog.load(RuleCatalog.builtinSources());
        LinkedHashSet<String> keywords = new LinkedHashSet<>();
        for (var rule : rules.rules()) {
            keywords.addAll(rule.keywords());
        }
        KeywordMatcher matcher = new KeywordMatcher(new ArrayList<>(keywords));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf("corpus: %d files, %.1f MiB; keywords: %d%n", blobs.size(), total / 1048576.0, keywords.size());
        double best = 0;
        long hits = 0;
        for (int r = 0; r < rounds; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            sink = 0;
            for (byte[] b : blobs) {
                matcher.scan(b, b.length, (k, end) -> sink++);
            }
            hits = sink;
            double secs = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            best = Math.max(best, total / 1048576.0 / secs);
        }
        System.out.printf("keyword occurrences: %d; best: %.0f MiB per CPU-second%n", hits, best);
    }
}
