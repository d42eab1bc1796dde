package dev.sprawl.report;

import dev.sprawl.classify.Location;
import dev.sprawl.govern.Summary;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.RepoSummary;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.rules.Confidence;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * For people at a terminal: one line per secret (confidence, category, type, redacted value, owner
 * or NO OWNER, first location and how many more), worst findings first, then higher confidence; secrets
 * below {@code --min-confidence} are counted in the summary line but not listed; then the warnings
 * that made the scan incomplete, then the governance headline and a summary line. Colour only when
 * asked (on a terminal). Control characters in paths are
 * shown as {@code ?} so a hostile file name cannot drive the terminal.
 */
public final class TableReporter implements Reporter {

    /** Incomplete-scan warnings listed before the summary; the rest are only counted. */
    static final int MAX_WARNINGS_SHOWN = 20;
    /** Repositories listed by name in the per-repository block (those with secrets or incomplete). */
    static final int MAX_REPOS_SHOWN = 20;

    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";

    private final ReportOptions options;

    public TableReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Inventory inv, Writer out) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CONFIDENCE", "CATEGORY", "TYPE", "SECRET", "OWNER", "LOCATION"});
        List<SecretEntry> listed = ForPeople.listed(inv.secrets(), options.minConfidence());
        for (SecretEntry s : listed) {
            Location first = s.locations().get(0);
            Object repo = first.details().get("repo");
            String where = (repo == null ? "" : "[" + safe(repo.toString()) + "] ") + safe(first.path()) + ":" + first.line()
                    + (Boolean.TRUE.equals(first.details().get("hidden")) ? " (hidden in image)" : "");
            if (s.locations().size() > 1) {
                where += " (+" + (s.locations().size() - 1) + " more)";
            }
            String value = options.showSecrets() ? safe(s.secret().reveal()) : s.secret().redacted();
            String newMark = s.ignored() != null ? " IGNORED" : Boolean.TRUE.equals(s.isNew()) ? " NEW" : "";
            rows.add(new String[] {s.confidence().label() + newMark, s.rule().category().label(), s.rule().name(),
                    value, s.owner() == null ? "NO OWNER" : safe(s.owner().name()), where});
        }
        int[] widths = new int[6];
        for (String[] r : rows) {
            for (int c = 0; c < 5; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        if (!listed.isEmpty()) {
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < 6; c++) {
                    String cell = c < 5 ? pad(r[c], widths[c]) : r[c];
                    line.append(i == 0 ? paint(BOLD, cell) : colorCell(c, r[c], cell, listed.get(i - 1)));
                    if (c < 5) {
                        line.append("  ");
                    }
                }
                out.write(line.toString().stripTrailing());
                out.write("\n");
            }
        }
        int shown = 0;
        int incomplete = 0;
        for (ScanWarning w : inv.warnings()) {
            if (!w.incomplete()) {
                continue;
            }
            incomplete++;
            if (shown++ < MAX_WARNINGS_SHOWN) {
                out.write(paint(YELLOW, "warning: " + w.code() + (w.path() == null ? "" : " " + safe(w.path()))
                        + ": " + safe(w.message())) + "\n");
            }
        }
        if (incomplete > MAX_WARNINGS_SHOWN) {
            out.write(paint(YELLOW, "warning: " + (incomplete - MAX_WARNINGS_SHOWN) + " more (see --format json)") + "\n");
        }
        repos(inv, out);
        out.write(Summary.of(inv).headline() + "\n");
        out.write(summary(inv) + "\n");
        out.flush();
    }

    /** Per-repository counts of an organisation scan: the repositories with secrets or gaps first. */
    private void repos(Inventory inv, Writer out) throws IOException {
        if (inv.repos().isEmpty()) {
            return;
        }
        List<RepoSummary> notable = inv.repos().stream().filter(r -> r.secrets() > 0 || !r.complete()).toList();
        long incomplete = inv.repos().stream().filter(r -> !r.complete()).count();
        out.write(inv.repos().size() + (inv.repos().size() == 1 ? " repository" : " repositories") + ", "
                + (inv.repos().size() - notable.size()) + " clean, " + incomplete + " incomplete:\n");
        int width = notable.stream().limit(MAX_REPOS_SHOWN).mapToInt(r -> safe(r.repo()).length()).max().orElse(0);
        int shown = 0;
        for (RepoSummary r : notable) {
            if (shown++ == MAX_REPOS_SHOWN) {
                out.write("  ... " + (notable.size() - MAX_REPOS_SHOWN) + " more (see repos in --format json)\n");
                break;
            }
            String line = "  " + pad(safe(r.repo()), width) + "  " + r.secrets() + (r.secrets() == 1 ? " secret" : " secrets")
                    + ", " + r.commits() + " commits, " + r.blobs() + " blobs" + (r.complete() ? "" : ", INCOMPLETE");
            out.write((r.complete() ? line : paint(YELLOW, line)) + "\n");
        }
    }

    private String summary(Inventory inv) {
        long high = inv.secrets().stream().filter(s -> s.confidence() == Confidence.HIGH).count();
        long medium = inv.secrets().stream().filter(s -> s.confidence() == Confidence.MEDIUM).count();
        long low = inv.secrets().stream().filter(s -> s.confidence() == Confidence.LOW).count();
        long locations = inv.secrets().stream().mapToLong(s -> s.locations().size()).sum();
        long unowned = inv.secrets().stream().filter(s -> s.owner() == null).count();
        StringBuilder sb = new StringBuilder();
        sb.append(inv.secrets().size()).append(inv.secrets().size() == 1 ? " secret" : " secrets")
                .append(" (").append(high).append(" high, ").append(medium).append(" medium, ").append(low)
                .append(" low) in ").append(locations).append(locations == 1 ? " location" : " locations")
                .append(", ").append(unowned).append(" without owner; ")
                .append(inv.stats().getOrDefault("blobs", 0L)).append(" blobs, ")
                .append(inv.stats().getOrDefault("bytes", 0L)).append(" bytes scanned; ");
        long hidden = inv.secrets().size() - ForPeople.listed(inv.secrets(), options.minConfidence()).size();
        if (hidden > 0) {
            sb.append(hidden).append(" below ").append(options.minConfidence().label())
                    .append(" confidence not listed (--min-confidence low lists them); ");
        }
        sb.append(inv.complete() ? "scan complete" : "SCAN INCOMPLETE");
        return inv.complete() ? sb.toString() : paint(YELLOW, sb.toString());
    }

    private String colorCell(int column, String raw, String padded, SecretEntry s) {
        if (column == 0 && s.confidence() == Confidence.HIGH) {
            return paint(RED, padded);
        }
        if (column == 4 && s.owner() == null) {
            return paint(RED + BOLD, padded);
        }
        if (column == 3) {
            return paint(DIM, padded);
        }
        return padded;
    }

    private String paint(String code, String text) {
        return options.color() ? code + text + RESET : text;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Replaces control characters (terminal escapes included) with '?'. */
    static String safe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return sb.toString();
    }
}
