package dev.sprawl.cli;

import dev.sprawl.rules.Confidence;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The command lines of everyday scans, parsed without picocli. Building picocli's model of the
 * commands (annotations read through reflection, one proxy class per annotation type) is the largest
 * part of a small scan's start-up: 0.15-0.2 s of a 0.3-0.6 s pre-commit hook on two cores.
 *
 * <p>Only the plain forms are taken here: {@code scan}, then targets and known options written as
 * {@code --name}, {@code --name VALUE}, {@code --name=VALUE} or {@code -f VALUE}, each single-valued
 * option at most once, every value in its canonical form. Anything else (help, another command, an
 * unknown or clustered option, {@code --}, an {@code @file}, a value picocli might read differently,
 * a value its converter rejects) returns null and picocli parses the command line as before, with its
 * messages. {@code QuickArgsTest} checks that whatever is taken here configures the command exactly as
 * picocli does.
 */
final class QuickArgs {

    private QuickArgs() {
    }

    /** How an option is written: its canonical name, whether it takes a value, whether it repeats. */
    private record Opt(String name, boolean takesValue, boolean repeatable) {
    }

    /** Option name (every alias) to its form; a plain table, no lambdas to link at start-up. */
    private static final Map<String, Opt> OPTIONS = new HashMap<>();

    private static final String[] FLAGS = {"--progress", "--timings", "--no-progress", "--quiet", "--show-secrets",
        "--no-ignore-file", "--no-config", "--staged", "--no-history", "--allow-shallow", "--insecure-registry",
        "--list-targets", "--include-forks", "--include-archived"};
    private static final String[] VALUES = {"--format", "--output", "--baseline", "--fail-on", "--fail-confidence",
        "--min-confidence", "--max-file-size", "--ignore-file", "--config", "--max-parse-size", "--threads", "--since",
        "--max-archive-depth", "--max-archive-entries", "--max-archive-bytes", "--max-archive-ratio", "--platform",
        "--cache", "--shard", "--targets-from", "--github-api", "--gitlab-url", "--max-rate-limit-wait",
        "--network-timeout"};
    private static final String[] REPEATED = {"--rules", "--exclude", "--ref"};

    static {
        for (String n : FLAGS) {
            OPTIONS.put(n, new Opt(n, false, false));
        }
        for (String n : VALUES) {
            OPTIONS.put(n, new Opt(n, true, false));
        }
        for (String n : REPEATED) {
            OPTIONS.put(n, new Opt(n, true, true));
        }
        OPTIONS.put("-q", OPTIONS.get("--quiet"));
        OPTIONS.put("-f", OPTIONS.get("--format"));
        OPTIONS.put("-o", OPTIONS.get("--output"));
    }

