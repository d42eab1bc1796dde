package dev.sprawl.analyze;

import dev.sprawl.classify.Classifier;
import dev.sprawl.timing.Timings;
import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.classify.PathContext;
import dev.sprawl.detect.Match;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.rules.Confidence;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs the structured analyzers on a blob and merges what they report with the rule matches of the
 * same blob, so that one secret at one place is one finding:
 * <ul>
 *   <li>the raw-text rule matches are always kept, except a generic rule's match that starts inside a
 *       span an analyzer proved not to be a literal (an expression, a {@code !vault} ciphertext...) or
 *       that is only part of a value an analyzer reports whole, and any match on encoded text
 *       (base64) whose decoded content the analyzer reports;</li>
 *   <li>an analyzer's secret that a specific (provider) rule also matched is not reported twice: the
 *       rule's finding keeps its type and gains the analyzer's location details ({@code key}...);
 *       a credential-file format rule's match inside the value gives way to the analyzer's
 *       reading, as a generic rule's does;</li>
 *   <li>every finding that starts inside a record an analyzer {@linkplain AnalyzerOutput#identify
 *       identified} gets the record's identities ({@code identity} detail);</li>
 *   <li>every finding in an analyzed file takes the file's context ({@code ci}, {@code k8s}...) unless
 *       the path is a test path, and the {@code resource} and owner of the scope it lies in.</li>
 * </ul>
 * A file over the parse cap, a parse error or an analyzer's failure costs only the structural extras:
 * the rules have scanned the text all the same, so such warnings never make the scan incomplete.
 */
public final class StructuredScan {

    /** Default {@code --max-parse-size}: files above it get the rule scan only; 0 turns the analyzers off. */
    public static final long DEFAULT_MAX_PARSE_SIZE = 8L * 1024 * 1024;

    /** What the analysis of one blob adds to the scan. */
    public record Result(List<Finding> findings, List<SecretReference.Sighting> references, Map<Location, Owner> owners,
                         List<ScanWarning> warnings) {
    }

    /** Scans decoded content with the rules as if it were found at {@code where}. */
    @FunctionalInterface
    public interface DecodedScan {
        List<Finding> scan(byte[] data, Provenance where);
    }

    private final List<Analyzer> analyzers;
    private final long maxParseBytes;

    public StructuredScan(List<Analyzer> analyzers, long maxParseBytes) {
        this.analyzers = List.copyOf(analyzers);
        this.maxParseBytes = maxParseBytes;
    }

    /** The analyzers registered with {@link ServiceLoader} (the built-in ones and any on the class path). */
    public static List<Analyzer> registered() {
        List<Analyzer> out = new ArrayList<>();
        for (Analyzer a : ServiceLoader.load(Analyzer.class, Analyzer.class.getClassLoader())) {
            out.add(a);
        }
        return out;
    }

    public List<Analyzer> analyzers() {
        return analyzers;
    }

    /** Classifies {@code matches} for every provenance of {@code blob} and adds what the analyzers find. */
    public Result apply(Blob blob, List<Match> matches, DecodedScan decoded) {
        List<Finding> findings = new ArrayList<>();
        List<SecretReference.Sighting> references = new ArrayList<>();
        Map<Location, Owner> owners = new HashMap<>();
        List<ScanWarning> warnings = new ArrayList<>();
        List<Provenance> plain = new ArrayList<>();
        Map<String, List<Provenance>> byPath = new LinkedHashMap<>();
        Map<String, List<Fitted>> fits = new HashMap<>();
        for (Provenance p : blob.provenances()) {
            List<Fitted> f = maxParseBytes <= 0 ? List.of() : fits.computeIfAbsent(p.path(), this::fitting);
            if (f.isEmpty()) {
                plain.add(p);
            } else {
                byPath.computeIfAbsent(p.path(), k -> new ArrayList<>()).add(p);
            }
        }
        Text text = null;
        for (Map.Entry<String, List<Provenance>> e : byPath.entrySet()) {
            String path = e.getKey();
            List<Fitted> fitted = fits.get(path);
            boolean named = fitted.stream().anyMatch(f -> f.fit() == Analyzer.Fit.NAME);
            if (blob.length() > maxParseBytes) {
                if (named) {
                    warnings.add(new ScanWarning("analysis-skipped", "larger than --max-parse-size: only the text was "
                            + "scanned, not its structure", path, false));
                }
                plain.addAll(e.getValue());
                continue;
            }
            if (text == null) {
                text = Text.of(blob.data(), blob.length());
            }
            Provenance first = e.getValue().get(0);
            AnalyzerInput in = new AnalyzerInput(path, text, maxParseBytes);
            AnalyzerOutput out = new AnalyzerOutput(in, data -> decoded.scan(data, first), maxParseBytes);
            for (Fitted f : fitted) {
                try {
                    f.analyzer().analyze(in, out);
                } catch (RuntimeException | StackOverflowError ex) {
                    warnings.add(new ScanWarning("analyzer-error", "analyzer " + f.analyzer().id() + " failed ("
                            + ex.getClass().getSimpleName() + "); the text was still scanned", path, false));
                }
            }
            if (in.parseError() != null && (named || out.context != null)) {
                warnings.add(new ScanWarning("analysis-parse-error", "structure not fully analyzed: " + in.parseError()
                        + "; the text was still scanned", path, false));
            }
            for (String[] w : out.warnings) {
                warnings.add(new ScanWarning(w[0], w[1], path, false));
            }
            // classified once per path: the other places of the same path differ only in source and details
            List<Finding> raw = matches.isEmpty() ? List.of()
                    : classify(new Blob(blob.data(), blob.length(), List.of(first)), matches);
            for (Provenance p : e.getValue()) {
                merge(p, text, p == first ? raw : relocate(raw, p), out, findings, references, owners);
            }
        }
        if (!plain.isEmpty() && !matches.isEmpty()) {
            findings.addAll(0, classify(new Blob(blob.data(), blob.length(), plain), matches));
        }
        return new Result(findings, references, owners, warnings);
    }

