package dev.sprawl.org;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.govern.Governance;
import dev.sprawl.govern.Summary;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.InventoryBuilder;
import dev.sprawl.inventory.Lifecycle;
import dev.sprawl.inventory.Owner;
import dev.sprawl.report.JsonReporter;
import dev.sprawl.report.SummaryJson;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.scan.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code sprawl merge}: combines the json inventories of shards (or of any scans of disjoint targets)
 * into the inventory one scan of all their targets gives, streaming: the secrets of every input are
 * read one at a time and external-sorted by fingerprint ({@link SpillSort}), each fingerprint is merged
 * on its own (locations united and sorted, owner, confidence and the location findings recomputed with
 * {@link InventoryBuilder#locationFindings}), and the merged entries are sorted again into report
 * order on disk. Memory holds one fingerprint's entries and a bounded buffer, not the inventories.
 *
 * <p>Merged: {@code scan.targets} (united in order of first appearance: a shard reports the whole list it was cut from), {@code startedAt} (earliest), {@code finishedAt}
 * (latest), {@code complete} (all), {@code warnings} (united, {@code binary-skipped} summed),
 * {@code stats} (summed; {@code rules} the largest), {@code secrets}, {@code references} (by name and
 * kind) and {@code repos} (by repo). Top-level fields it does not know are left out.
 */
public final class InventoryMerge {

    /** Characters of secrets held in memory before a sorted run goes to disk. */
    public static final long DEFAULT_BUDGET = 4L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    static {
        FACTORY.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** An input that is not a sprawl json inventory. */
    public static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    private final long budget;
    private final Path spillDir;

    /**
     * @param spillDir where sorted runs are written (a private temporary folder is made inside it)
     */
    public InventoryMerge(Path spillDir, long budget) {
        this.spillDir = spillDir;
        this.budget = budget;
    }

    /** One input's secret (its JSON text: compact while it waits in a sort buffer), tagged with its input. */
    private record Tagged(String fingerprint, int input, String json) {
        JsonNode secret() {
            return tree(json);
        }
    }

    /** A merged secret (JSON text) with the location it sorts by. */
    private record Merged(Location first, String fingerprint, String json) {
    }

    /** What the inputs say outside their secrets. */
    private static final class Heads {
        final List<String> fieldOrder = new ArrayList<>();
        JsonNode tool;
        final LinkedHashSet<String> targets = new LinkedHashSet<>();
        Instant started;
        Instant finished;
        boolean complete = true;
        final Map<JsonNode, Integer> warnings = new LinkedHashMap<>();
        final TreeMap<String, Long> stats = new TreeMap<>();
        final Map<List<String>, TreeSet<Item>> references = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        final TreeMap<String, JsonNode> repos = new TreeMap<>();
        final List<Instant> startedAts = new ArrayList<>();
    }

    /** A location with its JSON, ordered as the inventory orders locations. */
    private record Item(Location location, JsonNode json) {
        static final Comparator<Item> ORDER = Comparator.comparing(Item::location, Location.ORDER);
    }

    public void merge(List<Path> inputs, Writer out) throws IOException, BadInput {
        Path dir = Files.createTempDirectory(spillDir, "sprawl-merge",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Heads heads = new Heads();
        try (SpillSort<Tagged> byFingerprint = new SpillSort<>(dir,
                Comparator.comparing(Tagged::fingerprint).thenComparingInt(Tagged::input),
                t -> t.fingerprint() + "\t" + t.input() + "\t" + t.json(), InventoryMerge::readTagged, budget);
             SpillSort<Merged> byFirstLocation = new SpillSort<>(dir,
                     Comparator.comparing(Merged::first, Location.ORDER).thenComparing(Merged::fingerprint),
                     Merged::json, InventoryMerge::readMerged, budget)) {
            for (int i = 0; i < inputs.size(); i++) {
                read(inputs.get(i), i, heads, byFingerprint);
            }
            Instant now = heads.startedAts.stream().min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
            Summary.Tally tally = new Summary.Tally(heads.targets.isEmpty() ? "" : heads.targets.iterator().next());
            Iterator<Tagged> it;
            try {
                it = byFingerprint.sorted();
                List<Tagged> group = new ArrayList<>();
                while (it.hasNext()) {
                    Tagged t = it.next();
                    if (!group.isEmpty() && !group.get(0).fingerprint().equals(t.fingerprint())) {
                        Merged m = mergeSecret(group, now, tally);
                        byFirstLocation.add(m, m.json().length());
                        group.clear();
                    }
                    group.add(t);
                }
                if (!group.isEmpty()) {
                    Merged m = mergeSecret(group, now, tally);
                    byFirstLocation.add(m, m.json().length());
                }
                write(heads, tally.summary(null), byFirstLocation.sorted(), out);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Tagged readTagged(String line) {
        int a = line.indexOf('\t');
        int b = line.indexOf('\t', a + 1);
        return new Tagged(line.substring(0, a), Integer.parseInt(line.substring(a + 1, b)), line.substring(b + 1));
    }

    private static Merged readMerged(String line) {
        JsonNode n = tree(line);
        return new Merged(location(n.path("locations").get(0)), n.path("fingerprint").asText(), line);
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading ----

    private void read(Path file, int input, Heads heads, SpillSort<Tagged> secrets) throws IOException, BadInput {
        boolean schema = false;
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInput(file + ": not a sprawl json inventory");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!heads.fieldOrder.contains(name)) {
                    heads.fieldOrder.add(name); // a field only some shards have (repos) is still written
                }
                switch (name) {
                    case "schema" -> {
                        if (!Inventory.SCHEMA.equals(p.getValueAsString())) {
                            throw new BadInput(file + ": schema is not " + Inventory.SCHEMA);
                        }
                        schema = true;
                    }
                    case "secrets" -> {
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            throw new BadInput(file + ": secrets is not an array");
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode s = MAPPER.readTree(p);
                            String fp = s.path("fingerprint").asText("");
                            if (!fp.startsWith("sha256:") || fp.contains("\t") || !s.path("locations").isArray()
                                    || s.path("locations").isEmpty()) {
                                throw new BadInput(file + ": a secret without fingerprint or locations");
                            }
                            String json = s.toString();
                            secrets.add(new Tagged(fp, input, json), json.length());
                        }
                    }
                    case "scan" -> scan(file, MAPPER.readTree(p), heads);
                    case "tool" -> {
                        JsonNode tool = MAPPER.readTree(p);
                        if (heads.tool == null) {
                            heads.tool = tool;
                        }
                    }
                    case "references" -> references(MAPPER.readTree(p), heads);
                    case "repos" -> {
                        JsonNode repos = MAPPER.readTree(p);
                        for (JsonNode r : repos) {
                            heads.repos.put(r.path("repo").asText(), r);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BadInput(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!schema) {
            throw new BadInput(file + ": not a sprawl json inventory (no schema " + Inventory.SCHEMA + ")");
        }
    }

    private static void scan(Path file, JsonNode scan, Heads heads) throws BadInput {
        if (!scan.isObject()) {
            throw new BadInput(file + ": scan is not an object");
        }
        scan.path("targets").forEach(t -> heads.targets.add(t.asText()));
        Instant started = instant(file, scan.path("startedAt"));
        Instant finished = instant(file, scan.path("finishedAt"));
        heads.startedAts.add(started);
        heads.started = heads.started == null || started.isBefore(heads.started) ? started : heads.started;
        heads.finished = heads.finished == null || finished.isAfter(heads.finished) ? finished : heads.finished;
        heads.complete &= scan.path("complete").asBoolean(false);
        // a warning every shard repeats (listing an organisation) counts once: per distinct warning, the
        // most copies any one input has
        Map<JsonNode, Integer> here = new LinkedHashMap<>();
        for (JsonNode w : scan.path("warnings")) {
            if (!w.path("code").asText().equals("binary-skipped")) {
                here.merge(w, 1, Integer::sum);
            }
        }
        here.forEach((w, n) -> heads.warnings.merge(w, n, Math::max));
        scan.path("stats").fields().forEachRemaining(e -> heads.stats.merge(e.getKey(), e.getValue().asLong(),
                e.getKey().equals("rules") ? Math::max : Long::sum));
    }

    private static Instant instant(Path file, JsonNode n) throws BadInput {
        try {
            return Instant.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInput(file + ": scan times are not ISO-8601 instants");
        }
    }

    private static void references(JsonNode refs, Heads heads) {
        for (JsonNode r : refs) {
            TreeSet<Item> locs = heads.references.computeIfAbsent(List.of(r.path("name").asText(),
                    r.path("kind").asText()), k -> new TreeSet<>(Item.ORDER));
            for (JsonNode l : r.path("locations")) {
                locs.add(new Item(location(l), l));
            }
        }
    }

    /** A location read back from its JSON, with details of the same Java types the scan used (for its order). */
    static Location location(JsonNode n) {
        SortedMap<String, Object> details = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "source", "path", "line", "column", "context", "allowed" -> {
                }
                default -> details.put(e.getKey(), detail(e.getValue()));
            }
        }
        return new Location(n.path("source").asText(), n.path("path").asText(), n.path("line").asInt(),
                n.path("column").asInt(), n.path("context").asText(), details, n.path("allowed").asBoolean());
    }

    private static Object detail(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isInt()) {
            return v.asInt();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode x : v) {
                out.add(x.isObject() ? new Identity(x.path("kind").asText(), x.path("value").asText(), x.path("line").asInt())
                        : x.asText());
            }
            return out;
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    // ---- merging one secret ----

    private static final Comparator<JsonNode> BEST = Comparator
            .<JsonNode, Boolean>comparing(s -> !"generic".equals(s.path("provider").asText()))
            .thenComparing(s -> confidence(s))
            .thenComparing(s -> s.path("rule").asText(), Comparator.reverseOrder());

    private static Confidence confidence(JsonNode s) {
        Confidence c = Confidence.fromLabel(s.path("confidence").asText());
        return c == null ? Confidence.LOW : c;
    }

    /**
     * One fingerprint's entries from every input that has it, merged into the entry one scan of all
     * their targets gives, and counted in {@code tally}. A secret in one input only goes through the
     * same steps: its ages are counted to the merged scan's start, which may be earlier than its own.
     */
    private static Merged mergeSecret(List<Tagged> group, Instant now, Summary.Tally tally) {
        TreeSet<Item> locations = new TreeSet<>(Item.ORDER);
        JsonNode primary = null;
        Location primaryFirst = null;
        JsonNode best = null;
        Confidence confidence = Confidence.LOW;
        JsonNode owner = null;
        Location ownerFirst = null;
        boolean ignored = true;
        List<JsonNode> secrets = group.stream().map(Tagged::secret).toList();
        for (JsonNode s : secrets) {
            Location first = null;
            for (JsonNode l : s.path("locations")) {
                Item item = new Item(location(l), l);
                locations.add(item);
                if (first == null) {
                    first = item.location();
                }
            }
            if (primary == null || Location.ORDER.compare(first, primaryFirst) < 0) {
                primary = s;
                primaryFirst = first;
            }
            if (best == null || BEST.compare(s, best) > 0) {
                best = s;
            }
            Confidence c = confidence(s);
            confidence = c.compareTo(confidence) > 0 ? c : confidence;
            JsonNode o = s.path("owner");
            if (o.isObject()) {
                int rank = rank(o);
                if (owner == null || rank < rank(owner) || rank == rank(owner) && Location.ORDER.compare(first, ownerFirst) < 0) {
                    owner = o;
                    ownerFirst = first;
                }
            }
            ignored &= s.path("ignored").asBoolean(false);
        }
        List<Location> merged = locations.stream().map(Item::location).toList();
        Map<String, String> attributes = new TreeMap<>();
        best.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Category category = Category.fromLabel(best.path("category").asText());
        Owner resolved = owner == null ? null : new Owner(owner.path("name").asText(), owner.path("source").asText(),
                owner.path("origin").asText(null), List.of());
        Category cat = category == null ? Category.GENERIC_SECRET : category;
        // governance first (what a manifest said comes from the input holding the first location, whose
        // manifest a scan would use), then the inventory stage's own findings
        Governance.Derived derived = Governance.derive(best.path("rule").asText(), cat, resolved, merged, now,
                findings(primary));
        List<GovernanceFinding> computed = new ArrayList<>(derived.findings());
        computed.addAll(InventoryBuilder.locationFindings(resolved, cat, attributes, merged, now));
        ArrayNode findings = MAPPER.createArrayNode();
        for (GovernanceFinding f : computed) {
            ObjectNode n = findings.addObject();
            n.put("code", f.code());
            n.put("severity", f.severity());
            n.put("message", f.message());
        }
        Set<String> kept = new LinkedHashSet<>();
        List<JsonNode> ordered = new ArrayList<>();
        ordered.add(primary);
        for (JsonNode s : secrets) {
            if (s != primary) {
                ordered.add(s);
            }
        }
        for (JsonNode s : ordered) {
            for (JsonNode f : s.path("findings")) {
                String code = f.path("code").asText();
                if (!InventoryBuilder.LOCATION_FINDINGS.contains(code) && !Governance.CODES.contains(code)
                        && kept.add(code + "\u0000" + f.path("message").asText())) {
                    findings.add(f);
                }
            }
        }
        Lifecycle life = derived.lifecycle();
        ObjectNode out = MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = primary.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = e.getKey();
            switch (name) {
                case "rule", "type", "category", "provider", "redacted", "attributes", "secret" ->
                        out.set(name, best.has(name) ? best.get(name) : e.getValue());
                case "confidence" -> out.put(name, confidence.label());
                case "ignored", "ignoreReason" -> {
                    if (ignored) {
                        out.set(name, e.getValue());
                    }
                }
                case "owner" -> out.set(name, owner == null ? MAPPER.nullNode() : owner);
                case "suggestedOwners" -> {
                    // written with the lifecycle below, where the report puts it
                }
                case "firstSeen" -> {
                    JsonReporter.suggestedOwners(out, derived.suggestedOwners());
                    out.put(name, life.firstSeen() == null ? null : life.firstSeen().toString());
                }
                case "lastSeen" -> out.put(name, life.lastSeen() == null ? null : life.lastSeen().toString());
                case "ageDays" -> putLong(out, name, life.ageDays());
                case "exposureDays" -> putLong(out, name, life.exposureDays());
                case "locations" -> {
                    ArrayNode a = out.putArray(name);
                    locations.forEach(i -> a.add(i.json()));
                }
                case "findings" -> out.set(name, findings);
                default -> out.set(name, e.getValue());
            }
        }
        JsonNode rotate = out.path("nhi").path("rotateEvery");
        tally.add(ignored, out.path("category").asText(), confidence.label(), life.ageDays(),
                rotate.isTextual() ? rotate.asText() : null,
                computed.stream().anyMatch(f -> f.code().equals("history-only")),
                owner == null ? null : owner.path("name").asText(), merged);
        return new Merged(merged.get(0), group.get(0).fingerprint(), out.toString());
    }

    /** A secret's findings as the inventory wrote them. */
    private static List<GovernanceFinding> findings(JsonNode secret) {
        List<GovernanceFinding> out = new ArrayList<>();
        for (JsonNode f : secret.path("findings")) {
            out.add(new GovernanceFinding(f.path("code").asText(), f.path("severity").asText(), f.path("message").asText()));
        }
        return out;
    }

    private static void putLong(ObjectNode n, String key, Long value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    private static int rank(JsonNode owner) {
        int i = Owner.PRECEDENCE.indexOf(owner.path("source").asText());
        return i < 0 ? Owner.PRECEDENCE.size() : i;
    }

    // ---- writing ----

    /** The top-level fields in the order the json report writes them. */
    private static final List<String> REPORT_ORDER = List.of("schema", "tool", "scan", "repos", "summary", "secrets",
            "references", "resolved");

    private static void write(Heads heads, Summary summary, Iterator<Merged> secrets, Writer out) throws IOException {
        // the report's own field order, limited to the fields the inputs have
        List<String> order = REPORT_ORDER.stream().filter(heads.fieldOrder::contains).toList();
        try (JsonGenerator g = FACTORY.createGenerator(new NonClosing(out))) {
            g.setPrettyPrinter(JsonReporter.printer());
            g.writeStartObject();
            for (String field : order) {
                switch (field) {
                    case "schema" -> g.writeStringField("schema", Inventory.SCHEMA);
                    case "tool" -> {
                        g.writeFieldName("tool");
                        MAPPER.writeTree(g, heads.tool == null ? MAPPER.createObjectNode() : heads.tool);
                    }
                    case "scan" -> {
                        g.writeFieldName("scan");
                        MAPPER.writeTree(g, scanNode(heads));
                    }
                    case "summary" -> {
                        ObjectNode n = MAPPER.createObjectNode();
                        SummaryJson.write(n, summary);
                        g.writeFieldName("summary");
                        MAPPER.writeTree(g, n);
                    }
                    case "secrets" -> {
                        g.writeArrayFieldStart("secrets");
                        while (secrets.hasNext()) {
                            MAPPER.writeTree(g, tree(secrets.next().json()));
                        }
                        g.writeEndArray();
                    }
                    case "references" -> {
                        g.writeArrayFieldStart("references");
                        for (Map.Entry<List<String>, TreeSet<Item>> r : heads.references.entrySet()) {
                            ObjectNode n = MAPPER.createObjectNode();
                            n.put("name", r.getKey().get(0));
                            n.put("kind", r.getKey().get(1));
                            ArrayNode a = n.putArray("locations");
                            r.getValue().forEach(i -> a.add(i.json()));
                            MAPPER.writeTree(g, n);
                        }
                        g.writeEndArray();
                    }
                    case "repos" -> {
                        g.writeArrayFieldStart("repos");
                        for (JsonNode r : heads.repos.values()) {
                            MAPPER.writeTree(g, r);
                        }
                        g.writeEndArray();
                    }
                    default -> {
                        // a field this merge does not know how to combine is left out
                    }
                }
            }
            g.writeEndObject();
        }
        out.write("\n");
        out.flush();
    }

    private static ObjectNode scanNode(Heads heads) {
        ObjectNode scan = MAPPER.createObjectNode();
        ArrayNode targets = scan.putArray("targets");
        heads.targets.forEach(targets::add);
        scan.put("startedAt", Objects.requireNonNullElse(heads.started, Instant.EPOCH).toString());
        scan.put("finishedAt", Objects.requireNonNullElse(heads.finished, Instant.EPOCH).toString());
        scan.put("complete", heads.complete);
        List<JsonNode> warnings = new ArrayList<>();
        heads.warnings.forEach((w, n) -> {
            for (int i = 0; i < n; i++) {
                warnings.add(w);
            }
        });
        long binary = heads.stats.getOrDefault("binarySkipped", 0L);
        if (binary > 0) {
            var w = Scanner.binarySkipped(binary);
            ObjectNode n = MAPPER.createObjectNode();
            n.put("code", w.code());
            n.put("message", w.message());
            n.put("incomplete", w.incomplete());
            warnings.add(n);
        }
        warnings.sort(Comparator.comparing((JsonNode w) -> w.path("path").asText(""))
                .thenComparing(w -> w.path("code").asText()).thenComparing(w -> w.path("message").asText()));
        ArrayNode wa = scan.putArray("warnings");
        warnings.forEach(wa::add);
        ObjectNode stats = scan.putObject("stats");
        heads.stats.forEach(stats::put);
        return scan;
    }

    /** Lets the generator close without closing the caller's writer. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
