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

    /** Sets one option from its value (null for a flag); false when the value is not taken here. */
    private interface Setter {
        boolean set(ScanCommand c, String value);
    }

    private record Opt(boolean takesValue, boolean repeatable, Setter setter) {
    }

    private static final Map<String, Opt> OPTIONS = new HashMap<>();

    private static void flag(Setter s, String... names) {
        for (String n : names) {
            OPTIONS.put(n, new Opt(false, false, s));
        }
    }

    private static void value(Setter s, String... names) {
        for (String n : names) {
            OPTIONS.put(n, new Opt(true, false, s));
        }
    }

    private static void repeated(Setter s, String name) {
        OPTIONS.put(name, new Opt(true, true, s));
    }

    static {
        value((c, v) -> (c.format = format(v)) != null, "-f", "--format");
        value((c, v) -> (c.output = path(v)) != null, "-o", "--output");
        repeated((c, v) -> add(c.ruleFiles, path(v)), "--rules");
        value((c, v) -> (c.baseline = path(v)) != null, "--baseline");
        value((c, v) -> (c.failOn = failOn(v)) != null, "--fail-on");
        value((c, v) -> (c.failConfidence = confidence(v)) != null, "--fail-confidence");
        value((c, v) -> (c.minConfidence = confidence(v)) != null, "--min-confidence");
        flag((c, v) -> c.progress = true, "--progress");
        flag((c, v) -> c.timings = true, "--timings");
        flag((c, v) -> c.noProgress = true, "--no-progress");
        flag((c, v) -> c.quiet = true, "-q", "--quiet");
        flag((c, v) -> c.showSecrets = true, "--show-secrets");
        repeated((c, v) -> c.excludes.add(v), "--exclude");
        value((c, v) -> (c.maxFileSize = size(v)) >= 0, "--max-file-size");
        value((c, v) -> (c.ignoreFile = path(v)) != null, "--ignore-file");
        flag((c, v) -> c.noIgnoreFile = true, "--no-ignore-file");
        value((c, v) -> (c.config = path(v)) != null, "--config");
        flag((c, v) -> c.noConfig = true, "--no-config");
        value((c, v) -> (c.maxParseSize = size(v)) >= 0, "--max-parse-size");
        value((c, v) -> {
            long n = number(v, 9);
            c.threads = n < 0 ? null : (int) n;
            return n >= 0;
        }, "--threads");
        value((c, v) -> (c.since = v) != null, "--since");
        flag((c, v) -> c.staged = true, "--staged");
        flag((c, v) -> c.noHistory = true, "--no-history");
        repeated((c, v) -> c.refs.add(v), "--ref");
        flag((c, v) -> c.allowShallow = true, "--allow-shallow");
        value((c, v) -> (c.maxArchiveDepth = (int) number(v, 9)) >= 0, "--max-archive-depth");
        value((c, v) -> (c.maxArchiveEntries = number(v, 18)) >= 0, "--max-archive-entries");
        value((c, v) -> (c.maxArchiveBytes = size(v)) >= 0, "--max-archive-bytes");
        value((c, v) -> (c.maxArchiveRatio = number(v, 18)) >= 0, "--max-archive-ratio");
        value((c, v) -> (c.platform = v) != null, "--platform");
        flag((c, v) -> c.insecureRegistry = true, "--insecure-registry");
        value((c, v) -> (c.cacheDir = path(v)) != null, "--cache");
        value((c, v) -> {
            try {
                c.shard = new ScanCommand.ShardConverter().convert(v);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }, "--shard");
        value((c, v) -> (c.orgFlags.targetsFrom = path(v)) != null, "--targets-from");
        flag((c, v) -> c.orgFlags.listTargets = true, "--list-targets");
        value((c, v) -> (c.orgFlags.githubApi = v) != null, "--github-api");
        value((c, v) -> (c.orgFlags.gitlabUrl = v) != null, "--gitlab-url");
        flag((c, v) -> c.orgFlags.includeForks = true, "--include-forks");
        flag((c, v) -> c.orgFlags.includeArchived = true, "--include-archived");
        value((c, v) -> (c.orgFlags.maxRateLimitWait = number(v, 18)) >= 0, "--max-rate-limit-wait");
        value((c, v) -> (c.orgFlags.networkTimeout = (int) number(v, 9)) >= 0, "--network-timeout");
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
        Set<Setter> seen = new HashSet<>();
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
            if (!o.repeatable() && !seen.add(o.setter())) {
                return null; // given twice: picocli's error
            }
            if (!o.takesValue()) {
                if (value != null || !o.setter().set(c, null)) {
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
            if (!o.setter().set(c, value)) {
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

    private static <T> boolean add(java.util.List<T> list, T value) {
        return value != null && list.add(value);
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
