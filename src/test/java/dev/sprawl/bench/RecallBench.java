package dev.sprawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall and precision on a labelled JSONL corpus ({@code {"id", "name", "kind", "expect", "text"}}
 * a line). Two steps, driven by bench/recall.sh around a real {@code sprawl scan}:
 * <ul>
 *   <li>{@code split JSONL DIR}: writes each line's text to its own file {@code DIR/case-NNNN};</li>
 *   <li>{@code score JSONL REPORT [--misses]}: reads the scan's JSON inventory and prints recall on
 *       the {@code kind: secret, expect: match} lines (a case counts when its file has at least one
 *       finding) and how many {@code expect: no-match} lines were hit, overall and at medium+; a
 *       no-match line whose exact text is also a match line (the corpus labels texts per rule) is
 *       counted apart, since no scanner can both find and miss it.</li>
 * </ul>
 * With {@code --misses} it also lists the ids and names of missed and wrongly hit cases (never their
 * text). Not a test.
 */
public final class RecallBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecallBench() {
    }

    record Case(int index, String id, String name, String kind, boolean expectMatch, String text) {
        String file() {
            return String.format("case-%04d", index);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("split")) {
            split(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length >= 3 && args[0].equals("score")) {
            score(Path.of(args[1]), Path.of(args[2]), args.length > 3 && args[3].equals("--misses"));
        } else {
            System.err.println("usage: RecallBench split JSONL DIR | score JSONL REPORT [--misses]");
            System.exit(2);
        }
    }

    static void split(Path jsonl, Path dir) throws IOException {
        Files.createDirectories(dir);
        int i = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Case c = toCase(++i, n);
                Files.writeString(dir.resolve(c.file()), n.path("text").asText(), StandardCharsets.UTF_8);
            }
        }
    }

    static void score(Path jsonl, Path report, boolean misses) throws IOException {
        List<Case> cases = new ArrayList<>();
        int i = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    cases.add(toCase(++i, JSON.readTree(line)));
                }
            }
        }
        // file -> best confidence found in it (0 none, 1 low, 2 medium, 3 high)
        Map<String, Integer> best = new TreeMap<>();
        Map<String, List<String>> rulesHit = new TreeMap<>();
        JsonNode inv = JSON.readTree(report.toFile());
        for (JsonNode s : inv.path("secrets")) {
            int level = switch (s.path("confidence").asText()) {
                case "high" -> 3;
                case "medium" -> 2;
                default -> 1;
            };
            for (JsonNode loc : s.path("locations")) {
                String path = loc.path("path").asText();
                String file = path.substring(path.lastIndexOf('/') + 1);
                best.merge(file, level, Math::max);
                rulesHit.computeIfAbsent(file, k -> new ArrayList<>()).add(s.path("rule").asText()
                        + "/" + s.path("confidence").asText());
            }
        }
        // a no-match text that is also labelled match elsewhere cannot be both: count it apart
        java.util.Set<String> positives = new java.util.HashSet<>();
        for (Case c : cases) {
            if (c.expectMatch()) {
                positives.add(c.text());
            }
        }
        for (String kind : List.of("secret", "identifier")) {
            int pos = 0;
            int found = 0;
            int foundMedium = 0;
            int neg = 0;
            int negHit = 0;
            int negHitMedium = 0;
            int contradictory = 0;
            int contradictoryHit = 0;
            List<String> missed = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                if (!c.kind().equals(kind)) {
                    continue;
                }
                int level = best.getOrDefault(c.file(), 0);
                String label = c.file() + "  " + c.id() + "  " + c.name();
                if (c.expectMatch()) {
                    pos++;
                    found += level > 0 ? 1 : 0;
                    foundMedium += level >= 2 ? 1 : 0;
                    if (level == 0) {
                        missed.add(label);
                    }
                } else if (positives.contains(c.text())) {
                    contradictory++;
                    contradictoryHit += level > 0 ? 1 : 0;
                } else {
                    neg++;
                    negHit += level > 0 ? 1 : 0;
                    negHitMedium += level >= 2 ? 1 : 0;
                    if (level > 0) {
                        wrong.add(label + "  -> " + rulesHit.get(c.file()));
                    }
                }
            }
            System.out.printf("kind %-10s recall %d/%d = %.1f%% (medium+: %d = %.1f%%)%n", kind, found, pos,
                    pct(found, pos), foundMedium, pct(foundMedium, pos));
            System.out.printf("%16s no-match hit %d/%d (medium+: %d); plus %d/%d no-match whose identical text is"
                    + " also labelled match%n", "", negHit, neg, negHitMedium, contradictoryHit, contradictory);
            if (misses) {
                missed.forEach(m -> System.out.println("  missed: " + m));
                wrong.forEach(m -> System.out.println("  hit:    " + m));
            }
        }
    }

    private static double pct(int a, int b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    private static Case toCase(int index, JsonNode n) {
        return new Case(index, n.path("id").asText(), n.path("name").asText(), n.path("kind").asText("secret"),
                !n.path("expect").asText("match").equals("no-match"), n.path("text").asText());
    }
}
