package dev.sprawl.scan;

import dev.sprawl.analyze.StructuredScan;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.source.archive.ArchiveLimits;
import dev.sprawl.source.git.GitOptions;
import dev.sprawl.source.image.ImageOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything a scan needs, parsed and validated by the CLI.
 *
 * @param targets      paths to scan
 * @param labels       how each target is named in the report (as given on the command line)
 * @param excludes     {@code --exclude} globs
 * @param maxFileSize  {@code --max-file-size} in bytes
 * @param threads      worker threads
 * @param baseline     fingerprints from {@code --baseline}, or null
 * @param ignoreFile   the {@code --ignore-file}, or null to use each target's {@code .sprawlignore}
 * @param useIgnoreFiles false with {@code --no-ignore-file}: no suppression file is read
 * @param maxParseSize {@code --max-parse-size}: largest file the structured analyzers parse, in bytes
 * @param archives     budgets for expanding archives and image layers ({@code --max-archive-*}); null: defaults
 * @param images       how container images are read ({@code --platform}, registry access); null: defaults
 * @param git          how git repositories are scanned ({@code --since}, {@code --staged}...); null: defaults
 * @param repos        the remote repositories among the targets (organisation scans); null: none
 * @param progress     told when the scan starts (with read-only counters) and ends; null: nobody
 */
public record ScanRequest(
        List<Path> targets,
        List<String> labels,
        RuleSet rules,
        List<String> excludes,
        long maxFileSize,
        int threads,
        Set<String> baseline,
        Path ignoreFile,
        boolean useIgnoreFiles,
        long maxParseSize,
        ArchiveLimits archives,
        ImageOptions images,
        GitOptions git,
        RepoTargets repos,
        ScanProgress.Listener progress) {

    /** Default {@code --max-file-size}: 50 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 50L * 1024 * 1024;

    public ScanRequest {
        targets = List.copyOf(targets);
        labels = List.copyOf(labels);
        excludes = List.copyOf(excludes);
        baseline = baseline == null ? null : Set.copyOf(baseline);
        archives = archives == null ? ArchiveLimits.DEFAULTS : archives;
        images = images == null ? ImageOptions.DEFAULTS : images;
        git = git == null ? GitOptions.DEFAULTS : git;
        repos = repos == null ? RepoTargets.NONE : repos;
        progress = progress == null ? ScanProgress.Listener.NONE : progress;
    }

    /** A request nobody watches. */
    public ScanRequest(List<Path> targets, List<String> labels, RuleSet rules, List<String> excludes,
                       long maxFileSize, int threads, Set<String> baseline, Path ignoreFile, boolean useIgnoreFiles,
                       long maxParseSize, ArchiveLimits archives, ImageOptions images, GitOptions git,
                       RepoTargets repos) {
        this(targets, labels, rules, excludes, maxFileSize, threads, baseline, ignoreFile, useIgnoreFiles,
                maxParseSize, archives, images, git, repos, null);
    }

    /** A request without remote repositories. */
    public ScanRequest(List<Path> targets, List<String> labels, RuleSet rules, List<String> excludes,
                       long maxFileSize, int threads, Set<String> baseline, Path ignoreFile, boolean useIgnoreFiles,
                       long maxParseSize, ArchiveLimits archives, ImageOptions images, GitOptions git) {
        this(targets, labels, rules, excludes, maxFileSize, threads, baseline, ignoreFile, useIgnoreFiles,
                maxParseSize, archives, images, git, null, null);
    }

    /** A request with no explicit ignore file and the default {@code --max-parse-size}. */
    public ScanRequest(List<Path> targets, List<String> labels, RuleSet rules, List<String> excludes,
                       long maxFileSize, int threads, Set<String> baseline) {
        this(targets, labels, rules, excludes, maxFileSize, threads, baseline, null, true,
                StructuredScan.DEFAULT_MAX_PARSE_SIZE, null, null, null, null, null);
    }
}
