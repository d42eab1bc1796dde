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
        SprawlCommand top = new SprawlCommand(terminal, env);
        if (QuickArgs.version(args)) {
            out.println(new Version().getVersion()[0]);
            out.flush();
            return ExitCode.OK.code();
        }
        ScanCommand quick = QuickArgs.scan(args, top);
        if (quick != null) {
            // an everyday scan command line, parsed without building picocli's model (QuickArgs)
            quick.streams(out, err);
            int code;
            try {
                code = quick.call();
            } catch (Exception ex) {
                code = internalError(err, ex);
            }
            out.flush();
            err.flush();
            return code;
        }
        CommandLine cl = new CommandLine(top);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> internalError(commandLine.getErr(), ex));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** An exception out of a command: named on stderr (its message carries no secret value), exit 3. */
    private static int internalError(PrintWriter err, Exception ex) {
        err.println("sprawl: internal error: " + ex.getClass().getName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        return ExitCode.INCOMPLETE.code();
    }
}