    private static List<Finding> classify(Blob blob, List<Match> matches) {
        try (Timings.Scope timed = Timings.enter(Timings.Phase.CLASSIFICATION)) {
            return Classifier.classify(blob, matches);
        }
    }

    private record Fitted(Analyzer analyzer, Analyzer.Fit fit) {
    }

    private static List<Finding> relocate(List<Finding> raw, Provenance p) {
        List<Finding> out = new ArrayList<>(raw.size());
        for (Finding f : raw) {
            Location l = f.location();
            java.util.SortedMap<String, Object> details = p.locationDetails();
            Object identity = l.details().get(dev.sprawl.classify.Identity.DETAIL);
            if (identity != null) {
                details = new java.util.TreeMap<>(details);
                details.put(dev.sprawl.classify.Identity.DETAIL, identity);
            }
            out.add(new Finding(f.rule(), f.secret(), f.confidence(), f.attributes(),
                    new Location(p.source(), p.path(), l.line(), l.column(), l.context(), details, l.allowed())));
        }
        return out;
    }

    private List<Fitted> fitting(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('!'));
        String name = path.substring(cut + 1).toLowerCase(Locale.ROOT);
        List<Fitted> out = new ArrayList<>(2);
        for (Analyzer a : analyzers) {
            Analyzer.Fit f = a.fit(path, name);
            if (f != null && f != Analyzer.Fit.NO) {
                out.add(new Fitted(a, f));
            }
        }
        return out;
    }

    /** One finding on its way out, at a character offset of the file. */
    private static final class Item {
        Finding finding;
        final int offset;
        final SortedMap<String, Object> details = new TreeMap<>();
        boolean dropped;

        Item(Finding finding, int offset) {
            this.finding = finding;
            this.offset = offset;
        }
    }

    private static void merge(Provenance p, Text text, List<Finding> raw, AnalyzerOutput out, List<Finding> findings,
                              List<SecretReference.Sighting> references, Map<Location, Owner> owners) {
        String pathContext = PathContext.guess(p.path());
        String context = p.forcedContext() != null ? p.forcedContext()
                : out.context == null || pathContext.equals("test") ? pathContext : out.context;
        List<Item> items = new ArrayList<>();
        for (Finding f : raw) {
            Item it = new Item(f, text.offset(f.location().line(), f.location().column()));
            it.dropped = f.rule().isGeneric() && out.nonLiterals.stream().anyMatch(s -> s.contains(it.offset))
                    || yields(f.rule()) && out.declined.stream().anyMatch(s -> s.contains(it.offset));
            Object identity = f.location().details().get(dev.sprawl.classify.Identity.DETAIL);
            if (identity != null) {
                it.details.put(dev.sprawl.classify.Identity.DETAIL, identity);
            }
            items.add(it);
        }
        Set<String> seen = new HashSet<>();
        List<Item> emitted = new ArrayList<>();
        for (AnalyzerOutput.Candidate c : out.candidates) {
            if (!seen.add(c.rule().id() + "\u0000" + c.span().start() + "\u0000" + c.value().fingerprint())) {
                continue;
            }
            List<Item> covered = items.stream().filter(i -> !i.dropped && c.span().contains(i.offset)).toList();
            List<Item> specific = covered.stream().filter(i -> !yields(i.finding.rule())).toList();
            if (!specific.isEmpty() && !c.encoded()) {
                // a provider rule matched inside the value: it names the secret, the analyzer adds where it sits
                specific.forEach(i -> c.details().forEach(i.details::putIfAbsent));
                continue;
            }
            int offset = locate(text, c);
            Object boundIdentity = null;
            for (Item g : covered) {
                if (c.encoded()) {
                    // a rule's match on the encoded text is this decoded secret in another form
                    g.dropped = true;
                    continue;
                }
                if (!yields(g.finding.rule())) {
                    continue;
                }
                String gv = g.finding.secret().reveal();
                if (!g.finding.rule().isGeneric()) {
                    // a format rule's reading of this very value (raw escapes, cut at a '#'): the parser's wins
                    g.dropped = true;
                    if (c.value().reveal().equals(gv)) {
                        offset = g.offset;
                    }
                } else if (c.value().reveal().contains(gv)) {
                    g.dropped = true;
                    boundIdentity = g.details.get(dev.sprawl.classify.Identity.DETAIL);
                    if (c.value().reveal().equals(gv)) {
                        offset = g.offset;
                    }
                }
            }
            Confidence confidence = c.confidence();
            if (dev.sprawl.classify.Classifier.lowersInTestsAndDocs(c.rule()) && (context.equals("test") || context.equals("docs"))) {
                confidence = confidence.lower();
            }
            Location placeholder = new Location(p.source(), p.path(), 1, 1, context, p.locationDetails());
            Item it = new Item(new Finding(c.rule(), c.value(), confidence, c.attributes(), placeholder), offset);
            it.details.putAll(c.details());
            if (boundIdentity != null) {
                // the text scan bound an identity to the value the analyzer reports: keep it
                it.details.putIfAbsent(dev.sprawl.classify.Identity.DETAIL, boundIdentity);
            }
            emitted.add(it);
        }
        for (Item i : items) {
            if (!i.dropped) {
                emitted.add(i);
            }
        }
        List<AnalyzerOutput.Scope> scopes = new ArrayList<>(out.scopes);
        scopes.sort(Comparator.comparingInt((AnalyzerOutput.Scope s) -> s.span().length()).reversed());
        for (Item i : emitted) {
            TreeMap<String, Object> details = new TreeMap<>(p.locationDetails());
            Owner owner = null;
            for (AnalyzerOutput.Scope s : scopes) {
                if (s.span().contains(i.offset)) {
                    details.putAll(s.details());
                    if (s.owner() != null) {
                        owner = s.owner();
                    }
                }
            }
            details.putAll(i.details);
            Finding f = i.finding;
            List<Identity> ids = identities(out.bindings, i.offset, f.secret().reveal());
            if (!ids.isEmpty()) {
                details.put(Identity.DETAIL, ids);
            }
            Location loc = new Location(p.source(), p.path(), text.line(i.offset), text.column(i.offset), context, details);
            findings.add(new Finding(f.rule(), f.secret(), f.confidence(), f.attributes(), loc));
            if (owner != null) {
                owners.put(loc, owner);
            }
        }
        for (AnalyzerOutput.Reference r : out.references) {
            TreeMap<String, Object> details = new TreeMap<>(p.locationDetails());
            int at = r.span().start();
            for (AnalyzerOutput.Scope s : scopes) {
                if (s.span().contains(at)) {
                    details.putAll(s.details());
                }
            }
            details.putAll(r.details());
            references.add(new SecretReference.Sighting(r.name(), r.kind(), new Location(p.source(), p.path(), text.line(at),
                    text.column(at), context, details)));
        }
    }

    /**
     * True for a rule whose match in an analyzed file gives way to the analyzer's reading of the same
     * value: a generic rule, and a credential-file format rule ({@code .netrc}, {@code .pgpass},
     * {@code settings.xml}...), whose analyzer parses the format it only approximates (value
     * boundaries, escapes, encryption, encoding).
     */
    static boolean yields(dev.sprawl.rules.Rule rule) {
        return rule.isGeneric() || CREDENTIAL_FILE_PROVIDER.equals(rule.provider());
    }

    /** The provider of the credential-file format rules ({@code rules/credential-files.yml}). */
    static final String CREDENTIAL_FILE_PROVIDER = "credential-file";

    /** The identities of every record around {@code offset}, without the secret itself, sorted. */
    private static List<Identity> identities(List<AnalyzerOutput.Binding> bindings, int offset, String secret) {
        if (bindings.isEmpty()) {
            return List.of();
        }
        java.util.TreeSet<Identity> ids = new java.util.TreeSet<>(Identity.ORDER);
        for (AnalyzerOutput.Binding b : bindings) {
            if (b.span().contains(offset)) {
                for (Identity id : b.identities()) {
                    if (!id.value().equals(secret)) {
                        ids.add(id);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Where a candidate's value starts: found inside its span when written there as is, else the span's start past a quote. */
    private static int locate(Text text, AnalyzerOutput.Candidate c) {
        Span span = c.span();
        String content = text.content();
        if (c.locate()) {
            String v = c.value().reveal();
            int nl = v.indexOf('\n');
            String head = v.substring(0, Math.min(nl < 0 ? v.length() : nl, 200));
            if (!head.isEmpty()) {
                int at = content.indexOf(head, span.start());
                if (at >= 0 && at < Math.max(span.end(), span.start() + 1)) {
                    return at;
                }
            }
        }
        int s = span.start();
        if (s < content.length() && (content.charAt(s) == '"' || content.charAt(s) == '\'')) {
            return s + 1;
        }
        return s;
    }
}
