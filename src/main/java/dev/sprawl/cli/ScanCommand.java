package dev.sprawl.cli;

import dev.sprawl.govern.Governance;
import dev.sprawl.govern.ManifestException;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.org.Shards;
import dev.sprawl.org.store.BlobStore;
import dev.sprawl.report.CsvReporter;
import dev.sprawl.report.HtmlReporter;
import dev.sprawl.report.JsonReporter;
import dev.sprawl.report.MarkdownReporter;
import dev.sprawl.report.ReportOptions;
import dev.sprawl.report.SarifReporter;
import dev.sprawl.report.Reporter;
import dev.sprawl.report.TableReporter;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.RuleLoadException;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.scan.ScanRequest;
import dev.sprawl.scan.Scanner;
import dev.sprawl.source.git.GitOptions;
import dev.sprawl.source.git.GitRepos;
import dev.sprawl.source.archive.ArchiveLimits;
import dev.sprawl.source.image.ImageOptions;
import dev.sprawl.source.image.ImageReference;
import dev.sprawl.timing.Timings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan directories, files, git repositories (working tree and full history), archives and "
                + "container images for secrets and print the inventory.",
        footer = {ExitCode.HELP, "Reference: docs/cli.md (flags), docs/reports.md (formats), docs/inventory.md (json), "
                + "docs/git.md, docs/images.md, docs/ci.md."})
final class ScanCommand implements Callable<Integer> {

    enum Format { table, json, sarif, html, csv, markdown }

    enum FailOn { any, new_, never;
        @Override
        public String toString() {
            return this == new_ ? "new" : name();
        }
    }

    @ParentCommand
    SprawlCommand parent;

    @Spec
    CommandSpec spec;

    /** The streams when the command line was parsed without picocli ({@link QuickArgs}); else picocli's. */
    private PrintWriter quickOut;
    private PrintWriter quickErr;

    /** Runs this command on the given streams, for a command line {@link QuickArgs} parsed. */
    void streams(PrintWriter out, PrintWriter err) {
        this.quickOut = out;
        this.quickErr = err;
    }

