package dev.sprawl.rules;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in rules, pre-parsed at build time into a compact binary file ({@code rules/catalog.bin}
 * in the jar) so a scan does not pay for YAML parsing at start-up. Examples are left out: they are
 * only needed by {@code rules check}, which reads the YAML files.
 */
public final class CompiledCatalog {

    static final String RESOURCE = "rules/catalog.bin";
    private static final String MAGIC = "sprawl-rules/2";

    private CompiledCatalog() {
    }

    /** Build step: parses the rule files listed in {@code args[0]} (a folder) into {@code args[1]}. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        List<RuleSource> sources = new ArrayList<>();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                sources.add(new RuleSource("rules/" + p.getFileName(), java.nio.file.Files.readString(p)));
            }
        }
        RuleSet rules = RuleCatalog.load(sources);
        java.nio.file.Path out = java.nio.file.Path.of(args[1]);
        java.nio.file.Files.createDirectories(out.getParent());
        try (OutputStream o = java.nio.file.Files.newOutputStream(out)) {
            write(rules, o);
        }
    }

    static void write(RuleSet rules, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeUTF(MAGIC);
        d.writeInt(rules.size());
        for (Rule r : rules.rules()) {
            d.writeUTF(r.id());
            d.writeUTF(r.name());
            d.writeUTF(r.provider());
            d.writeUTF(r.category().name());
            d.writeUTF(r.confidence().name());
            strings(d, r.keywords());
            d.writeUTF(r.pattern().pattern());
            d.writeInt(r.maxWidth());
            d.writeInt(r.keywordLead());
            d.writeUTF(r.validate() == null ? "" : r.validate());
            d.writeDouble(r.minEntropy());
            strings(d, r.references());
            d.writeUTF(r.file());
            d.writeInt(r.line());
            d.writeUTF(r.engine() == null ? "" : r.engine());
        }
        d.flush();
    }

    /** The compiled built-in catalogue from the jar, or null when the build did not produce one. */
    static RuleSet read() {
        try (InputStream in = CompiledCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in));
            if (!MAGIC.equals(d.readUTF())) {
                throw new IllegalStateException(RESOURCE + " has an unknown format");
            }
            int n = d.readInt();
            List<Rule> rules = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = d.readUTF();
                String name = d.readUTF();
                String provider = d.readUTF();
                Category category = Category.valueOf(d.readUTF());
                Confidence confidence = Confidence.valueOf(d.readUTF());
                List<String> keywords = strings(d);
                Pattern pattern = Pattern.compile(d.readUTF());
                int width = d.readInt();
                int lead = d.readInt();
                String validate = d.readUTF();
                double minEntropy = d.readDouble();
                List<String> references = strings(d);
                String file = d.readUTF();
                int line = d.readInt();
                String engine = d.readUTF();
                rules.add(new Rule(id, name, provider, category, confidence, keywords, pattern, width, lead,
                        validate.isEmpty() ? null : validate, minEntropy, references, List.of(), List.of(), file, line,
                        engine.isEmpty() ? null : engine));
            }
            return new RuleSet(rules);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    private static void strings(DataOutputStream d, List<String> values) throws IOException {
        d.writeInt(values.size());
        for (String v : values) {
            d.writeUTF(v);
        }
    }

    private static List<String> strings(DataInputStream d) throws IOException {
        int n = d.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(d.readUTF());
        }
        return out;
    }
}