    /** Sets option {@code name} (canonical) from {@code v} (null for a flag); false when the value is not taken here. */
    private static boolean set(ScanCommand c, String name, String v) {
        OrgFlags org = c.orgFlags;
        switch (name) {
            case "--progress" -> c.progress = true;
            case "--timings" -> c.timings = true;
            case "--no-progress" -> c.noProgress = true;
            case "--quiet" -> c.quiet = true;
            case "--show-secrets" -> c.showSecrets = true;
            case "--no-ignore-file" -> c.noIgnoreFile = true;
            case "--no-config" -> c.noConfig = true;
            case "--staged" -> c.staged = true;
            case "--no-history" -> c.noHistory = true;
            case "--allow-shallow" -> c.allowShallow = true;
            case "--insecure-registry" -> c.insecureRegistry = true;
            case "--list-targets" -> org.listTargets = true;
            case "--include-forks" -> org.includeForks = true;
            case "--include-archived" -> org.includeArchived = true;
            case "--format" -> {
                return (c.format = format(v)) != null;
            }
            case "--output" -> {
                return (c.output = path(v)) != null;
            }
            case "--baseline" -> {
                return (c.baseline = path(v)) != null;
            }
            case "--fail-on" -> {
                return (c.failOn = failOn(v)) != null;
            }
            case "--fail-confidence" -> {
                return (c.failConfidence = confidence(v)) != null;
            }
            case "--min-confidence" -> {
                return (c.minConfidence = confidence(v)) != null;
            }
            case "--max-file-size" -> {
                return (c.maxFileSize = size(v)) >= 0;
            }
            case "--ignore-file" -> {
                return (c.ignoreFile = path(v)) != null;
            }
            case "--config" -> {
                return (c.config = path(v)) != null;
            }
            case "--max-parse-size" -> {
                return (c.maxParseSize = size(v)) >= 0;
            }
            case "--threads" -> {
                long n = number(v, 9);
                c.threads = n < 0 ? null : (int) n;
                return n >= 0;
            }
            case "--since" -> c.since = v;
            case "--max-archive-depth" -> {
                return (c.maxArchiveDepth = (int) number(v, 9)) >= 0;
            }
            case "--max-archive-entries" -> {
                return (c.maxArchiveEntries = number(v, 18)) >= 0;
            }
            case "--max-archive-bytes" -> {
                return (c.maxArchiveBytes = size(v)) >= 0;
            }
            case "--max-archive-ratio" -> {
                return (c.maxArchiveRatio = number(v, 18)) >= 0;
            }
            case "--platform" -> c.platform = v;
            case "--cache" -> {
                return (c.cacheDir = path(v)) != null;
            }
            case "--shard" -> {
                try {
                    c.shard = new ScanCommand.ShardConverter().convert(v);
                } catch (RuntimeException e) {
                    return false;
                }
            }
            case "--targets-from" -> {
                return (org.targetsFrom = path(v)) != null;
            }
            case "--github-api" -> org.githubApi = v;
            case "--gitlab-url" -> org.gitlabUrl = v;
            case "--max-rate-limit-wait" -> {
                return (org.maxRateLimitWait = number(v, 18)) >= 0;
            }
            case "--network-timeout" -> {
                return (org.networkTimeout = (int) number(v, 9)) >= 0;
            }
            case "--rules" -> {
                Path p = path(v);
                return p != null && c.ruleFiles.add(p);
            }
            case "--exclude" -> c.excludes.add(v);
            case "--ref" -> c.refs.add(v);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The option names taken here (for the test that compares them with picocli's model). */
    static Set<String> names() {
        return Set.copyOf(OPTIONS.keySet());
    }

    /** Whether the command line asks for the version only ({@code sprawl --version}). */
    static boolean version(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /**
     * The {@code scan} command configured from {@code args} as picocli would configure it, or null when
     * the command line is not one of the plain forms taken here.
     */
    static ScanCommand scan(String[] args, SprawlCommand parent) {
        if (args.length == 0 || !args[0].equals("scan")) {
            return null;
        }
        ScanCommand c = defaults(new ScanCommand());
        c.parent = parent;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.charAt(0) == '@') {
                return null; // picocli reads @files
            }
            if (a.charAt(0) != '-') {
                c.targets.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Opt o = OPTIONS.get(name);
            if (o == null) {
                return null;
            }
            if (!o.repeatable() && !seen.add(o.name())) {
                return null; // given twice: picocli's error
            }
            if (!o.takesValue()) {
                if (value != null || !set(c, o.name(), null)) {
                    return null;
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
                if (value.startsWith("-") || value.startsWith("@")) {
                    return null; // picocli may take it as an option, or read a file
                }
            }
            if (value.isEmpty()) {
                return null;
            }
            if (!set(c, o.name(), value)) {
                return null;
            }
        }
        return c;
    }

    /** The options' default values, as picocli applies them before parsing. */
    private static ScanCommand defaults(ScanCommand c) {
        c.failConfidence = confidence(ScanCommand.DEFAULT_FAIL_CONFIDENCE);
        c.maxFileSize = size(ScanCommand.DEFAULT_MAX_FILE_SIZE);
        c.maxParseSize = size(ScanCommand.DEFAULT_MAX_PARSE_SIZE);
        c.maxArchiveDepth = (int) number(ScanCommand.DEFAULT_MAX_ARCHIVE_DEPTH, 9);
        c.maxArchiveEntries = number(ScanCommand.DEFAULT_MAX_ARCHIVE_ENTRIES, 18);
        c.maxArchiveBytes = size(ScanCommand.DEFAULT_MAX_ARCHIVE_BYTES);
        c.maxArchiveRatio = number(ScanCommand.DEFAULT_MAX_ARCHIVE_RATIO, 18);
        c.orgFlags.githubApi = dev.sprawl.org.OrgOptions.DEFAULT_GITHUB_API;
        c.orgFlags.gitlabUrl = dev.sprawl.org.OrgOptions.DEFAULT_GITLAB_URL;
        c.orgFlags.maxRateLimitWait = number(OrgFlags.DEFAULT_MAX_RATE_LIMIT_WAIT, 18);
        c.orgFlags.networkTimeout = (int) number(OrgFlags.DEFAULT_NETWORK_TIMEOUT, 9);
        return c;
    }

    private static ScanCommand.Format format(String v) {
        for (ScanCommand.Format f : ScanCommand.Format.values()) {
            if (f.name().equalsIgnoreCase(v)) {
                return f;
            }
        }
        return null;
    }

    private static ScanCommand.FailOn failOn(String v) {
        try {
            return new ScanCommand.FailOnConverter().convert(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Confidence confidence(String v) {
        return Confidence.fromLabel(v);
    }

    private static Path path(String v) {
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A size in the converter's form (digits, then K, M or G), or -1. */
    private static long size(String v) {
        int digits = v.length() - (v.endsWith("K") || v.endsWith("M") || v.endsWith("G") ? 1 : 0);
        if (number(v.substring(0, digits), 12) < 0) {
            return -1;
        }
        return new ScanCommand.SizeConverter().convert(v);
    }

    /** A decimal number of at most {@code maxDigits} digits without a sign or leading zero, or -1. */
    private static long number(String v, int maxDigits) {
        if (v.isEmpty() || v.length() > maxDigits || (v.length() > 1 && v.charAt(0) == '0')) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
