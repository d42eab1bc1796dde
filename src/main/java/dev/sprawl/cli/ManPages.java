package dev.sprawl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step: turns the AsciiDoc man pages that picocli's ManPageGenerator writes from the command
 * model into troff ({@code man} pages), so {@code man ./sprawl-scan.1} works without Asciidoctor. It
 * knows only the constructs that generator emits: attributes, a {@code = name(1)} title,
 * {@code ==} sections, paragraphs, {@code term::} definition lists, {@code *bold*}, {@code _italic_}
 * and {@code xref:}. Usage: {@code ManPages ADOC_DIR OUT_DIR...}.
 */
public final class ManPages {

    private static final Pattern TITLE = Pattern.compile("^= ([a-z0-9-]+)\\((\\d)\\)$");
    private static final Pattern XREF = Pattern.compile("xref:[^\\[]+\\[([^\\]]*)\\]");
    private static final Pattern BOLD = Pattern.compile("\\*([^*]+)\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w\\\\])_([^_]+)_(?!\\w)");

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        for (int o = 1; o < args.length; o++) {
            Path out = Files.createDirectories(Path.of(args[o]));
            try (var files = Files.list(in)) {
                for (Path adoc : files.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                    String name = adoc.getFileName().toString().replaceAll("\\.adoc$", "");
                    Files.writeString(out.resolve(name + ".1"), troff(Files.readAllLines(adoc, StandardCharsets.UTF_8)),
                            StandardCharsets.UTF_8);
                }
            }
        }
    }

    static String troff(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        String source = "sprawl";
        String manual = "Sprawl Manual";
        List<String> paragraph = new ArrayList<>();
        boolean synopsis = false;
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.startsWith("//")) {
                continue;
            }
            if (line.startsWith(":mansource:") && !line.substring(11).isBlank()) {
                source = line.substring(11).trim();
                continue;
            }
            if (line.startsWith(":manmanual:")) {
                manual = line.substring(11).trim();
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            Matcher title = TITLE.matcher(line);
            if (title.matches()) {
                sb.append(".TH \"").append(title.group(1).toUpperCase(Locale.ROOT)).append("\" \"").append(title.group(2))
                        .append("\" \"\" \"").append(source).append("\" \"").append(manual).append("\"\n");
                continue;
            }
            if (line.startsWith("== ")) {
                flush(sb, paragraph);
                String section = line.substring(3).trim();
                synopsis = section.equalsIgnoreCase("Synopsis");
                sb.append(".SH \"").append(section.toUpperCase(Locale.ROOT)).append("\"\n");
                continue;
            }
            if (line.endsWith("::")) {
                flush(sb, paragraph);
                sb.append(".TP\n").append(inline(line.substring(0, line.length() - 2).trim())).append('\n');
                continue;
            }
            if (line.isBlank()) {
                flush(sb, paragraph);
                continue;
            }
            paragraph.add(synopsis ? line.trim() : line.trim());
        }
        flush(sb, paragraph);
        return sb.toString();
    }

    private static void flush(StringBuilder sb, List<String> paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        boolean indented = sb.length() > 0 && sb.lastIndexOf(".TP\n") > sb.lastIndexOf(".SH") && endsWithTerm(sb);
        if (!indented) {
            sb.append(".PP\n");
        }
        sb.append(inline(String.join(" ", paragraph))).append('\n');
        paragraph.clear();
    }

    /** True right after a {@code .TP} term line: the paragraph is that term's body. */
    private static boolean endsWithTerm(StringBuilder sb) {
        int tp = sb.lastIndexOf(".TP\n");
        String after = sb.substring(tp + 4);
        return after.indexOf('\n') == after.length() - 1;
    }

    /** AsciiDoc inline markup to troff fonts, with troff's own specials escaped first. */
    static String inline(String text) {
        String t = text.replace("\\", "\\e").replace("-", "\\-");
        t = XREF.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        t = BOLD.matcher(t).replaceAll(m -> Matcher.quoteReplacement("\\fB" + m.group(1) + "\\fR"));
        t = ITALIC.matcher(t).replaceAll(m -> Matcher.quoteReplacement("\\fI" + m.group(1) + "\\fR"));
        if (t.startsWith(".") || t.startsWith("'")) {
            t = "\\&" + t;
        }
        return t;
    }
}
