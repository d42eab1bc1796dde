package dev.sprawl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores a {@code sprawl scan -f json} report of the corpus against its labels. A labelled secret is
 * found when some finding has a location in its file whose line lies within the label's lines (any
 * rule, any confidence). A false positive is a line of a file that has findings but holds no labelled
 * secret, counted once per line at the best confidence found on it, apart for positive files
 * (unlabelled lines) and negative files; a finding on the line of a labelled identity (an access key
 * id, say) is counted apart, as neither found secret nor false positive. An identity is bound when a finding on its secret's lines
 * lists it in {@code locations[].identity} (same kind, same value ignoring case). Prints tables per
 * format, syntax, value shape, naming style and negative kind, plus totals; {@code --misses} lists
 * missed secrets (file, lines, expected category; never a value) and false-positive lines (file, line,
 * rules).
 */
final class EvalScore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalScore() {
    }

    /** One finding location: its line, confidence (1 low, 2 medium, 3 high), rule and identities. */
    record Hit(int line, int level, String rule, List<String[]> identities) {
    }

    /** Counters of one table row. */
    static final class Row {
        int files;
        int secrets;
        int found;
        int ids;
        int bound;
        int fpLow;
        int fpMed;
        int negLow;
        int negMed;
        int idLine;

        void fp(boolean negative, int level) {
            if (negative) {
                negLow += level == 1 ? 1 : 0;
                negMed += level >= 2 ? 1 : 0;
            } else {
                fpLow += level == 1 ? 1 : 0;
                fpMed += level >= 2 ? 1 : 0;
            }
        }
    }

    /** The score of one corpus: rows per dimension, and the miss and false-positive lists. */
    record Result(Map<String, Map<String, Row>> tables, Row total, List<String> missed, List<String> wrong,
            boolean complete, int warnings) {
    }

    static void score(Path labels, Path report, boolean misses, PrintStream out) throws IOException {
        print(score(JSON.readTree(labels.toFile()), JSON.readTree(report.toFile())), misses, out);
    }

    static Result score(JsonNode labels, JsonNode inv) {
        Map<String, List<Hit>> hits = new HashMap<>();
        for (JsonNode s : inv.path("secrets")) {
            int level = switch (s.path("confidence").asText()) {
                case "high" -> 3;
                case "medium" -> 2;
                default -> 1;
            };
            for (JsonNode loc : s.path("locations")) {
                List<String[]> ids = new ArrayList<>();
                for (JsonNode i : loc.path("identity")) {
                    ids.add(new String[] {i.path("kind").asText(), i.path("value").asText()});
                }
                hits.computeIfAbsent(loc.path("path").asText(), k -> new ArrayList<>())
                        .add(new Hit(loc.path("line").asInt(), level, s.path("rule").asText(), ids));
            }
        }
        Map<String, Map<String, Row>> tables = new LinkedHashMap<>();
        for (String t : List.of("format", "syntax", "shape", "nameStyle", "negative kind")) {
            tables.put(t, new TreeMap<>());
        }
        Row total = new Row();
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (JsonNode f : labels.path("files")) {
            String path = f.path("path").asText();
            boolean negative = f.path("negative").asBoolean();
            List<Hit> fileHits = hits.getOrDefault(path, List.of());
            Row fmt = row(tables, "format", f.path("format").asText());
            fmt.files++;
            total.files++;
            boolean[] labelled = new boolean[maxLine(f, fileHits) + 2];
            java.util.Set<Integer> idLines = new java.util.HashSet<>();
            for (JsonNode s : f.path("secrets")) {
                int from = s.path("from").asInt();
                int to = s.path("to").asInt();
                for (int l = from; l <= to; l++) {
                    labelled[l] = true;
                }
                List<Hit> on = fileHits.stream().filter(h -> h.line() >= from && h.line() <= to).toList();
                List<Row> rows = List.of(fmt, total, row(tables, "syntax", s.path("syntax").asText()),
                        row(tables, "shape", s.path("shape").asText()), row(tables, "nameStyle",
                                s.path("nameStyle").asText()));
                for (Row r : rows) {
                    r.secrets++;
                    r.found += on.isEmpty() ? 0 : 1;
                }
                if (on.isEmpty()) {
                    missed.add(path + ":" + from + (to > from ? "-" + to : "") + "  expected "
                            + s.path("category").asText() + "  (" + s.path("syntax").asText() + ", "
                            + s.path("shape").asText() + ")");
                }
                for (JsonNode id : s.path("identities")) {
                    idLines.add(id.path("line").asInt());
                    boolean bound = on.stream().anyMatch(h -> h.identities().stream().anyMatch(
                            i -> i[0].equals(id.path("kind").asText()) && i[1].equalsIgnoreCase(id.path("value").asText())));
                    for (Row r : rows) {
                        r.ids++;
                        r.bound += bound ? 1 : 0;
                    }
                }
            }
            // false positives: one per line outside every secret label, at the best confidence on it
            Map<Integer, Integer> best = new TreeMap<>();
            Map<Integer, List<String>> rules = new TreeMap<>();
            for (Hit h : fileHits) {
                if (h.line() < labelled.length && labelled[h.line()]) {
                    continue;
                }
                best.merge(h.line(), h.level(), Math::max);
                rules.computeIfAbsent(h.line(), k -> new ArrayList<>()).add(h.rule() + "/" + level(h.level()));
            }
            for (Map.Entry<Integer, Integer> e : best.entrySet()) {
                int line = e.getKey();
                if (!labelled[line] && idLines.contains(line)) {
                    // a finding on the identity's own line (an access key id, a user name): not a secret,
                    // but not noise either; counted apart
                    fmt.idLine++;
                    total.idLine++;
                    wrong.add(path + ":" + line + "  identity line  " + rules.get(line));
                    continue;
                }
                String syntax = "-";
                String kind = negative ? "other line" : "unlabelled line";
                for (JsonNode d : f.path("decoys")) {
                    if (line >= d.path("from").asInt() && line <= d.path("to").asInt()) {
                        syntax = d.path("syntax").asText();
                        kind = d.path("kind").asText();
                    }
                }
                fmt.fp(negative, e.getValue());
                total.fp(negative, e.getValue());
                row(tables, "syntax", syntax).fp(negative, e.getValue());
                row(tables, "negative kind", kind).fp(negative, e.getValue());
                wrong.add(path + ":" + line + "  " + (negative ? "negative file" : "unlabelled") + "  "
                        + rules.get(line));
            }
            for (JsonNode d : f.path("decoys")) {
                row(tables, "negative kind", d.path("kind").asText()).files++;
            }
        }
        return new Result(tables, total, missed, wrong, inv.path("scan").path("complete").asBoolean(true),
                inv.path("scan").path("warnings").size());
    }

    private static int maxLine(JsonNode f, List<Hit> hits) {
        int m = 0;
        for (JsonNode s : f.path("secrets")) {
            m = Math.max(m, s.path("to").asInt());
        }
        for (Hit h : hits) {
            m = Math.max(m, h.line());
        }
        return m;
    }

    private static Row row(Map<String, Map<String, Row>> tables, String table, String key) {
        return tables.get(table).computeIfAbsent(key, k -> new Row());
    }

    private static String level(int l) {
        return l == 3 ? "high" : l == 2 ? "medium" : "low";
    }

    static void print(Result r, boolean misses, PrintStream out) {
        for (Map.Entry<String, Map<String, Row>> t : r.tables().entrySet()) {
            boolean kinds = t.getKey().equals("negative kind");
            out.println();
            if (kinds) {
                out.printf(Locale.ROOT, "%-30s %7s %10s %10s %10s %10s%n", "by negative kind", "decoys", "unl low",
                        "unl med+", "neg low", "neg med+");
                t.getValue().forEach((k, v) -> out.printf(Locale.ROOT, "%-30s %7d %10d %10d %10d %10d%n", k, v.files,
                        v.fpLow, v.fpMed, v.negLow, v.negMed));
                continue;
            }
            header(out, "by " + t.getKey());
            t.getValue().forEach((k, v) -> line(out, k, v, t.getKey().equals("format")));
        }
        out.println();
        header(out, "");
        line(out, "TOTAL", r.total(), true);
        out.printf(Locale.ROOT, "%nscan complete: %s, warnings: %d%n", r.complete(), r.warnings());
        out.println("found = a finding on a labelled line (any confidence); unl = false-positive lines in positive"
                + " files, neg = in negative files; id-line = findings on a labelled identity's own line (neither secret"
                + " nor noise); bind = labelled identities listed in locations[].identity");
        if (misses) {
            out.println();
            r.missed().forEach(m -> out.println("missed: " + m));
            r.wrong().forEach(m -> out.println("fp:     " + m));
        }
    }

    private static void header(PrintStream out, String title) {
        out.printf(Locale.ROOT, "%-30s %5s %7s %6s %7s %8s %8s %8s %8s %7s %11s%n", title, "files", "secrets",
                "found", "recall", "unl low", "unl med+", "neg low", "neg med+", "id-line", "bind");
    }

    private static void line(PrintStream out, String key, Row v, boolean files) {
        Function<Row, String> bind = x -> x.ids == 0 ? "-" : x.bound + "/" + x.ids;
        out.printf(Locale.ROOT, "%-30s %5s %7d %6d %6.1f%% %8d %8d %8d %8d %7s %11s%n", key, files ? v.files : "",
                v.secrets, v.found, v.secrets == 0 ? 0.0 : 100.0 * v.found / v.secrets, v.fpLow, v.fpMed, v.negLow,
                v.negMed, files ? String.valueOf(v.idLine) : "", bind.apply(v));
    }
}
