package dev.sprawl.analyze;

/**
 * A structured analyzer: reads one kind of file (a CI pipeline, a Kubernetes manifest, Terraform...)
 * and reports what only its structure reveals — literal credentials by key name, base64-decoded
 * values, references to credentials held elsewhere, owners from tags — in addition to the raw-text
 * rule scan, which always runs too. Analyzers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sprawl.analyze.Analyzer}); the built-in ones are listed there.
 *
 * <p>An analyzer is stateless and thread-safe: {@link #analyze} is called from many worker threads.
 * It never does I/O: everything it needs is in the {@link AnalyzerInput}.
 */
public interface Analyzer {

    /** How an analyzer relates to a path. */
    enum Fit {
        /** Not this analyzer's file. */
        NO,
        /** The name says it is this analyzer's format: a parse failure is worth a warning. */
        NAME,
        /** Might be: the content decides (a parse failure of a file that does not claim the format is silent). */
        CONTENT
    }

    /** A stable id such as {@code github-actions}, used in warnings. */
    String id();

    /**
     * Whether to look at a file, from its path alone (cheap: called for every file).
     *
     * @param path     the path relative to the target, {@code /}-separated
     * @param fileName the last path segment in lower case
     */
    Fit fit(String path, String fileName);

    /** Analyzes one file; reports through {@code out}. */
    void analyze(AnalyzerInput in, AnalyzerOutput out);
}
