package dev.sprawl.report;

import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.SecretEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per location (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled), a header row first. A cell that a spreadsheet would read as a formula
 * (beginning with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return) is prefixed with
 * {@code '}. The columns are documented in docs/reports.md; {@code secret} appears only with
 * {@code --show-secrets}.
 */
public final class CsvReporter implements Reporter {

    static final List<String> COLUMNS = List.of("fingerprint", "rule", "type", "category", "provider", "confidence",
            "redacted", "owner", "owner_source", "new", "ignored", "findings", "source", "path", "line", "column",
            "context", "repo", "commit", "ref", "author", "date", "in_head", "image", "layer", "identity");

    private final ReportOptions options;

    public CsvReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Inventory inv, Writer out) throws IOException {
        List<String> header = new ArrayList<>(COLUMNS);
        if (options.showSecrets()) {
            header.add("secret");
        }
        row(out, header);
        for (SecretEntry s : inv.secrets()) {
            String findings = s.findings().stream().map(GovernanceFinding::code).collect(Collectors.joining(";"));
            for (Location l : s.locations()) {
                List<String> r = new ArrayList<>(header.size());
                r.add(s.fingerprint());
                r.add(s.rule().id());
                r.add(s.rule().name());
                r.add(s.rule().category().label());
                r.add(s.rule().provider());
                r.add(s.confidence().label());
                r.add(s.secret().redacted());
                r.add(s.owner() == null ? "" : s.owner().name());
                r.add(s.owner() == null ? "" : s.owner().source());
                r.add(s.isNew() == null ? "" : s.isNew().toString());
                r.add(s.ignored() == null ? "" : s.ignored());
                r.add(findings);
                r.add(l.source());
                r.add(l.path());
                r.add(Integer.toString(l.line()));
                r.add(Integer.toString(l.column()));
                r.add(l.context());
                r.add(detail(l, "repo"));
                r.add(detail(l, "commit"));
                r.add(detail(l, "ref"));
                r.add(detail(l, "author"));
                r.add(detail(l, "date"));
                r.add(detail(l, "inHead"));
                r.add(detail(l, "image"));
                r.add(detail(l, "layer"));
                r.add(identity(l.details().get("identity")));
                if (options.showSecrets()) {
                    r.add(s.secret().reveal());
                }
                row(out, r);
            }
        }
        out.flush();
    }

    private static String detail(Location l, String key) {
        Object v = l.details().get(key);
        return v == null ? "" : v.toString();
    }

    private static String identity(Object v) {
        if (!(v instanceof List<?> list)) {
            return "";
        }
        return list.stream().map(x -> x instanceof Identity id ? id.kind() + "=" + id.value() : String.valueOf(x))
                .collect(Collectors.joining(";"));
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * One field: control characters but tab, CR and LF (a terminal escape in a file name) as '?', so
     * that {@code cat report.csv} cannot drive the terminal; neutralised against formula injection;
     * then quoted when RFC 4180 needs it.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (v.codePoints().anyMatch(CsvReporter::unsafe)) {
            StringBuilder sb = new StringBuilder(v.length());
            v.codePoints().forEach(c -> sb.appendCodePoint(unsafe(c) ? '?' : c));
            v = sb.toString();
        }
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }
}
