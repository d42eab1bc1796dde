package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command lines {@link QuickArgs} takes configure {@code scan} exactly as picocli does, and those
 * it cannot read the same way are left to picocli.
 */
class QuickArgsTest {

    /** Values per option: canonical ones the fast path takes, and forms it must leave to picocli or refuse. */
    private static final Map<String, List<String>> VALUES = new LinkedHashMap<>();

    static {
        List<String> paths = List.of("out.json", "dir/rules.yml", "/tmp/x y", "a=b", "ünï.json");
        List<String> sizes = List.of("0", "500K", "50M", "1G", "7", "12345", "5m", "10MB", "-1", "x", "08", "1T", "");
        List<String> ints = List.of("0", "1", "2", "10", "0x10", "010", "+3", "-2", "abc", "99999999999", "");
        List<String> confidences = List.of("low", "medium", "high", "HIGH", "Medium", "none", "");
        for (String o : List.of("-o", "--output", "--baseline", "--ignore-file", "--config", "--cache", "--targets-from")) {
            VALUES.put(o, paths);
        }
        VALUES.put("--rules", paths);
        VALUES.put("-f", List.of("json", "table", "sarif", "html", "csv", "markdown", "JSON", "Sarif", "xml", ""));
        VALUES.put("--format", VALUES.get("-f"));
        VALUES.put("--fail-on", List.of("any", "new", "never", "NEW", "sometimes", ""));
        VALUES.put("--fail-confidence", confidences);
        VALUES.put("--min-confidence", confidences);
        VALUES.put("--exclude", List.of("*.log", "vendor/", "a,b", "**/test/**"));
        VALUES.put("--ref", List.of("main", "refs/tags/v1", "HEAD~2", "a,b"));
        VALUES.put("--since", List.of("origin/main", "abc123", "HEAD^"));
        VALUES.put("--platform", List.of("linux/amd64", "linux/arm64/v8", "x"));
        VALUES.put("--github-api", List.of("https://ghe.example/api/v3", "http://127.0.0.1:8080"));
        VALUES.put("--gitlab-url", List.of("https://gitlab.example", "x"));
        VALUES.put("--shard", List.of("0/2", "1/2", "3/4", "2/2", "x", "1/0", "-1/2"));
        for (String o : List.of("--max-file-size", "--max-parse-size", "--max-archive-bytes")) {
            VALUES.put(o, sizes);
        }
        for (String o : List.of("--threads", "--max-archive-depth", "--max-archive-entries", "--max-archive-ratio",
                "--max-rate-limit-wait", "--network-timeout")) {
            VALUES.put(o, ints);
        }
    }

    private static final List<String> TARGETS = List.of(".", "repo", "/tmp/a b", "image.tar", "registry://127.0.0.1:5000/app:1",
            "github:acme", "https://example.test/r.git", "-", "--", "@args.txt", "-x", "--nope", "scan");

    private static CommandLine picocli() {
        CommandLine cl = new CommandLine(new SprawlCommand(new Terminal(false, false, false), Map.of()));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static List<OptionSpec> scanOptions() {
        return picocli().getSubcommands().get("scan").getCommandSpec().options();
    }

    /** Every option field of scan (its own and its mixin's) as name = value, for comparison. */
    private static Map<String, Object> state(ScanCommand c) throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        collect(c, "", out);
        collect(c.orgFlags, "org.", out);
        return out;
    }

