package dev.sprawl.detect;

import dev.sprawl.rules.Rule;
import dev.sprawl.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detection engine: pure, no I/O. One keyword prefilter over the raw bytes for all rules at once,
 * then each rule's regex only near its keyword hits — at the positions where a match containing the
 * hit could start (the rule's keyword lead), bounded by the rule's width — then placeholder and
 * entropy checks, then overlap resolution (a specific rule beats a generic one on the same text).
 * A {@code Detector} is immutable and shared; each worker thread uses its own {@link Session}.
 */
public final class Detector {

    /** Most matches kept from one blob; more are dropped with a {@code match-limit} problem. */
    public static final int DEFAULT_MAX_MATCHES_PER_BLOB = 10_000;
    /** Bytes beyond a rule's width on each side that may still decide a match (lookaround, word boundaries). */
    static final int CONTEXT_BYTES = 256;
    /** Keyword occurrences remembered per blob for incremental detection of blobs derived from it. */
    static final int MAX_KNOWN_HITS = 1 << 16;
    /** Fixed part of the regex step budget for one window. */
    static final long BUDGET_BASE = 100_000;
    /** Per-character part of the regex step budget for one window. */
    static final long BUDGET_PER_CHAR = 500;

    private final List<Rule> rules;
    private final KeywordMatcher keywords;
    /** For each keyword id: indexes of the rules that use it. */
    private final int[][] rulesByKeyword;
    /**
     * Per keyword, the most any of its rules reaches before an occurrence's start (lead) and after it
     * (width): a carried occurrence farther than both from every edit is passed over without looking
     * at each rule.
     */
    private final int[] leadByKeyword;
    private final int[] widthByKeyword;
    private final int maxMatches;
    private final Pattern[] lookaheads;

    public Detector(RuleSet ruleSet) {
        this(ruleSet, DEFAULT_MAX_MATCHES_PER_BLOB);
    }

    /** The detector built ahead by {@link #prebuild}, while the command line is parsed. */
    private static volatile Future<Detector> prebuilt;

    /**
     * Starts building the detector of the rules {@code rules} will supply (the built-in catalogue) on a
     * background thread; {@link #of} hands it out when asked for the same rules. Building it (the
     * keyword tables of ~1,300 keywords) is ~15 ms of every scan's start.
     */
    public static void prebuild(Callable<RuleSet> rules) {
        FutureTask<Detector> task = new FutureTask<>(() -> new Detector(rules.call()));
        prebuilt = task;
        Thread t = new Thread(task, "sprawl-detector");
        t.setDaemon(true);
        t.start();
    }

    /** A detector of {@code ruleSet} with the default match limit: the prebuilt one when it has the same rules. */
    public static Detector of(RuleSet ruleSet) {
        Future<Detector> f = prebuilt;
        if (f != null) {
            try {
                Detector d = f.get();
                if (d.sameRules(ruleSet.rules())) {
                    return d;
                }
            } catch (ExecutionException e) {
                // the built-in rules failed to load: the caller's own rules decide below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Detector(ruleSet);
    }

    private boolean sameRules(List<Rule> other) {
        if (other.size() != rules.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (other.get(i) != rules.get(i)) {
                return false;
            }
        }
        return true;
    }

    public Detector(RuleSet ruleSet, int maxMatchesPerBlob) {
        this.rules = ruleSet.rules();
        this.maxMatches = maxMatchesPerBlob;
        this.lookaheads = new Pattern[rules.size()];
        Map<String, List<Integer>> byKeyword = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String k : rules.get(r).keywords()) {
                List<Integer> users = byKeyword.computeIfAbsent(k, x -> {
                    order.add(x);
                    return new ArrayList<>();
                });
                if (!users.contains(r)) {
                    users.add(r);
                }
            }
        }
        this.keywords = new KeywordMatcher(order);
        this.rulesByKeyword = new int[order.size()][];
        this.leadByKeyword = new int[order.size()];
        this.widthByKeyword = new int[order.size()];
        for (int k = 0; k < order.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(order.get(k)).stream().mapToInt(Integer::intValue).toArray();
            for (int r : rulesByKeyword[k]) {
                leadByKeyword[k] = Math.max(leadByKeyword[k], rules.get(r).keywordLead());
                widthByKeyword[k] = Math.max(widthByKeyword[k], rules.get(r).maxWidth());
            }
        }
    }

    /**
     * Rule {@code r}'s pattern as a lookahead, {@code (?=(pattern))}: a zero-width match at each start
     * where the rule matches, group 1 its extent. Compiled on first use (a race compiles it twice,
     * harmlessly); {@code Pattern} is immutable and shared by all sessions.
     */
    private Pattern lookahead(int r) {
        Pattern p = lookaheads[r];
        if (p == null) {
            Pattern rule = rules.get(r).pattern();
            p = Pattern.compile("(?=(" + closeQuote(rule.pattern()) + "))", rule.flags());
            lookaheads[r] = p;
        }
        return p;
    }

    /** {@code pattern} with a {@code \\Q} quote left open at its end closed, so it can be wrapped. */
    static String closeQuote(String pattern) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '\\' || i + 1 >= pattern.length()) {
                continue;
            }
            char next = pattern.charAt(i + 1);
            if (!quoted && next == 'Q') {
                quoted = true;
            } else if (quoted && next == 'E') {
                quoted = false;
            }
            if (!quoted || next == 'E') {
                i++; // an escape outside a quote, or the quote's end: skip the escaped character
            }
        }
        return quoted ? pattern + "\\E" : pattern;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A per-thread detection session with reusable buffers. Not thread-safe. */
    public Session newSession() {
        return new Session();
    }

    /** Detects in {@code data[0, length)} with a one-off session (tests, small inputs). */
    public Detection detect(byte[] data, int length) {
        return newSession().detect(data, length);
    }

    public final class Session {
        private final ByteText text = new ByteText(new byte[0], 0, 0);
        private final Matcher[] matchers = new Matcher[rules.size()];
        private final Engine[] engines = new Engine[rules.size()];
        /** Per rule: merged windows as start,end pairs. */
        private final int[][] windows = new int[rules.size()][];
        private final int[] windowCount = new int[rules.size()];
        private final int[] touched = new int[rules.size()];
        private int touchedCount;
        private int length;
        /** Keyword occurrences of the current blob, {@code end << 32 | keyword}. */
        private long[] hits = new long[64];
        private int hitCount;
        private Known known;
        /** Regex match bounds of the current blob's matches, {@code start << 32 | end}. */
        private Map<Match, Long> bounds = new java.util.IdentityHashMap<>();
        /** Keyword occurrences found near a derived blob's edits, {@code end << 32 | keyword}. */
        private final LongList pending = new LongList();
        /** A derived blob's occurrences near its edits, {@code start << 32 | keyword}. */
        private final LongList near = new LongList();

        private Session() {
        }

        public Detection detect(byte[] data, int len) {
            begin(data, len);
            keywords.scan(data, len, (k, end) -> {
                record(k, end);
                onKeyword(k, end);
            });
            List<Match> found = new ArrayList<>();
            List<DetectProblem> problems = new ArrayList<>();
            confirmAll(data, found, problems);
            return finish(resolveOverlaps(found), problems, len);
        }

        /**
         * Detects in a blob derived from an earlier one ({@code base}, e.g. the version a git delta was
         * computed against) of which {@code runs} are verbatim copies: (dst, src, length) triples in
         * increasing dst order. Matches whose surroundings (the rule's width plus
         * {@value #CONTEXT_BYTES} bytes on each side) lie within one copied run are carried over from the
         * base; keywords are looked for only where bytes were inserted or runs meet, and rules are run
         * only near those places. The result equals {@link #detect}'s, except where matches of different
         * rules overlap across an edit (then either may be reported). Falls back to {@link #detect} when
         * the runs do not fit the lengths.
         */
        public Detection detectDerived(byte[] data, int len, Known base, int[] runs) {
            Edits ed = Edits.of(runs, len, base.length());
            if (ed == null) {
                return detect(data, len);
            }
            begin(data, len);
            pending.clear();
            for (int i = 0; i < ed.dirtyCount(); i++) {
                int from = ed.dirtyFrom(i);
                int back = keywords.straddleBack(data, len, from);
                if (from == ed.dirtyTo(i) && back == 0) {
                    continue; // a seam no keyword can straddle
                }
                // an occurrence that starts before the interval and ends in it straddles its start
                int start = from - back;
                keywords.scan(data, len, start, ed.dirtyTo(i), (k, end) -> {
                    if (!ed.clean(end - keywords.keywordLength(k), end)) {
                        pending.add((long) end << 32 | k);
                    }
                });
            }
            near.clear();
            mergeHits(base, ed, pending.sorted());
            // the occurrences near an edit, by start: where rules must run again
            long[] byStart = near.sorted();
            for (long h : byStart) {
                int k = (int) h;
                int start = (int) (h >>> 32);
                for (int r : rulesByKeyword[k]) {
                    // a match through this occurrence starts at most lead before it and ends at most width after
                    Rule rule = rules.get(r);
                    if (ed.near((long) start - rule.keywordLead() - CONTEXT_BYTES,
                            (long) start + rule.maxWidth() + CONTEXT_BYTES, 0)) {
                        addWindow(r, start);
                    }
                }
            }
            List<Match> found = new ArrayList<>();
            List<DetectProblem> problems = new ArrayList<>();
            confirmAll(data, found, problems);
            List<Match> all = new ArrayList<>();
            for (Match m : found) {
                long b = bounds.get(m);
                if (!ed.clean((b >>> 32) - CONTEXT_BYTES, (int) b + (long) CONTEXT_BYTES)) {
                    all.add(m);
                }
            }
            carry(base, ed, all);
            return finish(resolveOverlaps(all), problems, len);
        }

        /** The base's matches whose text and context lie inside a copied run, moved to derived offsets. */
        private void carry(Known base, Edits ed, List<Match> out) {
            for (int j = 0; j < base.matches().size(); j++) {
                Match m = base.matches().get(j);
                long b = base.bounds()[j];
                long from = (b >>> 32) - CONTEXT_BYTES;
                long to = (int) b + (long) CONTEXT_BYTES;
                for (int i = 0; i < ed.runs(); i++) {
                    if (ed.cleanInBase(i, from, to)) {
                        int shift = ed.dst(i) - ed.src(i);
                        Match moved = m.shifted(shift);
                        bounds.put(moved, ((b >>> 32) + shift) << 32 | ((int) b + shift));
                        out.add(moved);
                    }
                }
            }
        }

        /**
         * Records the derived blob's keyword occurrences in order of end: the base's that lie inside a
         * copied run, moved to derived offsets, merged with {@code fresh} (found near the edits, sorted).
         * Those whose widest reach (any rule of the keyword, plus context) comes near an edit go to
         * {@link #near} by start. An occurrence inside run i can only come near the dirty intervals that
         * bound the run, so that test needs no search.
         */
        private void mergeHits(Known base, Edits ed, long[] fresh) {
            long[] bh = base.hits();
            int f = 0;
            for (int i = 0; i < ed.runs(); i++) {
                long src = ed.src(i);
                long srcEnd = src + ed.length(i);
                long shift = ed.dst(i) - ed.src(i);
                // hits are sorted by end: start at the first that ends after src
                int lo = 0;
                int hi = bh.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if ((bh[mid] >>> 32) <= src) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                for (int j = lo; j < bh.length && (bh[j] >>> 32) <= srcEnd; j++) {
                    int k = (int) bh[j];
                    long end = bh[j] >>> 32;
                    int klen = keywords.keywordLength(k);
                    if (end - klen < src) {
                        continue;
                    }
                    long moved = bh[j] + (shift << 32);
                    for (; f < fresh.length && fresh[f] < moved; f++) {
                        freshHit(ed, fresh, f);
                    }
                    int movedEnd = (int) (end + shift);
                    int start = movedEnd - klen;
                    record(k, movedEnd);
                    if (ed.nearRun(i, (long) start - leadByKeyword[k] - CONTEXT_BYTES,
                            (long) start + widthByKeyword[k] + CONTEXT_BYTES)) {
                        near.add((long) start << 32 | k);
                    }
                }
            }
            for (; f < fresh.length; f++) {
                freshHit(ed, fresh, f);
            }
        }

        /** An occurrence found near the edits ({@code end << 32 | keyword}); {@code fresh[f]}, once when found twice. */
        private void freshHit(Edits ed, long[] fresh, int f) {
            long h = fresh[f];
            if (f > 0 && fresh[f - 1] == h) {
                return; // the scans of two nearby edits overlapped
            }
            int k = (int) h;
            int end = (int) (h >>> 32);
            int start = end - keywords.keywordLength(k);
            record(k, end);
            // near() is an exact overlap test, so missing the widest reach misses every rule's
            if (ed.near((long) start - leadByKeyword[k] - CONTEXT_BYTES, (long) start + widthByKeyword[k] + CONTEXT_BYTES, 0)) {
                near.add((long) start << 32 | k);
            }
        }

        /**
         * What the last detection learnt, for blobs derived from that blob: null when it had problems
         * (a stopped rule, the match limit) or more than {@value #MAX_KNOWN_HITS} keyword occurrences.
         */
        public Known known() {
            return known;
        }

        private void begin(byte[] data, int len) {
            this.length = len;
            if (bounds.size() > 1024) {
                bounds = new java.util.IdentityHashMap<>(); // clear() would wipe its grown table for every blob
            } else if (!bounds.isEmpty()) {
                bounds.clear(); // an empty map is not cleared: clear() fills the whole table even then
            }
            text.reset(data, 0, len);
            touchedCount = 0;
            hitCount = 0;
            known = null;
        }

        private void record(int keyword, int end) {
            if (hitCount == hits.length) {
                if (hitCount > MAX_KNOWN_HITS) {
                    return;
                }
                hits = Arrays.copyOf(hits, hitCount * 2);
            }
            hits[hitCount++] = (long) end << 32 | keyword;
        }

        private void confirmAll(byte[] data, List<Match> found, List<DetectProblem> problems) {
            int[] order = Arrays.copyOf(touched, touchedCount);
            Arrays.sort(order);
            boolean capped = false;
            for (int r : order) {
                if (!capped) {
                    capped = confirm(r, data, found, problems);
                }
                windowCount[r] = 0;
            }
            touchedCount = 0;
            if (capped) {
                problems.add(new DetectProblem("match-limit", null,
                        "more than " + maxMatches + " matches in one blob; the rest were not reported"));
            }
        }

        private Detection finish(List<Match> matches, List<DetectProblem> problems, int len) {
            if (problems.isEmpty() && hitCount <= MAX_KNOWN_HITS) {
                long[] h = Arrays.copyOf(hits, hitCount);
                if (!ascending(h)) {
                    Arrays.sort(h); // a full detection records them by start, a derived one by end already
                }
                long[] b = new long[matches.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = bounds.get(matches.get(i));
                }
                known = new Known(matches, b, h, len);
            }
            return new Detection(matches, problems);
        }

        /**
         * Records where the rules of a keyword occurrence must be tried: a rule with keyword lead L
         * can only start a match that contains this occurrence in [start - L, start]. Overlapping
         * ranges are merged.
         */
        private void onKeyword(int keyword, int end) {
            int start = end - keywords.keywordLength(keyword);
            for (int r : rulesByKeyword[keyword]) {
                addWindow(r, start);
            }
        }

        /** Adds rule r's window for a keyword occurrence at {@code start}; starts arrive in increasing order. */
        private void addWindow(int r, int start) {
            // an engine is handed the keyword starts themselves; it finds where its match starts
            Rule rule = rules.get(r);
            int from = Math.max(0, start - (rule.engine() != null ? 0 : rule.keywordLead()));
            int to = start + 1;
            int n = windowCount[r];
            if (n == 0) {
                touched[touchedCount++] = r;
                if (windows[r] == null) {
                    windows[r] = new int[16];
                }
            } else if (from <= windows[r][2 * n - 1]) {
                windows[r][2 * n - 1] = Math.max(windows[r][2 * n - 1], to);
                return;
            }
            if (2 * n + 2 > windows[r].length) {
                windows[r] = Arrays.copyOf(windows[r], windows[r].length * 2);
            }
            windows[r][2 * n] = from;
            windows[r][2 * n + 1] = to;
            windowCount[r] = n + 1;
        }

        /** Runs rule {@code r} over its ranges; returns true when the match limit was reached. */
        private boolean confirm(int r, byte[] data, List<Match> found, List<DetectProblem> problems) {
            Rule rule = rules.get(r);
            if (rule.engine() != null) {
                return confirmEngine(r, rule, data, found);
            }
            Matcher m = matchers[r];
            if (m == null) {
                m = lookahead(r).matcher(text);
                m.useTransparentBounds(true).useAnchoringBounds(false);
                matchers[r] = m;
            } else {
                m.reset();
            }
            int lastEnd = 0;
            for (int w = 0; w < windowCount[r]; w++) {
                int from = Math.max(windows[r][2 * w], lastEnd);
                int to = windows[r][2 * w + 1];
                if (from >= to) {
                    continue;
                }
                text.budget(BUDGET_BASE + BUDGET_PER_CHAR * ((long) to - from + rule.maxWidth()));
                try {
                    // only the starts in [from, to) can begin a match: the rule runs as a lookahead,
                    // so one search tries each of them (reading past the range as far as the match
                    // needs) without resetting the matcher for every start
                    int s = from;
                    while (s < to) {
                        m.region(s, to);
                        if (!m.find()) {
                            break;
                        }
                        int start = m.start();
                        lastEnd = Math.max(m.end(1), start + 1);
                        if (accept(rule, m, data, found, start, m.end(1))) {
                            return true;
                        }
                        s = lastEnd;
                    }
                } catch (ByteText.BudgetExceeded | StackOverflowError e) {
                    problems.add(new DetectProblem("regex-budget", rule.id(),
                            "rule '" + rule.id() + "' exceeded its regex step budget; it was stopped for this blob"));
                    return false;
                } finally {
                    text.budget(Long.MAX_VALUE);
                }
            }
            return false;
        }

        /** Runs an engine rule over its ranges of keyword starts; returns true when the match limit was reached. */
        private boolean confirmEngine(int r, Rule rule, byte[] data, List<Match> found) {
            Engine engine = engines[r];
            if (engine == null) {
                engine = Engine.of(rule.engine());
                engines[r] = engine;
            }
            int lastEnd = 0;
            boolean[] capped = new boolean[1];
            for (int w = 0; w < windowCount[r]; w++) {
                int from = Math.max(windows[r][2 * w], lastEnd);
                int to = windows[r][2 * w + 1];
                if (from >= to) {
                    continue;
                }
                lastEnd = Math.max(lastEnd, engine.find(data, length, from, to, rule, (match, start, end) -> {
                    bounds.put(match, (long) start << 32 | end);
                    found.add(match);
                    capped[0] = found.size() >= maxMatches;
                    return capped[0];
                }));
                if (capped[0]) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Filters and records the current match: placeholders and credentials for a documentation
         * address are dropped; for generic rules, whose only evidence is a name, so are values that
         * are not secrets, values that name a credential field ({@code user:password}), stand-ins where a machine makes the credential and unquoted values with a
         * variable inside. Other stand-ins (a default word or counting run where a person chose the
         * value: {@code admin}) are kept as weak and, for generic rules, {@code placeholderLike}; low
         * entropy and weak generic values are kept as weak.
         * Returns true when the match limit was reached.
         */
        private boolean accept(Rule rule, Matcher m, byte[] data, List<Match> found, int matchStart, int matchEnd) {
            int s = m.start("secret");
            int e = m.end("secret");
            if (s < 0 || e <= s) {
                return false;
            }
            String value = new String(data, s, e - s, StandardCharsets.UTF_8);
            if (Placeholders.isPlaceholder(value) || Placeholders.beforeDocumentationHost(data, e)) {
                return false;
            }
            boolean standIn = Placeholders.isStandIn(value);
            if (rule.isGeneric() && (WeakValues.isNotSecret(value, rule.keywords()) || Placeholders.isCredentialName(value)
                    || (standIn && rule.category().machineMade())
                    || WeakValues.isInterpolatedUnquoted(value, quoted(data, s)))) {
                return false;
            }
            boolean weak = standIn
                    || (rule.minEntropy() > 0 && Entropy.of(value) < rule.minEntropy())
                    || (rule.isGeneric() && WeakValues.isWeak(value));
            // a default word or counting run where a person chose the value (admin, 1234567): deployed
            // often enough to report, so low and marked as the dummy it looks like
            java.util.SortedMap<String, String> attributes = rule.isGeneric() && standIn ? PLACEHOLDER_LIKE
                    : java.util.Collections.emptySortedMap();
            Match match = identityGroups(rule) || !attributes.isEmpty()
                    ? new Match(rule, s, e, new SecretValue(value), weak, null, attributes,
                            identityGroups(rule) ? identities(m, data) : List.of())
                    : new Match(rule, s, e, new SecretValue(value), weak);
            bounds.put(match, (long) matchStart << 32 | matchEnd);
            found.add(match);
            return found.size() >= maxMatches;
        }
    }

    private static final java.util.SortedMap<String, String> PLACEHOLDER_LIKE =
            java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(java.util.Map.of("placeholderLike", "true")));

    /** Named groups of a rule's pattern that capture the identity its secret authenticates. */
    static final List<String> IDENTITY_GROUPS = List.of("user", "host", "keyid", "clientid", "account");

    private static boolean identityGroups(Rule rule) {
        String p = rule.pattern().pattern();
        for (String g : IDENTITY_GROUPS) {
            if (p.contains("(?<" + g + ">")) {
                return true;
            }
        }
        return false;
    }

    private static List<Match.IdentitySpan> identities(Matcher m, byte[] data) {
        List<Match.IdentitySpan> out = new ArrayList<>(2);
        for (String g : IDENTITY_GROUPS) {
            int s;
            try {
                s = m.start(g);
            } catch (IllegalArgumentException absent) {
                continue;
            }
            if (s >= 0 && m.end(g) > s) {
                String kind = switch (g) {
                    case "keyid" -> "key-id";
                    case "clientid" -> "client-id";
                    default -> g;
                };
                out.add(new Match.IdentitySpan(kind, s, m.end(g), new String(data, s, m.end(g) - s, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** True when the value starting at {@code start} opens right after a quote. */
    static boolean quoted(byte[] data, int start) {
        if (start == 0) {
            return false;
        }
        byte b = data[start - 1];
        return b == '"' || b == '\'' || b == '`';
    }

    /** A growable list of longs. */
    private static final class LongList {
        private long[] values = new long[256];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }

    private static boolean ascending(long[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1] > a[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Among matches whose secrets overlap, keeps the best: a specific rule over a generic one, then the
     * higher rule confidence, then the longer secret, then the smaller rule id. Greedy, best first, so
     * two distinct secrets are never merged because a third match overlapped both.
     */
    static List<Match> resolveOverlaps(List<Match> matches) {
        if (matches.size() < 2) {
            return matches;
        }
        Comparator<Match> better = Comparator.<Match, Boolean>comparing(x -> !x.rule().isGeneric())
                .thenComparing(x -> x.rule().confidence())
                .thenComparingInt(x -> x.end() - x.start())
                .thenComparing(x -> x.rule().id(), Comparator.reverseOrder())
                .thenComparingInt(x -> -x.start());
        List<Match> ranked = new ArrayList<>(matches);
        ranked.sort(better.reversed());
        java.util.TreeMap<Integer, Match> kept = new java.util.TreeMap<>();
        for (Match m : ranked) {
            Map.Entry<Integer, Match> before = kept.floorEntry(m.start());
            Map.Entry<Integer, Match> after = kept.ceilingEntry(m.start());
            boolean overlaps = (before != null && before.getValue().end() > m.start())
                    || (after != null && after.getKey() < m.end());
            if (!overlaps) {
                kept.put(m.start(), m);
            }
        }
        return new ArrayList<>(kept.values());
    }
}
