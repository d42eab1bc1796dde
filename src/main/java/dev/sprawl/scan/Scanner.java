package dev.sprawl.scan;

import dev.sprawl.analyze.StructuredScan;
import dev.sprawl.classify.Classifier;
import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Keystores;
import dev.sprawl.classify.Location;
import dev.sprawl.detect.DetectProblem;
import dev.sprawl.detect.Detection;
import dev.sprawl.detect.Detector;
import dev.sprawl.detect.Known;
import dev.sprawl.govern.Governance;
import dev.sprawl.inventory.IgnoreFile;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.InventoryBuilder;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.inventory.owner.OwnerResolver;
import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ForwardingBlobSink;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.Source;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.TextSniffer;
import dev.sprawl.source.archive.ArchiveExpander;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the pipeline: sources → detect (rules, then the structured analyzers on the same blob) →
 * classify → inventory → govern. Blobs are detected, analyzed and classified on the worker thread that read
 * them; findings and references are grouped into the inventory once every source is done.
 */
public final class Scanner {

    private final Clock clock;
    private final Governance governance;

    public Scanner(Clock clock) {
        this(clock, Governance.DEFAULT);
    }

    /** A scanner whose inventory goes through {@code governance} (manifests, baseline) before it is returned. */
    public Scanner(Clock clock, Governance governance) {
        this.clock = clock;
        this.governance = governance;
    }

    public Inventory scan(ScanRequest request) throws InterruptedException {
        try {
            return run(request);
        } finally {
            request.progress().finished();
        }
    }

