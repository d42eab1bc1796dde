package dev.sprawl.cli;

import java.io.PrintWriter;
import dev.sprawl.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point. Only {@link #main} exits; everything else returns an exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        RuleCatalog.preload(); // the rules load while the command line is parsed
        dev.sprawl.detect.Detector.prebuild(RuleCatalog::builtin); // and their detector is built
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err, Terminal.detect(System.console() != null, System.getenv()), System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs sprawl with the given streams.
     *
     * @param terminal stdout is an interactive terminal (default format table, colours)
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        return run(args, out, err, new Terminal(terminal, false, false), System.getenv());
    }

    /** Runs sprawl with the given streams and environment (the tokens of remote scans come from it). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal,
                          java.util.Map<String, String> env) {
        return run(args, out, err, new Terminal(terminal, false, false), env);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Terminal terminal, java.util.Map<String, String> env) {
        CommandLine cl = new CommandLine(new SprawlCommand(terminal, env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("sprawl: internal error: " + ex.getClass().getName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            return ExitCode.INCOMPLETE.code();
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
