package dev.sprawl.report;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.rules.Confidence;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A compact GitHub-flavoured Markdown summary for a pull-request comment or a job summary
 * ({@code $GITHUB_STEP_SUMMARY}): a headline, the counts, then the top secrets as a table, new ones
 * first when a baseline was given, then worst findings and higher confidence. Secrets below
 * {@code --min-confidence} (default medium) are counted, not listed. Every text from the scan is
 * escaped, so a file name cannot add markup, links or HTML to the comment.
 */
public final class MarkdownReporter implements Reporter {

    /** Secrets listed in the table; the rest are counted below it. */
    static final int TOP = 20;

    private final ReportOptions options;

    public MarkdownReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Inventory inv, Writer out) throws IOException {
        List<SecretEntry> all = inv.secrets();
        boolean baseline = all.stream().anyMatch(s -> s.isNew() != null);
        long fresh = all.stream().filter(s -> Boolean.TRUE.equals(s.isNew())).count();
        long high = count(all, Confidence.HIGH);
        long medium = count(all, Confidence.MEDIUM);
        long low = count(all, Confidence.LOW);
        long unowned = all.stream().filter(s -> s.owner() == null).count();
        long locations = all.stream().mapToLong(s -> s.locations().size()).sum();
        StringBuilder sb = new StringBuilder();
        sb.append("### sprawl: ");
        if (all.isEmpty()) {
            sb.append("no secrets found");
        } else {
            sb.append(all.size()).append(all.size() == 1 ? " secret" : " secrets");
            if (baseline) {
                sb.append(", ").append(fresh).append(" new");
            }
        }
        sb.append(inv.complete() ? "" : " (scan incomplete)").append("\n\n");
        sb.append("**").append(high).append("** high · **").append(medium).append("** medium · **").append(low)
                .append("** low · ").append(locations).append(locations == 1 ? " location" : " locations").append(" · **")
                .append(unowned).append("** without owner · ").append(inv.stats().getOrDefault("blobs", 0L))
                .append(" blobs scanned · ").append(inv.complete() ? "scan complete" : "**SCAN INCOMPLETE**")
                .append("\n\n");

        List<SecretEntry> listed = new ArrayList<>(ForPeople.listed(all, options.minConfidence()));
        if (baseline) {
            listed.sort((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.isNew()), Boolean.TRUE.equals(a.isNew())));
        }
        if (!listed.isEmpty()) {
            sb.append("| | Confidence | Type | Secret | Owner | Location | Findings |\n");
            sb.append("|---|---|---|---|---|---|---|\n");
            for (SecretEntry s : listed.subList(0, Math.min(TOP, listed.size()))) {
                Location first = s.locations().get(0);
                String where = text(first.path()) + ":" + first.line()
                        + (s.locations().size() > 1 ? " (+" + (s.locations().size() - 1) + " more)" : "");
                String mark = s.ignored() != null ? "ignored" : Boolean.TRUE.equals(s.isNew()) ? "**NEW**" : "";
                String value = options.showSecrets() ? text(s.secret().reveal()) : text(s.secret().redacted());
                sb.append("| ").append(mark).append(" | ").append(s.confidence().label()).append(" | ")
                        .append(text(s.rule().name())).append(" | ").append(value).append(" | ")
                        .append(s.owner() == null ? "**NO OWNER**" : text(s.owner().name())).append(" | ")
                        .append(where).append(" | ")
                        .append(s.findings().stream().map(GovernanceFinding::code).map(MarkdownReporter::text)
                                .collect(Collectors.joining(", ")))
                        .append(" |\n");
            }
            sb.append('\n');
        }
        List<String> notes = new ArrayList<>();
        if (listed.size() > TOP) {
            notes.add((listed.size() - TOP) + " more listed in the full report");
        }
        long hidden = all.size() - listed.size();
        if (hidden > 0) {
            notes.add(hidden + " below " + options.minConfidence().label() + " confidence not listed");
        }
        long incomplete = inv.warnings().stream().filter(ScanWarning::incomplete).count();
        if (incomplete > 0) {
            notes.add(incomplete + (incomplete == 1 ? " warning says" : " warnings say")
                    + " something may have been missed (first: " + text(first(inv)) + ")");
        }
        if (!notes.isEmpty()) {
            sb.append(notes.stream().map(n -> "- " + n).collect(Collectors.joining("\n"))).append("\n\n");
        }
        sb.append("<sub>sprawl ").append(text(options.version()))
                .append(" · secret values are redacted · the json or html report has every location</sub>\n");
        out.write(sb.toString());
        out.flush();
    }

    private static long count(List<SecretEntry> all, Confidence c) {
        return all.stream().filter(s -> s.confidence() == c).count();
    }

    private static String first(Inventory inv) {
        ScanWarning w = inv.warnings().stream().filter(ScanWarning::incomplete).findFirst().orElseThrow();
        return w.code() + (w.path() == null ? "" : " " + w.path());
    }

    /**
     * Text that stays text in GitHub Markdown, table cells included: control characters become
     * {@code ?}, HTML's specials become entities, Markdown's punctuation is backslash-escaped.
     */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append('?');
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c == '&') {
                sb.append("&amp;");
            } else if ("\\`*_[]#!|~@:.".indexOf(c) >= 0) {
                sb.append('\\').appendCodePoint(c);
            } else {
                sb.append(Character.toChars(c));
            }
        });
        return sb.toString();
    }
}