    private static void collect(Object o, String prefix, Map<String, Object> out) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                f.setAccessible(true);
                out.put(prefix + f.getName(), f.get(o));
            }
        }
    }

    /** picocli's configuration of scan for {@code args}, or null when picocli rejects the command line. */
    private static Map<String, Object> byPicocli(String[] args) throws IllegalAccessException {
        CommandLine cl = picocli();
        CommandLine.ParseResult r;
        try {
            r = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        if (r.subcommand() == null || r.subcommand().isUsageHelpRequested() || r.subcommand().isVersionHelpRequested()) {
            return null;
        }
        return state((ScanCommand) r.subcommand().commandSpec().userObject());
    }

    private static void assertSame(String[] args, boolean mustBeTaken) throws IllegalAccessException {
        SprawlCommand parent = new SprawlCommand(new Terminal(false, false, false), Map.of());
        ScanCommand quick = QuickArgs.scan(args, parent);
        Map<String, Object> expected = byPicocli(args);
        if (quick == null) {
            assertThat(mustBeTaken).as("left to picocli: %s", Arrays.toString(args)).isFalse();
            return;
        }
        assertThat(expected).as("picocli rejects %s, which the fast path took", Arrays.toString(args)).isNotNull();
        assertThat(state(quick)).as("configuration from %s", Arrays.toString(args)).isEqualTo(expected);
        assertThat(quick.parent).isSameAs(parent);
    }

    @Test
    void everydayCommandLinesAreTakenAndMatchPicocli() throws Exception {
        String[][] everyday = {
            {"scan"},
            {"scan", "."},
            {"scan", "repo", "--staged", "-f", "json", "-o", "out.json"},
            {"scan", "--staged", "--fail-on", "new", "--baseline", "base.json", "."},
            {"scan", "repo", "--since", "origin/main", "--format=sarif", "--output=r.sarif", "--quiet"},
            {"scan", "a", "b", "--no-history", "--exclude", "*.log", "--exclude", "vendor/", "--threads", "2"},
            {"scan", "image.tar", "--max-archive-bytes", "1G", "--max-file-size=500K", "--timings", "-q"},
            {"scan", "github:acme", "--github-api", "http://127.0.0.1:1/api", "--include-forks", "--shard", "1/3"},
            {"scan", "--rules", "a.yml", "--rules", "b.yml", "--min-confidence", "high", "--fail-confidence", "low"},
        };
        for (String[] args : everyday) {
            assertSame(args, true);
        }
    }

    @Test
    void everyOptionOfScanIsKnownToTheFastPath() {
        Set<String> missing = new TreeSet<>();
        for (OptionSpec o : scanOptions()) {
            for (String name : o.names()) {
                boolean help = o.usageHelp() || o.versionHelp();
                if (!help && !QuickArgs.names().contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("options of scan that the fast path does not know (it leaves them to picocli, "
                + "so a scan using them pays for picocli's start-up)").isEmpty();
        for (String name : QuickArgs.names()) {
            assertThat(scanOptions().stream().anyMatch(o -> List.of(o.names()).contains(name)))
                    .as("the fast path knows %s, which scan does not have", name).isTrue();
        }
    }

    @Test
    void eachOptionWithEachValueMatchesPicocli() throws Exception {
        for (OptionSpec o : scanOptions()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            for (String name : o.names()) {
                if (o.arity().max() == 0) {
                    assertSame(new String[] {"scan", name, "."}, true);
                    assertSame(new String[] {"scan", name, name}, false);
                    assertSame(new String[] {"scan", name + "=true"}, false);
                    continue;
                }
                List<String> values = VALUES.get(name);
                assertThat(values).as("sample values for %s", name).isNotNull();
                for (String v : values) {
                    assertSame(new String[] {"scan", name, v, "t"}, false);
                    if (name.startsWith("--")) {
                        assertSame(new String[] {"scan", "t", name + "=" + v}, false);
                    }
                }
                assertSame(new String[] {"scan", name}, false);
                assertSame(new String[] {"scan", name, "--staged"}, false);
            }
        }
    }

    @Test
    void randomCommandLinesEitherMatchPicocliOrAreLeftToIt() throws Exception {
        List<OptionSpec> options = scanOptions();
        Random random = new Random(16);
        int taken = 0;
        for (int round = 0; round < 2000; round++) {
            List<String> args = new ArrayList<>(List.of("scan"));
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(4) == 0) {
                    args.add(TARGETS.get(random.nextInt(TARGETS.size())));
                    continue;
                }
                OptionSpec o = options.get(random.nextInt(options.size()));
                String name = o.names()[random.nextInt(o.names().length)];
                if (o.arity().max() == 0) {
                    args.add(name);
                    continue;
                }
                List<String> values = VALUES.getOrDefault(name, List.of("v"));
                String v = values.get(random.nextInt(values.size()));
                if (name.startsWith("--") && random.nextBoolean()) {
                    args.add(name + "=" + v);
                } else {
                    args.add(name);
                    args.add(v);
                }
            }
            String[] a = args.toArray(String[]::new);
            assertSame(a, false);
            if (QuickArgs.scan(a, new SprawlCommand()) != null) {
                taken++;
            }
        }
        assertThat(taken).as("random command lines the fast path took").isGreaterThan(300);
    }

    @Test
    void otherCommandsAndHelpAreLeftToPicocli() {
        SprawlCommand parent = new SprawlCommand();
        for (String[] args : new String[][] {{}, {"rules"}, {"merge", "a.json"}, {"scan", "--help"}, {"scan", "-h"},
                {"scan", "-V"}, {"scan", "--version"}, {"--help"}, {"-q", "scan"}, {"scan", "-qf", "json"},
                {"scan", "-fjson"}, {"scan", "-o=x"}, {"scan", "--", "-x"}, {"scan", "@more.txt"}}) {
            assertThat(QuickArgs.scan(args, parent)).as(Arrays.toString(args)).isNull();
        }
        assertThat(QuickArgs.version(new String[] {"--version"})).isTrue();
        assertThat(QuickArgs.version(new String[] {"-V"})).isTrue();
        assertThat(QuickArgs.version(new String[] {"scan", "--version"})).isFalse();
    }

    @Test
    void aScanReportsTheSameThroughEitherParser(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve(".env"), "GITHUB_TOKEN=" + dev.sprawl.TestSecrets.githubToken("ghp_")
                + "\nDB_PASSWORD=" + dev.sprawl.TestSecrets.password() + "\n");
        String target = dir.toString();
        assertThat(QuickArgs.scan(new String[] {"scan", target, "-f", "json"}, new SprawlCommand())).isNotNull();
        assertThat(QuickArgs.scan(new String[] {"scan", target, "-fjson"}, new SprawlCommand())).isNull();
        Cli.Result quick = Cli.run("scan", target, "-f", "json");
        Cli.Result viaPicocli = Cli.run("scan", target, "-fjson");
        assertThat(quick.code()).isEqualTo(ExitCode.SECRETS.code()).isEqualTo(viaPicocli.code());
        assertThat(quick.json().get("secrets")).isEqualTo(viaPicocli.json().get("secrets")).hasSize(2);
        assertThat(quick.err()).isEqualTo(viaPicocli.err());
    }

    @Test
    void versionAndErrorsReadAsThroughPicocli() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--version"}, new PrintWriter(out), new PrintWriter(err), false);
        assertThat(code).isZero();
        StringWriter viaPicocli = new StringWriter();
        picocli().setOut(new PrintWriter(viaPicocli)).execute("--version");
        assertThat(out.toString()).isEqualTo(viaPicocli.toString()).startsWith("sprawl ");
        Cli.Result missing = Cli.run("scan", "/no/such/place/for/sprawl");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.err()).contains("no such file or directory");
        Cli.Result bad = Cli.run("scan", "--threads", "many", ".");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err()).contains("--threads");
    }
}
