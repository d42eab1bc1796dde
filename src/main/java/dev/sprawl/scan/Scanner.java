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
import dev.sprawl.timing.Timings;
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
    private final ResultCache cache;
    private final boolean labelTargets;

    public Scanner(Clock clock) {
        this(clock, null, false, Governance.DEFAULT);
    }

    /** A scanner whose inventory goes through {@code governance} (manifests, baseline) before it is returned. */
    public Scanner(Clock clock, Governance governance) {
        this(clock, null, false, governance);
    }

    public Scanner(Clock clock, ResultCache cache, boolean labelTargets) {
        this(clock, cache, labelTargets, Governance.DEFAULT);
    }

    /**
     * @param cache        earlier results by blob id ({@code --cache}), or null
     * @param labelTargets give every location the {@code target} detail even when one target is scanned
     *                     (a shard of a target list reports as the whole list would)
     * @param governance   what the inventory goes through before it is returned (manifests, baseline)
     */
    public Scanner(Clock clock, ResultCache cache, boolean labelTargets, Governance governance) {
        this.clock = clock;
        this.cache = cache;
        this.labelTargets = labelTargets;
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
        Detector detector = Detector.of(request.rules());
        Sink sink = new Sink(detector, new StructuredScan(StructuredScan.registered(), request.maxParseSize()),
                new ArchiveExpander(request.archives(), request.maxFileSize()), cache);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(request.threads(), request.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(64, request.threads() * 16)), daemonThreads(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        Map<String, OwnerResolver> ownersByTarget = new HashMap<>();
        Map<String, IgnoreFile> ignoresByTarget = new HashMap<>();
        boolean many = request.targets().size() > 1 || labelTargets;
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
                String memo;
                BlobResult.TargetResult remembered;
                try (Timings.Scope prepared = Timings.enter(Timings.Phase.READ)) {
                    Map<String, byte[]> head = Owners.headFiles(target);
                    ownersByTarget.put(label, Owners.forTarget(target, head, targetSink::warn));
                    ignoresByTarget.put(label, request.useIgnoreFiles()
                            ? Owners.ignoreFile(target, request.ignoreFile(), head, targetSink::warn) : IgnoreFile.EMPTY);
                    memo = cache == null ? null : targetKey(target, label, repo, many, request);
                    remembered = memo == null ? null : cache.lookupTarget(memo);
                }
                if (remembered != null) {
                    try (Timings.Scope replay = Timings.enter(Timings.Phase.INVENTORY)) {
                        sink.replayTarget(remembered); // refs unmoved since a scan with the same rules: not walked again
                    }
                } else {
                    Sink.Mark mark = memo == null ? null : sink.mark();
                    try (Timings.Scope timed = Timings.enter(Timings.Phase.READ)) {
                        Source source = Sources.forTarget(target, label, request);
                        source.scan(new SourceContext(target, pool, targetSink, request.excludes(), request.maxFileSize()));
                    } catch (IOException e) {
                        targetSink.warn(new ScanWarning("target-unreadable", "cannot scan target: "
                                + e.getClass().getSimpleName(), repo == null ? label : null, true));
                        mark = null;
                    } catch (RuntimeException e) {
                        if (repo == null) {
                            throw e;
                        }
                        // one repository of an organisation scan never stops the others
                        targetSink.warn(new ScanWarning("target-unreadable", "scanning this repository failed ("
                                + e.getClass().getSimpleName() + "); the others are scanned", null, true));
                        mark = null;
                    }
                    BlobResult.TargetResult result = mark == null ? null : sink.since(mark);
                    if (result != null) {
                        cache.storeTarget(memo, result);
                    }
                }
                ledger.finish(count, sink, target);
                live.targetsDone++;
            }
        } finally {
            pool.shutdownNow();
        }
        if (cache != null) {
            cache.warnings().forEach(sink::warn);
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
        Timings.Scope inventoryPhase = Timings.enter(Timings.Phase.INVENTORY);
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
        try {
            return governance.apply(new Inventory(scanned, started, finished, complete, warnings, stats, secrets,
                    references, null, ledger.summaries(secrets)));
        } finally {
            inventoryPhase.close();
        }
    }

    /** The label of the target a location was found in: its {@code repo}, its {@code target}, or the only one. */
    private static String targetOf(Location location, ScanRequest request) {
        Object label = location.details().get("repo");
        if (label == null) {
            label = location.details().get("target");
        }
        return label == null ? request.labels().get(0) : label.toString();
    }

    /**
     * The key under which a whole target's results are remembered: a bare repository's refs (see
     * {@code GitRepos.stateOf}) with everything else that shapes its locations; null for other targets.
     */
    private static String targetKey(Path target, String label, String repo, boolean many, ScanRequest request) {
        String state = dev.sprawl.source.git.GitRepos.stateOf(target);
        if (state == null) {
            return null;
        }
        String all = String.join("\u0001", label, String.valueOf(repo), String.valueOf(many), state,
                String.valueOf(request.excludes()), Long.toString(request.maxFileSize()), String.valueOf(request.git()),
                String.valueOf(request.archives()));
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(all.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** The warning that sums up the binary files skipped ({@code stats.binarySkipped}). */
    public static ScanWarning binarySkipped(long skipped) {
        return new ScanWarning("binary-skipped", skipped + " binary file(s) were not scanned", null, false);
    }

    /** Most blobs whose detection results are remembered at once for incremental detection of derived blobs. */
    static final int MAX_KNOWN_BLOBS = 1_000_000;
    /** Whether derived blobs are detected incrementally (tests turn it off to compare with full detection). */
    static volatile boolean incremental = true;
    /**
     * Most bytes (estimated) of remembered detection results: 1/8 of the heap limit, 16 to 96 MiB. Beyond
     * it a blob's results are not kept and the blobs derived from it are detected in full (same result).
     */
    static final long MAX_KNOWN_BYTES = Math.max(16L << 20, Math.min(96L << 20, Runtime.getRuntime().maxMemory() / 8));

    /** Rough heap bytes of remembered results: arrays, list and matches with their strings. */
    static long knownBytes(Known k) {
        return 96 + 8L * (k.bounds().length + k.hits().length) + 160L * k.matches().size();
    }

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
        private final ResultCache cache;
        /** The blob this thread offered to {@link #recall} and is about to read: its results go to the cache. */
        private final ThreadLocal<Offered> offered = new ThreadLocal<>();

        private record Offered(String contentId, List<Provenance> provenances) {
        }
        private final java.util.concurrent.atomic.AtomicLong knownBytes = new java.util.concurrent.atomic.AtomicLong();

        Sink(Detector detector, StructuredScan structured, ArchiveExpander archives) {
            this(detector, structured, archives, null);
        }

        Sink(Detector detector, StructuredScan structured, ArchiveExpander archives, ResultCache cache) {
            this.detector = detector;
            this.structured = structured;
            this.archives = archives;
            this.cache = cache;
            this.sessions = ThreadLocal.withInitial(detector::newSession);
        }

        @Override
        public void accept(Blob blob) {
            Offered o = cache == null ? null : offered.get();
            if (o != null) {
                offered.remove();
                if (o.provenances().equals(blob.provenances())) {
                    acceptCaching(o.contentId(), blob);
                    return;
                }
            }
            if (!archives.expand(blob, members)) {
                scanText(blob);
            }
        }

        @Override
        public Recall recall(String contentId, List<Provenance> provenances) {
            if (cache == null) {
                return Recall.UNKNOWN;
            }
            offered.remove();
            BlobResult r = cache.lookup(contentId);
            if (r != null && covers(r, provenances)) {
                replay(r, provenances);
                return r.lfsPointer() ? Recall.RECALLED_LFS_POINTER : Recall.RECALLED;
            }
            offered.set(new Offered(contentId, provenances));
            return Recall.UNKNOWN;
        }

        private static boolean covers(BlobResult r, List<Provenance> provenances) {
            if (r.binary()) {
                return true;
            }
            for (Provenance p : provenances) {
                if (!r.paths().containsKey(BlobResult.key(p.source(), p.path()))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Scans a blob the cache is to remember: once per distinct (source, path) with provenances that
         * carry no details, so that the result holds nothing of the commits it was found in; then
         * replays the result at the blob's real provenances, exactly as a later scan will. Archives
         * and keystores are scanned as usual and not remembered (they are read again next time).
         */
        private void acceptCaching(String contentId, Blob blob) {
            if (archives.expand(blob, members)) {
                return;
            }
            Map<String, Provenance> templates = new java.util.LinkedHashMap<>();
            for (Provenance p : blob.provenances()) {
                TreeMap<String, Object> d = new TreeMap<>();
                if (p.forcedContext() != null) {
                    d.put(Provenance.CONTEXT, p.forcedContext());
                }
                Provenance t = new Provenance(p.source(), p.path(), d);
                Provenance before = templates.putIfAbsent(BlobResult.key(p.source(), p.path()), t);
                if (before != null && !before.equals(t)) {
                    scanText(blob); // one path in two forced contexts: not remembered
                    return;
                }
            }
            if (!Keystores.classify(new Blob(blob.data(), blob.length(), List.of())).isEmpty()) {
                scanText(blob);
                return;
            }
            Outcome out = new Outcome();
            scanText(new Blob(blob.data(), blob.length(), List.copyOf(templates.values()), blob.key(), blob.derivation()),
                    out);
            BlobResult result = out.result(templates.keySet(), dev.sprawl.source.git.GitRepos.isLfsPointer(blob.data(), blob.length()));
            cache.store(contentId, result);
            replay(result, blob.provenances());
        }

        /** Where the results stood before a target was scanned (targets are scanned one after another). */
        record Mark(int findings, int references, int warnings, long blobs, long bytes, long commits, long binary) {
        }

        Mark mark() {
            synchronized (findings) {
                synchronized (references) {
                    synchronized (warnings) {
                        return new Mark(findings.size(), references.size(), warnings.size(), blobs.sum(), bytes.sum(),
                                commits.sum(), binary.sum());
                    }
                }
            }
        }

        /** What was added since {@code m}, or null when it may be incomplete (not to be remembered). */
        BlobResult.TargetResult since(Mark m) {
            List<Finding> f;
            List<SecretReference.Sighting> r;
            List<ScanWarning> w;
            synchronized (findings) {
                f = new ArrayList<>(findings.subList(m.findings(), findings.size()));
            }
            synchronized (references) {
                r = new ArrayList<>(references.subList(m.references(), references.size()));
            }
            synchronized (warnings) {
                w = new ArrayList<>(warnings.subList(m.warnings(), warnings.size()));
            }
            if (w.stream().anyMatch(ScanWarning::incomplete)) {
                return null;
            }
            Map<Integer, Owner> o = new HashMap<>();
            for (int i = 0; i < f.size(); i++) {
                Owner owner = metadataOwners.get(f.get(i).location());
                if (owner != null) {
                    o.put(i, owner);
                }
            }
            Map<String, Long> counts = Map.of("blobs", blobs.sum() - m.blobs(), "bytes", bytes.sum() - m.bytes(),
                    "commits", commits.sum() - m.commits(), "binarySkipped", binary.sum() - m.binary());
            return new BlobResult.TargetResult(f, o, r, w, counts);
        }

        /** Reports what a remembered target contributed, as scanning it would. */
        void replayTarget(BlobResult.TargetResult t) {
            synchronized (findings) {
                findings.addAll(t.findings());
            }
            synchronized (references) {
                references.addAll(t.references());
            }
            t.owners().forEach((i, o) -> metadataOwners.put(t.findings().get(i).location(), o));
            t.warnings().forEach(this::warn);
            blobs.add(t.counts().getOrDefault("blobs", 0L));
            bytes.add(t.counts().getOrDefault("bytes", 0L));
            commits.add(t.counts().getOrDefault("commits", 0L));
            binary.add(t.counts().getOrDefault("binarySkipped", 0L));
        }

        /** Reports a remembered result at the given provenances, as scanning the blob there would. */
        private void replay(BlobResult r, List<Provenance> provenances) {
            if (r.binary()) {
                binary.increment();
                return;
            }
            blobs.increment();
            bytes.add(r.bytes());
            String first = provenances.isEmpty() ? null : provenances.get(0).path();
            for (DetectProblem p : r.problems()) {
                warn(new ScanWarning(p.code(), p.message(), first, true));
            }
            List<Finding> found = new ArrayList<>();
            List<SecretReference.Sighting> sighted = new ArrayList<>();
            java.util.Set<String> warned = new java.util.HashSet<>();
            for (Provenance p : provenances) {
                String key = BlobResult.key(p.source(), p.path());
                BlobResult.PathResult pr = r.paths().get(key);
                for (int i = 0; i < pr.findings().size(); i++) {
                    Finding f = pr.findings().get(i);
                    Location at = relocate(f.location(), p);
                    found.add(new Finding(f.rule(), f.secret(), f.confidence(), f.attributes(), at));
                    Owner o = pr.owners().get(i);
                    if (o != null) {
                        metadataOwners.put(at, o);
                    }
                }
                for (SecretReference.Sighting s : pr.references()) {
                    sighted.add(new SecretReference.Sighting(s.name(), s.kind(), relocate(s.location(), p)));
                }
                if (warned.add(key)) {
                    pr.warnings().forEach(this::warn);
                }
            }
            if (!found.isEmpty()) {
                synchronized (findings) {
                    findings.addAll(found);
                }
            }
            if (!sighted.isEmpty()) {
                synchronized (references) {
                    references.addAll(sighted);
                }
            }
        }

        /** A remembered location at a real provenance: its details under the ones the analyzers added. */
        private static Location relocate(Location l, Provenance p) {
            TreeMap<String, Object> details = new TreeMap<>(p.locationDetails());
            details.putAll(l.details());
            return new Location(p.source(), p.path(), l.line(), l.column(), l.context(), details, l.allowed());
        }

        private void scanText(Blob blob) {
            Outcome out = new Outcome();
            scanText(blob, out);
            if (out.binary) {
                binary.increment();
                return;
            }
            blobs.increment();
            bytes.add(out.bytes);
            String path = blob.provenances().isEmpty() ? null : blob.provenances().get(0).path();
            for (DetectProblem p : out.problems) {
                warn(new ScanWarning(p.code(), p.message(), path, true));
            }
            out.warnings.forEach(this::warn);
            if (!out.findings.isEmpty()) {
                synchronized (findings) {
                    findings.addAll(out.findings);
                }
            }
            if (!out.references.isEmpty()) {
                synchronized (references) {
                    references.addAll(out.references);
                }
            }
            metadataOwners.putAll(out.owners);
        }

        /** What scanning one blob yields, before it joins the scan's results. */
        private static final class Outcome {
            boolean binary;
            long bytes;
            final List<DetectProblem> problems = new ArrayList<>();
            final List<Finding> findings = new ArrayList<>();
            final List<SecretReference.Sighting> references = new ArrayList<>();
            final Map<Location, Owner> owners = new HashMap<>();
            final List<ScanWarning> warnings = new ArrayList<>();

            /** This outcome split by (source, path) of the template provenances it was scanned at. */
            BlobResult result(java.util.Set<String> keys, boolean lfsPointer) {
                Map<String, List<Finding>> f = new HashMap<>();
                Map<String, Map<Integer, Owner>> o = new HashMap<>();
                Map<String, List<SecretReference.Sighting>> r = new HashMap<>();
                Map<String, List<ScanWarning>> w = new HashMap<>();
                for (String k : keys) {
                    f.put(k, new ArrayList<>());
                    o.put(k, new HashMap<>());
                    r.put(k, new ArrayList<>());
                    w.put(k, new ArrayList<>());
                }
                for (Finding x : findings) {
                    String k = BlobResult.key(x.location().source(), x.location().path());
                    Owner owner = owners.get(x.location());
                    if (owner != null) {
                        o.get(k).put(f.get(k).size(), owner);
                    }
                    f.get(k).add(x);
                }
                for (SecretReference.Sighting x : references) {
                    r.get(BlobResult.key(x.location().source(), x.location().path())).add(x);
                }
                List<DetectProblem> blobProblems = new ArrayList<>(problems);
                for (ScanWarning x : warnings) {
                    List<ScanWarning> at = null;
                    for (String k : keys) {
                        if (k.endsWith("\u0000" + x.path())) {
                            at = w.get(k);
                            break;
                        }
                    }
                    if (at == null) {
                        throw new IllegalStateException("warning outside the blob's paths: " + x.code());
                    }
                    at.add(x);
                }
                Map<String, BlobResult.PathResult> paths = new HashMap<>();
                for (String k : keys) {
                    paths.put(k, new BlobResult.PathResult(f.get(k), o.get(k), r.get(k), w.get(k)));
                }
                return new BlobResult(binary, bytes, lfsPointer, blobProblems, paths);
            }
        }

        private void scanText(Blob blob, Outcome out) {
            byte[] data = blob.data();
            int length = blob.length();
            Timings.bytes(Timings.Phase.READ, length);
            List<Finding> keystores;
            try (Timings.Scope timed = Timings.enter(Timings.Phase.CLASSIFICATION)) {
                keystores = Keystores.classify(blob);
            }
            if (!keystores.isEmpty()) {
                out.bytes = length;
                out.findings.addAll(keystores);
                return;
            }
            boolean converted = false;
            if (TextSniffer.isUtf16(data, length)) {
                data = TextSniffer.utf16ToUtf8(data, length);
                length = data.length;
                blob = new Blob(data, length, blob.provenances());
                converted = true;
            } else if (TextSniffer.isBinary(data, length)) {
                out.binary = true;
                return;
            }
            out.bytes = length;
            Detection detection;
            try (Timings.Scope timed = Timings.enter(Timings.Phase.DETECTION)) {
                Timings.bytes(Timings.Phase.DETECTION, length);
                detection = detect(blob, converted);
            }
            out.problems.addAll(detection.problems());
            StructuredScan.Result analyzed;
            try (Timings.Scope timed = Timings.enter(Timings.Phase.ANALYZERS)) {
                Blob scanned = blob;
                analyzed = structured.apply(scanned, detection.matches(), (bytes, where) -> scanDecoded(bytes, where, out));
            }
            out.findings.addAll(analyzed.findings());
            out.references.addAll(analyzed.references());
            out.owners.putAll(analyzed.owners());
            out.warnings.addAll(analyzed.warnings());
        }

        /** Rule scan of content an analyzer decoded (base64 Secret data...), found at {@code where}. */
        private List<Finding> scanDecoded(byte[] data, Provenance where, Outcome out) {
            Detection detection;
            try (Timings.Scope timed = Timings.enter(Timings.Phase.DETECTION)) {
                detection = sessions.get().detect(data, data.length);
            }
            for (DetectProblem p : detection.problems()) {
                out.warnings.add(new ScanWarning(p.code(), p.message() + " (in decoded content)", where.path(), true));
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
            if (!converted && blob.derivation() != null && incremental) {
                base = known.get(blob.derivation().baseKey());
            }
            Detection detection = base != null
                    ? session.detectDerived(blob.data(), blob.length(), base, blob.derivation().runs())
                    : session.detect(blob.data(), blob.length());
            if (blob.key() != null && !converted && known.size() < MAX_KNOWN_BLOBS) {
                Known k = session.known();
                if (k != null) {
                    long size = knownBytes(k);
                    if (knownBytes.addAndGet(size) <= MAX_KNOWN_BYTES) {
                        Known old = known.put(blob.key(), k);
                        if (old != null) {
                            knownBytes.addAndGet(-knownBytes(old));
                        }
                    } else {
                        knownBytes.addAndGet(-size);
                    }
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
            Known k = known.remove(key);
            if (k != null) {
                knownBytes.addAndGet(-knownBytes(k));
            }
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
                out.add(binarySkipped(skipped));
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
        public Recall recall(String contentId, List<Provenance> provenances) {
            return delegate.recall(contentId, provenances.stream().map(p -> p.with(key, label)).toList());
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
