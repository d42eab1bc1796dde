package dev.sprawl.eval;

/**
 * One everyday file format of the corpus: its name, the path a real tool gives the file, and the writer
 * that lays out one instance. The same writer writes positive files (real-looking secrets) and negative
 * ones ({@link Doc#neg}: placeholders, templating, empty values); a {@code negativeOnly} format is
 * ordinary configuration or code with no secret at all.
 */
record Format(String name, String path, boolean negativeOnly, Writer writer) {

    interface Writer {
        void write(Doc d);
    }

    static Format of(String name, String path, Writer w) {
        return new Format(name, path, false, w);
    }

    static Format clean(String name, String path, Writer w) {
        return new Format(name, path, true, w);
    }

    /** The category people expect for a value of this shape when the format does not say more. */
    static String cat(Gen.Val v) {
        if (v.shape() == null) {
            return "generic-secret";
        }
        return switch (v.shape()) {
            case "punct", "passphrase" -> "password";
            case "prefixed", "jwt" -> "token";
            default -> "generic-secret";
        };
    }
}
