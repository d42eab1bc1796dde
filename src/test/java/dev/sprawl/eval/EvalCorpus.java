package dev.sprawl.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The detection evaluation corpus: realistic files of everyday credential formats, generated from a
 * seed, with labels that say which lines hold secrets (and whose) and which lines must stay quiet. It is
 * kept apart from the rules and their examples so that it measures how detection generalizes; see
 * docs/detection-eval.md. Driven by bench/eval.sh:
 * <ul>
 *   <li>{@code generate [--seed N] DIR}: writes the files under {@code DIR/corpus} and the labels (no
 *       secret value in them) to {@code DIR/labels.json};</li>
 *   <li>{@code score LABELS REPORT [--misses]}: scores a {@code sprawl scan -f json} report of
 *       {@code DIR/corpus} against the labels ({@link EvalScore}).</li>
 * </ul>
 * Not a test.
 */
public final class EvalCorpus {

    /** Positive and negative instances written per format. */
    static final int POSITIVES = 3;
    static final int NEGATIVES = 2;
    static final long DEFAULT_SEED = 15;

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCorpus() {
    }

    /** Every format of the corpus, in a fixed order. */
    static List<Format> formats() {
        return Stream.of(DotfileFormats.all(), CloudFormats.all(), PackageFormats.all(), ClientFormats.all(),
                AppFormats.all(), CodeFormats.all(), CleanFormats.all()).flatMap(List::stream).toList();
    }

    /** The corpus for {@code seed}: the same seed gives the same files and labels, byte for byte. */
    static List<Label.File> generate(long seed) {
        List<Label.File> files = new ArrayList<>();
        for (Format f : formats()) {
            int pos = f.negativeOnly() ? 0 : POSITIVES;
            for (int i = 1; i <= pos + NEGATIVES; i++) {
                boolean neg = i > pos;
                Doc d = new Doc(new Gen(mix(seed, f.name(), i)), neg);
                f.writer().write(d);
                String path = f.name() + "/" + (neg ? "n" + (i - pos) : "p" + i) + "/" + f.path();
                files.add(new Label.File(path, f.name(), neg, d.text(), List.copyOf(d.secrets()),
                        List.copyOf(d.decoys())));
            }
        }
        return files;
    }

    /** The syntaxes that label at least one secret in {@code files}. */
    static Set<String> syntaxes(List<Label.File> files) {
        Set<String> s = new TreeSet<>();
        files.forEach(f -> f.secrets().forEach(x -> s.add(x.syntax())));
        return s;
    }

    static long mix(long seed, String name, int instance) {
        long z = seed * 0x9E3779B97F4A7C15L + name.hashCode() * 0xBF58476D1CE4E5B9L + instance;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("generate")) {
            long seed = DEFAULT_SEED;
            String dir = null;
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--seed") && i + 1 < args.length) {
                    seed = Long.parseLong(args[++i]);
                } else {
                    dir = args[i];
                }
            }
            if (dir == null) {
                usage();
                return;
            }
            write(generate(seed), Path.of(dir));
        } else if (args.length >= 3 && args[0].equals("score")) {
            EvalScore.score(Path.of(args[1]), Path.of(args[2]), args.length > 3 && args[3].equals("--misses"),
                    System.out);
        } else {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: EvalCorpus generate [--seed N] DIR | score LABELS REPORT [--misses]");
        System.exit(2);
    }

    static void write(List<Label.File> files, Path dir) throws IOException {
        Path corpus = dir.resolve("corpus");
        ArrayNode all = JSON.createArrayNode();
        for (Label.File f : files) {
            Path p = corpus.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.text(), StandardCharsets.UTF_8);
            all.add(toJson(f));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "sprawl-eval-labels/1");
        root.set("files", all);
        Files.writeString(dir.resolve("labels.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
    }

    /** A file's labels as JSON, without the secret values. */
    static ObjectNode toJson(Label.File f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", f.path());
        n.put("format", f.format());
        n.put("negative", f.negative());
        ArrayNode secrets = n.putArray("secrets");
        for (Label.Secret s : f.secrets()) {
            ObjectNode o = secrets.addObject();
            o.put("from", s.from());
            o.put("to", s.to());
            o.put("category", s.category());
            o.put("syntax", s.syntax());
            o.put("shape", s.shape());
            o.put("nameStyle", s.nameStyle());
            ArrayNode ids = o.putArray("identities");
            for (Label.Identity i : s.identities()) {
                ids.addObject().put("kind", i.kind()).put("value", i.value()).put("line", i.line());
            }
        }
        ArrayNode decoys = n.putArray("decoys");
        for (Label.Decoy d : f.decoys()) {
            decoys.addObject().put("from", d.from()).put("to", d.to()).put("syntax", d.syntax()).put("kind", d.kind());
        }
        return n;
    }
}