    private PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : quickOut;
    }

    private PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : quickErr;
    }

    // the defaults of the options that have one, shared with QuickArgs
    static final String DEFAULT_FAIL_CONFIDENCE = "medium";
    static final String DEFAULT_MAX_FILE_SIZE = "50M";
    static final String DEFAULT_MAX_PARSE_SIZE = "8M";
    static final String DEFAULT_MAX_ARCHIVE_DEPTH = "" + ArchiveLimits.DEFAULT_MAX_DEPTH;
    static final String DEFAULT_MAX_ARCHIVE_ENTRIES = "" + ArchiveLimits.DEFAULT_MAX_ENTRIES;
    static final String DEFAULT_MAX_ARCHIVE_BYTES = "4G";
    static final String DEFAULT_MAX_ARCHIVE_RATIO = "" + ArchiveLimits.DEFAULT_MAX_RATIO;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "Directories, files, git repositories, image archives or OCI layouts, registry://HOST[:PORT]/NAME[:TAG|@DIGEST],"
                    + " remote repositories (https://, http://, git://, file:// URLs), github:ORG, gitlab:GROUP"
                    + " (default: the current directory).")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FMT",
            description = "table | json | sarif | html | csv | markdown (default: table on a terminal, json otherwise)."
                    + " See docs/reports.md.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (created 0600; a symlink is refused).")
    Path output;

    @Option(names = "--rules", paramLabel = "PATH", description = "Extra rule file or folder (repeatable).")
    List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier json inventory: its secrets are not new.")
    Path baseline;

    @Option(names = "--fail-on", paramLabel = "WHAT", converter = FailOnConverter.class,
            description = "any | new | never (default: any; new when --baseline is given).")
    FailOn failOn;

    @Option(names = "--fail-confidence", paramLabel = "LEVEL", defaultValue = DEFAULT_FAIL_CONFIDENCE,
            converter = ConfidenceConverter.class,
            description = "Lowest confidence that fails the build: low | medium | high (default: ${DEFAULT-VALUE}).")
    Confidence failConfidence;

    @Option(names = "--min-confidence", paramLabel = "LEVEL", converter = ConfidenceConverter.class,
            description = "Lowest confidence the table and markdown reports list; the others are counted "
                    + "(default: medium for markdown and for the table on a terminal, low otherwise). "
                    + "json, sarif, csv and html keep everything.")
    Confidence minConfidence;

    @Option(names = "--progress", description = "Show the live progress line on stderr even when it is not a terminal or in CI.")
    boolean progress;

    @Option(names = "--timings", description = "Measure wall and CPU time per phase: a scan.timings block in JSON, "
            + "a table on stderr for the other formats.")
    boolean timings;

    @Option(names = "--no-progress", description = "No progress line (default on a terminal: shown, elsewhere: not).")
    boolean noProgress;

    @Option(names = {"-q", "--quiet"}, description = "Nothing on stderr but errors: no progress line.")
    boolean quiet;

    @Option(names = "--show-secrets", description = "Print secret values in the report (never the default).")
    boolean showSecrets;

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Skip paths matching GLOB (repeatable); a GLOB without '/' matches any file or folder name.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = DEFAULT_MAX_FILE_SIZE, converter = SizeConverter.class,
            description = "Skip (with a warning) files larger than SIZE, e.g. 500K, 50M, 1G (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Option(names = "--ignore-file", paramLabel = "FILE",
            description = "Suppressions to use instead of each target's .sprawlignore.")
    Path ignoreFile;

    @Option(names = "--no-ignore-file", description = "Read no suppression file (sprawl:allow comments still apply).")
    boolean noIgnoreFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The identities manifest to use for every target instead of each target's .sprawl.yaml.")
    Path config;

    @Option(names = "--no-config", description = "Read no identities manifest (.sprawl.yaml).")
    boolean noConfig;

    @Option(names = "--max-parse-size", paramLabel = "SIZE", defaultValue = DEFAULT_MAX_PARSE_SIZE, converter = SizeConverter.class,
            description = "Largest file whose structure (CI, Kubernetes, Terraform...) is analyzed; larger files get "
                    + "the text scan only (default: ${DEFAULT-VALUE}).")
    long maxParseSize;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--since", paramLabel = "REV",
            description = "Git: only what the commits reachable from HEAD and not from REV add (the CI gate).")
    String since;

    @Option(names = "--staged", description = "Git: only what is staged in the index against HEAD (pre-commit hook).")
    boolean staged;

    @Option(names = "--no-history", description = "Git: the working tree only, no history.")
    boolean noHistory;

    @Option(names = "--ref", paramLabel = "REF", description = "Git: limit the history to REF (repeatable).")
    List<String> refs = new ArrayList<>();

    @Option(names = "--allow-shallow", description = "Git: a shallow clone is not an incomplete scan.")
    boolean allowShallow;

    @Option(names = "--max-archive-depth", paramLabel = "N", defaultValue = DEFAULT_MAX_ARCHIVE_DEPTH,
            description = "Expand archives inside archives down to N levels; 0 expands none (default: ${DEFAULT-VALUE}).")
    int maxArchiveDepth;

    @Option(names = "--max-archive-entries", paramLabel = "N", defaultValue = DEFAULT_MAX_ARCHIVE_ENTRIES,
            description = "Members read from one archive or image layer, nested ones included (default: ${DEFAULT-VALUE}).")
    long maxArchiveEntries;

    @Option(names = "--max-archive-bytes", paramLabel = "SIZE", defaultValue = DEFAULT_MAX_ARCHIVE_BYTES, converter = SizeConverter.class,
            description = "Bytes expanded from one archive or image layer, nested ones included (default: ${DEFAULT-VALUE}).")
    long maxArchiveBytes;

    @Option(names = "--max-archive-ratio", paramLabel = "N", defaultValue = DEFAULT_MAX_ARCHIVE_RATIO,
            description = "Largest expansion ratio of one compressed stream before it counts as a bomb (default: ${DEFAULT-VALUE}).")
    long maxArchiveRatio;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Scan only this platform of multi-platform images (default: every platform).")
    String platform;

    @Option(names = "--insecure-registry",
            description = "Pull registry:// images over plain HTTP (loopback registries always are).")
    boolean insecureRegistry;

    // ---- org scale (issue 11): incremental datastore and shards; see docs/scale.md ----

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Keep bare clones and a datastore of scanned blobs with their results in DIR (created 0700; "
                    + "it holds secret values): a rescan reads only new blobs and reports the full inventory.")
    Path cacheDir;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT", converter = ShardConverter.class,
            description = "Scan only the targets of shard INDEX (from 0) of COUNT, chosen by a stable hash of each "
                    + "target; combine the shards' json reports with 'sprawl merge'.")
    Shards.Shard shard;

    static final class ShardConverter implements picocli.CommandLine.ITypeConverter<Shards.Shard> {
        @Override
        public Shards.Shard convert(String value) {
            try {
                return Shards.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The expanded target list cut to this worker's shard (all of it without --shard). */
    private List<String> sharded(List<String> expanded) {
        return shard == null ? expanded : Shards.select(expanded, shard);
    }

    /** The datastore of --cache, or null without it. */
    private BlobStore openCache(RuleSet rules) throws IOException {
        if (cacheDir == null) {
            return null;
        }
        List<String> analyzers = dev.sprawl.analyze.StructuredScan.registered().stream()
                .map(a -> a.getClass().getName()).toList();
        String identity = BlobStore.rulesIdentity(rules, analyzers, maxParseSize, Version.get());
        return BlobStore.open(cacheDir, Version.get(), identity, rules);
    }

    // ---- end of org scale ----

    // ---- organisation scans (dev.sprawl.org): URLs, github:ORG, gitlab:GROUP; flags in OrgFlags ----
    @picocli.CommandLine.Mixin
    OrgFlags orgFlags = new OrgFlags();

    /** Resolves remote targets and selectors (null when there are none), or prints a usage error. */
    private OrgRun resolveRemotes(List<String> given) throws InterruptedException {
        if (!orgFlags.listTargets && given.stream().noneMatch(dev.sprawl.org.TargetResolver::isRemote)) {
            return null;
        }
        return OrgRun.resolve(orgFlags.options(parent.env()), given);
    }
    // ---- end of organisation scans ----

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        List<String> given = new ArrayList<>(targets);
        OrgRun org;
        try {
            if (orgFlags.targetsFrom != null) {
                given.addAll(dev.sprawl.org.TargetResolver.readTargetsFile(orgFlags.targetsFrom));
            }
            if (given.isEmpty()) {
                given.add(".");
            }
            org = resolveRemotes(given);
        } catch (IOException e) {
            err.println("sprawl: cannot read --targets-from " + orgFlags.targetsFrom + ": " + e.getMessage());
            return ExitCode.USAGE.code();
        } catch (IllegalArgumentException e) {
            err.println("sprawl: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (org != null && shard != null) {
            org.shard(shard);
        }
        if (org != null && orgFlags.listTargets) {
            return org.list(out(), err);
        }
        try (OrgRun remote = org) {
            return scan(org == null ? sharded(given) : org.locals(), org, org == null && shard != null ? given : null, err);
        }
    }

    /**
     * @param unsharded the whole local target list a shard was cut from (its {@code scan.targets}), or null
     */
    private int scan(List<String> given, OrgRun org, List<String> unsharded, PrintWriter err) throws Exception {
        List<Path> paths = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String t : given) {
            if (ImageReference.isRegistryTarget(t)) {
                try {
                    ImageReference.parse(t);
                } catch (IllegalArgumentException e) {
                    err.println("sprawl: " + e.getMessage());
                    return ExitCode.USAGE.code();
                }
                paths.add(Path.of(t.replace("://", "/")));
                labels.add(t);
                continue;
            }
            Path p = Path.of(t);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                err.println("sprawl: no such file or directory: " + p);
                return ExitCode.USAGE.code();
            }
            paths.add(p);
            labels.add(p.toString());
        }
        ArchiveLimits archiveLimits;
        ImageOptions imageOptions;
        try {
            archiveLimits = new ArchiveLimits(maxArchiveDepth, maxArchiveEntries, maxArchiveBytes, maxArchiveRatio);
            imageOptions = new ImageOptions(platform, insecureRegistry);
        } catch (IllegalArgumentException e) {
            err.println("sprawl: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (threads != null && threads < 1) {
            err.println("sprawl: --threads must be at least 1");
            return ExitCode.USAGE.code();
        }
        GitOptions git = new GitOptions(since, staged, noHistory, refs, allowShallow);
        String gitProblem = checkGit(git, paths);
        if (gitProblem == null && org != null && org.hasRemotes() && git.needsRepository()) {
            gitProblem = "--since, --staged and --ref apply to local repositories only, not to remote targets";
        }
        if (gitProblem != null) {
            err.println("sprawl: " + gitProblem);
            return ExitCode.USAGE.code();
        }
        RuleSet rules;
        try {
            rules = RuleLoading.load(ruleFiles);
        } catch (RuleLoadException | IOException e) {
            err.println("sprawl: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (config != null && noConfig) {
            err.println("sprawl: --config cannot be combined with --no-config");
            return ExitCode.USAGE.code();
        }
        Governance governance;
        try {
            governance = Governance.load(paths, labels, config, noConfig);
        } catch (ManifestException e) {
            e.problems().forEach(p -> err.println("sprawl: " + p));
            return ExitCode.USAGE.code();
        }
        Set<String> known = null;
        if (baseline != null) {
            try {
                Baseline.Contents contents = Baseline.read(baseline);
                known = contents.fingerprints();
                governance = governance.withBaseline(contents.secrets());
            } catch (IOException e) {
                err.println("sprawl: cannot use baseline " + baseline + ": " + e.getMessage());
                return ExitCode.USAGE.code();
            }
        }
        FailOn policy = failOn != null ? failOn : (baseline != null ? FailOn.new_ : FailOn.any);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (ignoreFile != null && !Files.isRegularFile(ignoreFile)) {
            err.println("sprawl: no such ignore file: " + ignoreFile);
            return ExitCode.USAGE.code();
        }
        Timings timed = timings ? new Timings() : null;
        if (timed != null) {
            timed.start();
        }
        if (cacheDir != null) {
            BlobStore.preload();
        }
        try {
            return scanTargets(paths, labels, org, unsharded, rules, governance, known, policy, workers,
                    new Limits(archiveLimits, imageOptions, git), timed);
        } finally {
            if (timed != null) {
                timed.stop();
            }
        }
    }

    /** The limits and options already checked, handed to {@link #scanTargets}. */
    private record Limits(ArchiveLimits archives, ImageOptions images, GitOptions git) {
    }

    private int scanTargets(List<Path> paths, List<String> labels, OrgRun org, List<String> unsharded, RuleSet rules,
            Governance governance, Set<String> known, FailOn policy, int workers, Limits limits, Timings timed)
            throws IOException, InterruptedException {
        dev.sprawl.scan.RepoTargets repos = null;
        if (org != null) {
            int locals = paths.size();
            if (org.hasRemotes()) {
                if (cacheDir != null) {
                    org.keepClonesIn(cacheDir);
                }
                try (Timings.Scope fetching = Timings.enter(Timings.Phase.REMOTES)) {
                    paths.addAll(org.materialize());
                }
                labels.addAll(org.repos());
            }
            repos = org.repoTargets(locals);
        } else if (unsharded != null) {
            repos = new dev.sprawl.scan.RepoTargets(unsharded, List.of(), List.of(), List.of());
        }
        ScanRequest request = new ScanRequest(paths, labels, rules, excludes, maxFileSize, workers, known,
                ignoreFile, !noIgnoreFile, maxParseSize, limits.archives(), limits.images(), limits.git(), repos,
                progressLine(err()));
        return scanAndReport(request, rules, governance, policy, timed);
    }

    private int scanAndReport(ScanRequest request, RuleSet rules, Governance governance, FailOn policy, Timings timed)
            throws IOException, InterruptedException {
        PrintWriter err = err();
        Inventory inventory;
        BlobStore cache;
        try {
            cache = openCache(rules);
        } catch (IOException e) {
            err.println("sprawl: cannot use --cache " + cacheDir + ": " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        try {
            inventory = new Scanner(Clock.systemUTC(), cache, shard != null, governance).scan(request);
        } finally {
            if (cache != null) {
                cache.close();
            }
        }

        boolean toTerminal = output == null && parent.terminal();
        Format fmt = format != null ? format : (toTerminal ? Format.table : Format.json);
        Confidence listed = minConfidence != null ? minConfidence
                : (fmt == Format.markdown || toTerminal) ? Confidence.MEDIUM : Confidence.LOW;
        ReportOptions options = new ReportOptions(showSecrets, toTerminal && fmt == Format.table, Version.get(), listed);
        Reporter chosen = switch (fmt) {
            case table -> new TableReporter(options);
            case json -> new JsonReporter(options);
            case sarif -> new SarifReporter(options);
            case html -> new HtmlReporter(options);
            case csv -> new CsvReporter(options);
            case markdown -> new MarkdownReporter(options);
        };
        if (timed != null && fmt == Format.json) {
            // the report's own time is measured on an in-memory rendering, since the block is part of it
            try (Timings.Scope s = Timings.enter(Timings.Phase.REPORT)) {
                new JsonReporter(options).write(inventory, new java.io.StringWriter());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            chosen = new JsonReporter(options, timed.asMap());
        }
        Reporter reporter = chosen;
        Timings.Scope reportPhase = Timings.enter(fmt == Format.json ? null : Timings.Phase.REPORT);
        if (output == null) {
            reporter.write(inventory, out());
        } else {
            try {
                ReportFile.write(output, w -> reporter.write(inventory, w));
            } catch (IOException e) {
                err.println("sprawl: cannot write " + output + ": " + (e.getMessage() != null ? e.getMessage()
                        : e.getClass().getSimpleName()) + " (nothing written)");
                return ExitCode.USAGE.code();
            }
        }
        reportPhase.close();
        if (timed != null && fmt != Format.json) {
            out().flush();
            err.print("sprawl timings (wall and CPU summed over threads):\n" + timed.table());
            err.flush();
        }
        ExitCode code = exitCode(inventory, policy, failConfidence, governance);
        if (code == ExitCode.SECRETS && exitCode(inventory, policy, failConfidence) != ExitCode.SECRETS) {
            err.println("sprawl: the manifest's policy fails the build: " + policyCodes(inventory, governance));
        }
        return code.code();
    }

    /** The policy codes found, with how many secrets carry each ({@code identity-expired (2)}). */
    private static String policyCodes(Inventory inventory, Governance governance) {
        java.util.TreeMap<String, Integer> counts = new java.util.TreeMap<>();
        for (SecretEntry s : inventory.secrets()) {
            governance.policyFailures(s, inventory).forEach(c -> counts.merge(c, 1, Integer::sum));
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((c, n) -> parts.add(c + " (" + n + (n == 1 ? " secret)" : " secrets)")));
        return String.join(", ", parts);
    }

    /**
     * As {@link #exitCode(Inventory, FailOn, Confidence)}, and also exit 1 when a secret that is not
     * suppressed carries a finding its manifest's {@code policy.fail} names, whatever its confidence and
     * newness; {@code --fail-on never} fails on nothing.
     */
    static ExitCode exitCode(Inventory inventory, FailOn policy, Confidence minimum, Governance governance) {
        ExitCode code = exitCode(inventory, policy, minimum);
        if (code == ExitCode.SECRETS || policy == FailOn.never) {
            return code;
        }
        for (SecretEntry s : inventory.secrets()) {
            if (!governance.policyFailures(s, inventory).isEmpty()) {
                return ExitCode.SECRETS;
            }
        }
        return code;
    }

    /** The live line when asked, or by default on a terminal outside CI; never with --quiet or --no-progress. */
    private ProgressLine progressLine(PrintWriter err) {
        Terminal t = parent.console();
        boolean show = !quiet && !noProgress && (progress || (t.stderr() && !t.ci()));
        return show ? new ProgressLine(err, System::nanoTime, true) : null;
    }

    /** Flags that exclude each other, and git flags on targets that are not repositories. */
    private static String checkGit(GitOptions git, List<Path> paths) {
        if (git.staged() && (git.since() != null || git.noHistory() || !git.refs().isEmpty())) {
            return "--staged cannot be combined with --since, --no-history or --ref";
        }
        if (git.noHistory() && (git.since() != null || !git.refs().isEmpty())) {
            return "--no-history cannot be combined with --since or --ref";
        }
        for (Path p : paths) {
            String problem = GitRepos.checkOptions(p, git);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static ExitCode exitCode(Inventory inventory, FailOn policy, Confidence minimum) {
        boolean fail = false;
        if (policy != FailOn.never) {
            for (SecretEntry s : inventory.secrets()) {
                if (s.ignored() != null) {
                    continue;
                }
                boolean counts = policy == FailOn.any || !Boolean.FALSE.equals(s.isNew());
                if (counts && s.confidence().atLeast(minimum)) {
                    fail = true;
                    break;
                }
            }
        }
        if (fail) {
            return ExitCode.SECRETS;
        }
        return inventory.complete() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }

    static final class FailOnConverter implements picocli.CommandLine.ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "any": return FailOn.any;
                case "new": return FailOn.new_;
                case "never": return FailOn.never;
                default: throw new picocli.CommandLine.TypeConversionException("expected any, new or never");
            }
        }
    }

    static final class ConfidenceConverter implements picocli.CommandLine.ITypeConverter<Confidence> {
        @Override
        public Confidence convert(String value) {
            Confidence c = Confidence.fromLabel(value);
            if (c == null) {
                throw new picocli.CommandLine.TypeConversionException("expected low, medium or high");
            }
            return c;
        }
    }

    static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(java.util.Locale.ROOT);
            long unit = 1;
            if (v.endsWith("B")) {
                v = v.substring(0, v.length() - 1);
            }
            if (v.endsWith("K")) {
                unit = 1024;
            } else if (v.endsWith("M")) {
                unit = 1024 * 1024;
            } else if (v.endsWith("G")) {
                unit = 1024L * 1024 * 1024;
            }
            if (unit > 1) {
                v = v.substring(0, v.length() - 1);
            }
            try {
                long n = Long.parseLong(v);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n * unit;
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("expected a size such as 500K, 50M or 1G");
            }
        }
    }
}