    private Inventory run(ScanRequest request) throws InterruptedException {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Detector detector = new Detector(request.rules());
        Sink sink = new Sink(detector, new StructuredScan(StructuredScan.registered(), request.maxParseSize()),
                new ArchiveExpander(request.archives(), request.maxFileSize()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(request.threads(), request.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(64, request.threads() * 16)), daemonThreads(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        Map<String, OwnerResolver> ownersByTarget = new HashMap<>();
        Map<String, IgnoreFile> ignoresByTarget = new HashMap<>();
        boolean many = request.targets().size() > 1;
        request.repos().warnings().forEach(sink::warn);
        RepoLedger ledger = new RepoLedger(request.repos());
        Live live = new Live(sink, request.targets().size());
        request.progress().started(live);
        try {
            for (int t = 0; t < request.targets().size(); t++) {
                Path target = request.targets().get(t);
                String label = request.labels().get(t);
                String repo = request.repos().repoOf(t);
                RepoLedger.Start count = ledger.start(repo, sink);
                BlobSink targetSink = repo != null ? new TargetLabelSink(sink, "repo", repo)
                        : many ? new TargetLabelSink(sink, "target", label) : sink;
                ownersByTarget.put(label, Owners.forTarget(target, targetSink::warn));
                ignoresByTarget.put(label, request.useIgnoreFiles()
                        ? Owners.ignoreFile(target, request.ignoreFile(), targetSink::warn) : IgnoreFile.EMPTY);
                try {
                    Source source = Sources.forTarget(target, label, request);
                    source.scan(new SourceContext(target, pool, targetSink, request.excludes(), request.maxFileSize()));
                } catch (IOException e) {
                    targetSink.warn(new ScanWarning("target-unreadable", "cannot scan target: "
                            + e.getClass().getSimpleName(), repo == null ? label : null, true));
                } catch (RuntimeException e) {
                    if (repo == null) {
                        throw e;
                    }
                    // one repository of an organisation scan never stops the others
                    targetSink.warn(new ScanWarning("target-unreadable", "scanning this repository failed ("
                            + e.getClass().getSimpleName() + "); the others are scanned", null, true));
                }
                ledger.finish(count, sink, target);
                live.targetsDone++;
            }
        } finally {
            pool.shutdownNow();
        }
        live.phase = "inventory";
        OwnerResolver owners = location -> {
            Owner tagged = sink.metadataOwners.get(location);
            if (tagged != null) {
                return tagged;
            }
            OwnerResolver r = ownersByTarget.get(targetOf(location, request));
            return r == null ? null : r.ownerOf(location);
        };
        InventoryBuilder.Suppressions suppressions = location -> {
            return ignoresByTarget.getOrDefault(targetOf(location, request), IgnoreFile.EMPTY);
        };
        List<SecretEntry> secrets = InventoryBuilder.build(sink.findings(), owners, request.baseline(), suppressions,
                started);
        List<ScanWarning> warnings = sink.warnings();
        boolean complete = warnings.stream().noneMatch(ScanWarning::incomplete);
        TreeMap<String, Long> stats = new TreeMap<>();
        stats.put("blobs", sink.blobs.sum());
        stats.put("bytes", sink.bytes.sum());
        stats.put("commits", sink.commits.sum());
        stats.put("rules", (long) request.rules().size());
        stats.put("binarySkipped", sink.binary.sum());
        Instant finished = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<SecretReference> references = SecretReference.group(sink.references());
        List<String> scanned = request.repos().requested() != null ? request.repos().requested() : request.labels();
        return governance.apply(new Inventory(scanned, started, finished, complete, warnings, stats, secrets,
                references, null, ledger.summaries(secrets)));
    }

    /** The label of the target a location was found in: its {@code repo}, its {@code target}, or the only one. */
    private static String targetOf(Location location, ScanRequest request) {
        Object label = location.details().get("repo");
        if (label == null) {
            label = location.details().get("target");
        }
        return label == null ? request.labels().get(0) : label.toString();
    }

    /** The counters a progress display reads while the scan runs. */
    private static final class Live implements ScanProgress {
        private final Sink sink;
        private final int targets;
        volatile String phase = "scan";
        volatile int targetsDone;

        Live(Sink sink, int targets) {
            this.sink = sink;
            this.targets = targets;
        }

        @Override
        public Snapshot snapshot() {
            return new Snapshot(phase, targets, targetsDone, sink.commits.sum(), sink.blobs.sum(), sink.bytes.sum());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sprawl-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Most blobs whose detection results are remembered at once for incremental detection of derived blobs. */
    static final int MAX_KNOWN_BLOBS = 1_000_000;

    /**
     * Receives blobs from every source: expands archives (before the binary check, since archives are
     * binary), recognises keystores by their bytes, skips other binaries, detects, analyzes,
     * classifies, collects.
     */
    static final class Sink implements BlobSink {
        private final Detector detector;
        private final StructuredScan structured;
        private final ArchiveExpander archives;
        private final BlobSink members = new BlobSink() {
            @Override
            public void accept(Blob blob) {
                scanText(blob);
            }

            @Override
            public void warn(ScanWarning warning) {
                Sink.this.warn(warning);
            }
        };
        private final ThreadLocal<Detector.Session> sessions;
        private final List<Finding> findings = new ArrayList<>();
        private final List<SecretReference.Sighting> references = new ArrayList<>();
        /** Owners from IaC tags and Kubernetes labels, by the location they own. */
        final Map<Location, Owner> metadataOwners = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<ScanWarning> warnings = new ArrayList<>();
        final LongAdder blobs = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder commits = new LongAdder();
        final LongAdder binary = new LongAdder();
        final LongAdder incompleteWarnings = new LongAdder();
        /** What detection found per keyed blob, for blobs derived from it. */
        private final java.util.concurrent.ConcurrentHashMap<Object, Known> known = new java.util.concurrent.ConcurrentHashMap<>();

        Sink(Detector detector, StructuredScan structured, ArchiveExpander archives) {
            this.detector = detector;
            this.structured = structured;
            this.archives = archives;
            this.sessions = ThreadLocal.withInitial(detector::newSession);
        }

        @Override
        public void accept(Blob blob) {
            if (!archives.expand(blob, members)) {
                scanText(blob);
            }
        }

        private void scanText(Blob blob) {
            byte[] data = blob.data();
            int length = blob.length();
            List<Finding> keystores = Keystores.classify(blob);
            if (!keystores.isEmpty()) {
                blobs.increment();
                bytes.add(length);
                synchronized (findings) {
                    findings.addAll(keystores);
                }
                return;
            }
            boolean converted = false;
            if (TextSniffer.isUtf16(data, length)) {
                data = TextSniffer.utf16ToUtf8(data, length);
                length = data.length;
                blob = new Blob(data, length, blob.provenances());
                converted = true;
            } else if (TextSniffer.isBinary(data, length)) {
                binary.increment();
                return;
            }
            blobs.increment();
            bytes.add(length);
            Detection detection = detect(blob, converted);
            String path = blob.provenances().isEmpty() ? null : blob.provenances().get(0).path();
            for (DetectProblem p : detection.problems()) {
                warn(new ScanWarning(p.code(), p.message(), path, true));
            }
            StructuredScan.Result analyzed = structured.apply(blob, detection.matches(), this::scanDecoded);
            if (!analyzed.findings().isEmpty()) {
                synchronized (findings) {
                    findings.addAll(analyzed.findings());
                }
            }
            if (!analyzed.references().isEmpty()) {
                synchronized (references) {
                    references.addAll(analyzed.references());
                }
            }
            metadataOwners.putAll(analyzed.owners());
            analyzed.warnings().forEach(this::warn);
        }

        /** Rule scan of content an analyzer decoded (base64 Secret data...), found at {@code where}. */
        private List<Finding> scanDecoded(byte[] data, Provenance where) {
            Detection detection = sessions.get().detect(data, data.length);
            for (DetectProblem p : detection.problems()) {
                warn(new ScanWarning(p.code(), p.message() + " (in decoded content)", where.path(), true));
            }
            return detection.matches().isEmpty() ? List.of()
                    : Classifier.classify(new Blob(data, data.length, List.of(where)), detection.matches());
        }

        List<SecretReference.Sighting> references() {
            synchronized (references) {
                return new ArrayList<>(references);
            }
        }

        /**
         * Detects in a blob: incrementally when it derives from a blob already detected (only near the
         * edits, carrying the rest over), in full otherwise; remembers what it found under the blob's key.
         */
        private Detection detect(Blob blob, boolean converted) {
            Detector.Session session = sessions.get();
            Known base = null;
            if (!converted && blob.derivation() != null) {
                base = known.get(blob.derivation().baseKey());
            }
            Detection detection = base != null
                    ? session.detectDerived(blob.data(), blob.length(), base, blob.derivation().runs())
                    : session.detect(blob.data(), blob.length());
            if (blob.key() != null && !converted && known.size() < MAX_KNOWN_BLOBS) {
                Known k = session.known();
                if (k != null) {
                    known.put(blob.key(), k);
                }
            }
            return detection;
        }

        @Override
        public void warn(ScanWarning warning) {
            if (warning.incomplete()) {
                incompleteWarnings.increment();
            }
            synchronized (warnings) {
                warnings.add(warning);
            }
        }

        @Override
        public void commitWalked() {
            commits.increment();
        }

        @Override
        public void forget(Object key) {
            known.remove(key);
        }

        List<Finding> findings() {
            synchronized (findings) {
                return new ArrayList<>(findings);
            }
        }

        List<ScanWarning> warnings() {
            List<ScanWarning> out;
            synchronized (warnings) {
                out = new ArrayList<>(warnings);
            }
            long skipped = binary.sum();
            if (skipped > 0) {
                out.add(new ScanWarning("binary-skipped", skipped + " binary file(s) were not scanned", null, false));
            }
            out.sort(Comparator.comparing((ScanWarning w) -> Objects.toString(w.path(), ""))
                    .thenComparing(ScanWarning::code).thenComparing(ScanWarning::message));
            return out;
        }
    }

    /**
     * Adds the {@code target} detail to every provenance when several targets are scanned together, or
     * the {@code repo} detail for a remote repository, whose warnings are also prefixed with it.
     */
    private static final class TargetLabelSink extends ForwardingBlobSink {
        private final String key;
        private final String label;

        TargetLabelSink(BlobSink delegate, String key, String label) {
            super(delegate);
            this.key = key;
            this.label = label;
        }

        @Override
        public void accept(Blob blob) {
            List<Provenance> labelled = blob.provenances().stream().map(p -> p.with(key, label)).toList();
            delegate.accept(blob.withProvenances(labelled));
        }

        @Override
        public void warn(ScanWarning w) {
            if (!"repo".equals(key)) {
                delegate.warn(w);
                return;
            }
            delegate.warn(new ScanWarning(w.code(), w.message(), w.path() == null ? label : label + ":" + w.path(),
                    w.incomplete()));
        }
    }
}
