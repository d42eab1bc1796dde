package dev.sprawl.org.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Keystores;
import dev.sprawl.classify.Location;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.scan.BlobResult;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a blob's {@link BlobResult.PathResult} as one JSON document (the {@code paths.result} column)
 * and reads it back. Rules are stored by id and category and resolved against the current catalogue
 * and the analyzers' rules; a document naming a rule that no longer resolves, or any value it cannot
 * read, is {@link Unreadable} and the blob is scanned again.
 */
final class ResultCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored document that cannot be turned back into results. */
    static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why, null, false, false);
        }
    }

    private final Map<String, Rule> rules = new HashMap<>();
    /** The catalogue's engine rules by origin: the rules an engine reports its matches under variants of. */
    private final Map<String, Rule> engineRules = new HashMap<>();

    ResultCodec(RuleSet catalogue) {
        for (Rule r : catalogue.rules()) {
            rules.put(key(r.id(), r.category()), r);
            if (r.engine() != null) {
                engineRules.putIfAbsent(r.origin(), r);
            }
        }
        for (AnalyzerRule a : AnalyzerRule.values()) {
            for (Category c : Category.values()) {
                rules.putIfAbsent(key(a.id(), c), a.rule(c));
            }
        }
        for (Rule r : Keystores.rules()) {
            rules.putIfAbsent(key(r.id(), r.category()), r);
        }
    }

    private static String key(String id, Category category) {
        return id + "\u0000" + category.label();
    }

    private static boolean sameReport(Rule a, Rule b) {
        return a.id().equals(b.id()) && a.name().equals(b.name()) && a.category() == b.category()
                && java.util.Objects.equals(a.provider(), b.provider());
    }

    /**
     * How a finding's rule is written: by id and category when the catalogue (or an analyzer, or the
     * keystore recogniser) has that very rule; else, for a match an engine reported under a variant of
     * its rule (the generic credential detector's {@code generic-password} attributed to a provider),
     * with the base rule's id and category and the variant's name and provider as well.
     *
     * @throws IllegalArgumentException a rule that could not be resolved again (the blob is not stored)
     */
    private void rule(ObjectNode n, Rule rule) {
        n.put("rule", rule.id());
        n.put("category", rule.category().label());
        Rule known = rules.get(key(rule.id(), rule.category()));
        if (known != null && sameReport(known, rule)) {
            return;
        }
        Rule base = engineRules.get(rule.origin());
        if (base == null || !sameReport(base.variant(rule.id(), rule.name(), rule.category(), rule.provider()), rule)
                || !base.pattern().pattern().equals(rule.pattern().pattern())) {
            throw new IllegalArgumentException("a rule outside the catalogue: " + rule.id());
        }
        ObjectNode v = n.putObject("variantOf");
        v.put("rule", base.id());
        v.put("category", base.category().label());
        v.put("name", rule.name());
        if (rule.provider() == null) {
            v.putNull("provider");
        } else {
            v.put("provider", rule.provider());
        }
    }

    private Rule rule(JsonNode n) throws Unreadable {
        Category category = Category.fromLabel(text(n, "category"));
        if (category == null) {
            throw new Unreadable("category unknown");
        }
        JsonNode v = n.get("variantOf");
        if (v == null) {
            Rule rule = rules.get(key(text(n, "rule"), category));
            if (rule == null) {
                throw new Unreadable("rule unknown");
            }
            return rule;
        }
        Category baseCategory = Category.fromLabel(text(v, "category"));
        Rule base = baseCategory == null ? null : rules.get(key(text(v, "rule"), baseCategory));
        if (base == null || base.engine() == null) {
            throw new Unreadable("engine rule unknown");
        }
        JsonNode provider = v.get("provider");
        if (provider == null || !(provider.isNull() || provider.isTextual())) {
            throw new Unreadable("missing provider");
        }
        return base.variant(text(n, "rule"), text(v, "name"), category, provider.isNull() ? null : provider.asText());
    }

    String write(BlobResult.PathResult r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode fs = root.putArray("findings");
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            ObjectNode n = fs.addObject();
            rule(n, f.rule());
            n.put("secret", f.secret().reveal());
            n.put("confidence", f.confidence().label());
            ObjectNode a = n.putObject("attributes");
            f.attributes().forEach(a::put);
            location(n, f.location());
            Owner o = r.owners().get(i);
            if (o != null) {
                ObjectNode on = n.putObject("owner");
                on.put("name", o.name());
                on.put("source", o.source());
                on.put("origin", o.origin());
                ArrayNode co = on.putArray("coOwners");
                o.coOwners().forEach(co::add);
            }
        }
        ArrayNode refs = root.putArray("references");
        for (SecretReference.Sighting s : r.references()) {
            ObjectNode n = refs.addObject();
            n.put("name", s.name());
            n.put("kind", s.kind());
            location(n, s.location());
        }
        ArrayNode ws = root.putArray("warnings");
        for (ScanWarning w : r.warnings()) {
            ObjectNode n = ws.addObject();
            n.put("code", w.code());
            n.put("message", w.message());
            n.put("incomplete", w.incomplete());
            if (w.path() != null) {
                n.put("path", w.path());
            }
        }
        return root.toString();
    }

    /** A whole target's results: as a path result (every location and warning with its own path), with counts. */
    String writeTarget(BlobResult.TargetResult t) {
        ObjectNode root = (ObjectNode) readTreeQuietly(write(new BlobResult.PathResult(t.findings(), t.owners(),
                t.references(), t.warnings())));
        ObjectNode counts = root.putObject("counts");
        t.counts().forEach(counts::put);
        ArrayNode ws = (ArrayNode) root.get("warnings");
        for (int i = 0; i < t.warnings().size(); i++) {
            if (t.warnings().get(i).path() == null) {
                ((ObjectNode) ws.get(i)).putNull("path");
            }
        }
        return root.toString();
    }

    BlobResult.TargetResult readTarget(String text) throws Unreadable {
        BlobResult.PathResult p = read("", "", text);
        JsonNode root = readTreeQuietly(text);
        JsonNode ws = root.get("warnings");
        List<ScanWarning> warnings = new ArrayList<>();
        for (int i = 0; i < p.warnings().size(); i++) {
            ScanWarning w = p.warnings().get(i);
            JsonNode path = ws.get(i).get("path");
            warnings.add(new ScanWarning(w.code(), w.message(), path == null || path.isNull() ? null : path.asText(),
                    w.incomplete()));
        }
        Map<String, Long> counts = new HashMap<>();
        JsonNode c = object(root, "counts");
        c.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return new BlobResult.TargetResult(p.findings(), p.owners(), p.references(), warnings, counts);
    }

    private static JsonNode readTreeQuietly(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    BlobResult.PathResult read(String source, String path, String text) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new Unreadable("not JSON");
        }
        List<Finding> findings = new ArrayList<>();
        Map<Integer, Owner> owners = new HashMap<>();
        for (JsonNode n : array(root, "findings")) {
            Rule rule = rule(n);
            Confidence confidence = Confidence.fromLabel(text(n, "confidence"));
            if (confidence == null) {
                throw new Unreadable("confidence unknown");
            }
            TreeMap<String, String> attributes = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = object(n, "attributes").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                attributes.put(e.getKey(), e.getValue().asText());
            }
            JsonNode o = n.get("owner");
            if (o != null) {
                List<String> co = new ArrayList<>();
                array(o, "coOwners").forEach(c -> co.add(c.asText()));
                owners.put(findings.size(), new Owner(text(o, "name"), text(o, "source"),
                        o.path("origin").isTextual() ? o.get("origin").asText() : null, co));
            }
            findings.add(new Finding(rule, new SecretValue(text(n, "secret")), confidence, attributes,
                    location(source, path, n)));
        }
        List<SecretReference.Sighting> references = new ArrayList<>();
        for (JsonNode n : array(root, "references")) {
            references.add(new SecretReference.Sighting(text(n, "name"), text(n, "kind"), location(source, path, n)));
        }
        List<ScanWarning> warnings = new ArrayList<>();
        for (JsonNode n : array(root, "warnings")) {
            warnings.add(new ScanWarning(text(n, "code"), text(n, "message"),
                    n.path("path").isTextual() ? n.get("path").asText() : path, n.path("incomplete").asBoolean()));
        }
        return new BlobResult.PathResult(findings, owners, references, warnings);
    }

    private static void location(ObjectNode n, Location l) {
        n.put("source", l.source());
        n.put("path", l.path());
        n.put("line", l.line());
        n.put("column", l.column());
        n.put("context", l.context());
        n.put("allowed", l.allowed());
        ObjectNode d = n.putObject("details");
        for (Map.Entry<String, Object> e : l.details().entrySet()) {
            d.set(e.getKey(), value(e.getValue()));
        }
    }

    /** A detail value as {@code [type, value]}, so it reads back as the same Java type. */
    private static ArrayNode value(Object v) {
        ArrayNode a = JSON.createArrayNode();
        if (v instanceof String s) {
            a.add("s").add(s);
        } else if (v instanceof Boolean b) {
            a.add("b").add(b);
        } else if (v instanceof Integer i) {
            a.add("i").add(i);
        } else if (v instanceof Long l) {
            a.add("l").add(l);
        } else if (v instanceof Instant t) {
            a.add("t").add(t.toString());
        } else if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof Identity)) {
            ArrayNode ids = a.add("identity").addArray();
            for (Object x : list) {
                Identity id = (Identity) x;
                ids.addArray().add(id.kind()).add(id.value()).add(id.line());
            }
        } else if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
            ArrayNode items = a.add("strings").addArray();
            list.forEach(x -> items.add((String) x));
        } else {
            throw new IllegalArgumentException("detail of an unknown type: " + (v == null ? "null" : v.getClass()));
        }
        return a;
    }

    private static Location location(String source, String path, JsonNode n) throws Unreadable {
        SortedMap<String, Object> details = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object(n, "details").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            details.put(e.getKey(), value(e.getValue()));
        }
        if (!n.path("line").isInt() || !n.path("column").isInt()) {
            throw new Unreadable("no line or column");
        }
        if (n.path("source").isTextual()) {
            source = n.get("source").asText();
        }
        if (n.path("path").isTextual()) {
            path = n.get("path").asText();
        }
        return new Location(source, path, n.get("line").asInt(), n.get("column").asInt(), text(n, "context"), details,
                n.path("allowed").asBoolean());
    }

    private static Object value(JsonNode a) throws Unreadable {
        if (!a.isArray() || a.size() != 2) {
            throw new Unreadable("detail is not [type, value]");
        }
        JsonNode v = a.get(1);
        switch (a.get(0).asText()) {
            case "s": return v.asText();
            case "b": return v.asBoolean();
            case "i": return v.asInt();
            case "l": return v.asLong();
            case "t":
                try {
                    return Instant.parse(v.asText());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new Unreadable("bad instant");
                }
            case "identity": {
                List<Identity> out = new ArrayList<>();
                for (JsonNode x : v) {
                    out.add(new Identity(x.path(0).asText(), x.path(1).asText(), x.path(2).asInt()));
                }
                return List.copyOf(out);
            }
            case "strings": {
                List<String> out = new ArrayList<>();
                v.forEach(x -> out.add(x.asText()));
                return List.copyOf(out);
            }
            default: throw new Unreadable("detail of an unknown type");
        }
    }

    private static String text(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new Unreadable("missing " + field);
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new Unreadable("missing " + field);
        }
        return v;
    }

    private static JsonNode object(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new Unreadable("missing " + field);
        }
        return v;
    }
}
