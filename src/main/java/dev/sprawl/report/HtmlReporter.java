package dev.sprawl.report;

import dev.sprawl.inventory.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One self-contained HTML page: the JSON inventory embedded as a data block, a stylesheet and a script
 * inline, nothing fetched. A Content-Security-Policy allows exactly that stylesheet and that script (by
 * their SHA-256, computed here) and nothing else. The script renders the data through text nodes only,
 * so nothing from the scanned input can become markup.
 */
public final class HtmlReporter implements Reporter {

    private static final String TEMPLATE = resource("report.html");
    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private final ReportOptions options;

    public HtmlReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Inventory inv, Writer out) throws IOException {
        String data = scriptSafe(JsonTrees.toString(new JsonReporter(options).tree(inv)));
        String title = "sprawl inventory: " + inv.secrets().size() + (inv.secrets().size() == 1 ? " secret" : " secrets");
        String page = TEMPLATE
                .replace("{{CSP}}", csp())
                .replace("{{TITLE}}", escape(title))
                .replace("{{STYLE}}", STYLE);
        // the data and the script go in last, by position, so nothing in them is taken for a placeholder
        int d = page.indexOf("{{DATA}}");
        int s = page.indexOf("{{SCRIPT}}");
        out.write(page, 0, d);
        out.write(data);
        out.write(page, d + 8, s - d - 8);
        out.write(SCRIPT);
        out.write(page, s + 10, page.length() - s - 10);
        out.flush();
    }

    /** The policy: nothing but the inline stylesheet and script whose hashes it names, and data: images. */
    static String csp() {
        return "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '" + sha256(STYLE)
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    /**
     * JSON that cannot end its script element or open a comment: {@code <}, {@code >}, {@code &} and
     * the JavaScript line separators as {@code \\uXXXX}. They occur only inside JSON strings, where the
     * escape means the same character.
     */
    static String scriptSafe(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Text for an HTML element or attribute. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String sha256(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
