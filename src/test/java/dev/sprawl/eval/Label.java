package dev.sprawl.eval;

import java.util.List;

/** The labels of a generated file: what a scanner should find in it and what it should not. */
final class Label {

    private Label() {
    }

    /**
     * A secret on lines {@code from..to} (one line for most; a key block spans several).
     *
     * @param category  expected category ({@code password}, {@code token}, {@code api-key}, ...)
     * @param syntax    how the value is bound to its name (see {@link Syntaxes})
     * @param shape     the value's shape ({@link Gen#SHAPES})
     * @param nameStyle the naming style of the credential name, {@code -} where there is no name
     * @param value     the value as written in the file; kept in memory only, never written out
     */
    record Secret(int from, int to, String category, String syntax, String shape, String nameStyle, String value,
            List<Identity> identities) {
    }

    /** An identity of the record that holds a secret: kind as in {@code locations[].identity}. */
    record Identity(String kind, String value, int line) {
    }

    /** A line of a negative file (or a plain config line) that must not be reported. */
    record Decoy(int from, int to, String syntax, String kind) {
    }

    /** One generated file. */
    record File(String path, String format, boolean negative, String text, List<Secret> secrets,
            List<Decoy> decoys) {
    }
}
