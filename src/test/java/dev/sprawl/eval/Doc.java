package dev.sprawl.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated file of the corpus while it is written: its lines and its labels. A writer adds plain
 * lines with {@link #line} and the lines that carry a value with {@link #sec}; in a positive file such a
 * line is labelled as a secret (category, syntax, value shape, naming style), in a negative file
 * ({@link #neg}) the same call records a decoy: a line that must not be reported.
 */
final class Doc {

    final Gen g;
    final boolean neg;
    private final List<String> lines = new ArrayList<>();
    private final List<Label.Secret> secrets = new ArrayList<>();
    private final List<Label.Decoy> decoys = new ArrayList<>();

    Doc(Gen g, boolean neg) {
        this.g = g;
        this.neg = neg;
    }

    /** Appends one or more lines (a text with newlines is split); returns the number of the first. */
    int line(String text) {
        int first = lines.size() + 1;
        for (String l : text.split("\n", -1)) {
            lines.add(l);
        }
        return first;
    }

    /** The number the next line will get. */
    int next() {
        return lines.size() + 1;
    }

    /** A value for a secret slot: a secret of one of the shapes, or a negative value in a negative file. */
    Gen.Val v(String... shapes) {
        return neg ? g.negative() : g.secret(shapes);
    }

    /** As {@link #v} but never empty in a negative file. */
    Gen.Val vNonEmpty(String... shapes) {
        return neg ? g.negativeNonEmpty() : g.secret(shapes);
    }

    /** Adds a line that holds {@code value} (written as it appears in {@code text}). */
    Sec sec(String category, String syntax, String text, Gen.Val value) {
        return sec(category, syntax, text, value, "-");
    }

    /** As {@link #sec(String, String, String, Gen.Val)} with the naming style of the credential name. */
    Sec sec(String category, String syntax, String text, Gen.Val value, String nameStyle) {
        int at = line(text);
        return block(category, syntax, at, next() - 1, value, nameStyle);
    }

    /** Labels lines {@code from..to} (already written) as holding {@code value}. */
    Sec block(String category, String syntax, int from, int to, Gen.Val value, String nameStyle) {
        if (!neg && value.negKind() == null) {
            Label.Secret s = new Label.Secret(from, to, category, syntax, value.shape(), nameStyle, value.text(),
                    new ArrayList<>());
            secrets.add(s);
            return new Sec(s);
        }
        decoys.add(new Label.Decoy(from, to, syntax, value.negKind() == null ? "plain" : value.negKind()));
        return new Sec(null);
    }

    /** Records a line of ordinary, non-secret configuration that a scanner might mistake for a secret. */
    void decoy(String syntax, String text) {
        int at = line(text);
        decoys.add(new Label.Decoy(at, at, syntax, "plain"));
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<Label.Secret> secrets() {
        return secrets;
    }

    List<Label.Decoy> decoys() {
        return decoys;
    }

    /** The label of one secret line, to which the writer binds the identities of its record. */
    static final class Sec {
        private final Label.Secret label;

        Sec(Label.Secret label) {
            this.label = label;
        }

        /** Binds an identity written on {@code line}; nothing in a negative file. */
        Sec id(String kind, String value, int line) {
            if (label != null) {
                label.identities().add(new Label.Identity(kind, value, line));
            }
            return this;
        }
    }
}
