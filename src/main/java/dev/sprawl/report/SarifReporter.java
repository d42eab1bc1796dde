package dev.sprawl.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.classify.Location;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning services. One result per distinct secret: its first location is the
 * primary one, the others are related locations, and {@code partialFingerprints} carries the secret's
 * fingerprint so an alert survives the code moving. Levels follow confidence (high: error, medium:
 * warning, low: note). Messages name the type, the redacted form and the owner, never the value.
 */
public final class SarifReporter implements Reporter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT_KEY = "secretFingerprint/v1";


    private final ReportOptions options;

    public SarifReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Inventory inv, Writer out) throws IOException {
        ObjectNode root = JsonTrees.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "sprawl");
        driver.put("semanticVersion", options.version());
        driver.put("informationUri", "https://github.com/sprawl-dev/sprawl");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        inv.secrets().stream().map(SecretEntry::rule).map(Rule::id).distinct().sorted().forEach(id -> {
            Rule r = inv.secrets().stream().map(SecretEntry::rule).filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            ruleIndex.put(id, ruleIndex.size());
            ObjectNode rn = rules.addObject();
            rn.put("id", r.id());
            rn.put("name", camel(r.id()));
            rn.putObject("shortDescription").put("text", r.name());
            rn.putObject("fullDescription").put("text", r.name() + " (" + r.category().label() + ", provider "
                    + r.provider() + "). Rotate the credential, remove every copy, and record its owner.");
            if (!r.references().isEmpty()) {
                rn.put("helpUri", r.references().get(0));
            }
            rn.putObject("defaultConfiguration").put("level", level(r.confidence()));
            ObjectNode props = rn.putObject("properties");
            props.putArray("tags").add("security").add("secret").add(r.category().label());
            props.put("precision", r.confidence() == Confidence.HIGH ? "very-high" : r.confidence() == Confidence.MEDIUM ? "high" : "medium");
            props.put("security-severity", r.confidence() == Confidence.HIGH ? "8.0" : r.confidence() == Confidence.MEDIUM ? "6.0" : "3.0");
        });
        ArrayNode results = run.putArray("results");
        for (SecretEntry s : inv.secrets()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", s.rule().id());
            res.put("ruleIndex", ruleIndex.get(s.rule().id()));
            res.put("level", level(s.confidence()));
            res.putObject("message").put("text", message(s));
            ArrayNode locs = res.putArray("locations");
            locs.add(location(s.locations().get(0)));
            if (s.locations().size() > 1) {
                ArrayNode related = res.putArray("relatedLocations");
                for (int i = 1; i < s.locations().size(); i++) {
                    ObjectNode l = location(s.locations().get(i));
                    l.put("id", i);
                    related.add(l);
                }
            }
            res.putObject("partialFingerprints").put(FINGERPRINT_KEY, s.fingerprint());
            if (s.ignored() != null) {
                ObjectNode sup = res.putArray("suppressions").addObject();
                sup.put("kind", s.ignored().startsWith("sprawl:allow") ? "inSource" : "external");
                sup.put("justification", s.ignored());
            }
            ObjectNode props = res.putObject("properties");
            props.put("fingerprint", s.fingerprint());
            props.put("category", s.rule().category().label());
            props.put("confidence", s.confidence().label());
            props.put("redacted", s.secret().redacted());
            props.put("owner", s.owner() == null ? null : s.owner().name());
            if (s.isNew() != null) {
                props.put("new", s.isNew());
            }
            ArrayNode findings = props.putArray("findings");
            for (GovernanceFinding f : s.findings()) {
                findings.add(f.code());
            }
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", inv.complete());
        invocation.put("startTimeUtc", inv.startedAt().toString());
        invocation.put("endTimeUtc", inv.finishedAt().toString());
        ArrayNode notes = invocation.putArray("toolExecutionNotifications");
        for (ScanWarning w : inv.warnings()) {
            ObjectNode n = notes.addObject();
            n.putObject("descriptor").put("id", w.code());
            n.put("level", w.incomplete() ? "error" : "warning");
            n.putObject("message").put("text", w.path() == null ? w.message() : w.path() + ": " + w.message());
        }
        run.putObject("originalUriBaseIds").putObject("%SRCROOT%").put("uri", "file:///");
        run.put("columnKind", "unicodeCodePoints");
        JsonTrees.write(root, new NonClosingWriter(out), new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
        out.write("\n");
        out.flush();
    }

    private String message(SecretEntry s) {
        StringBuilder sb = new StringBuilder(s.rule().name()).append(' ').append(s.secret().redacted());
        sb.append(s.owner() == null ? " has no owner" : " owned by " + s.owner().name());
        if (s.locations().size() > 1) {
            sb.append("; found in ").append(s.locations().size()).append(" places");
        }
        return sb.append('.').toString();
    }

    private static ObjectNode location(Location l) {
        ObjectNode n = JsonTrees.object();
        ObjectNode phys = n.putObject("physicalLocation");
        ObjectNode art = phys.putObject("artifactLocation");
        art.put("uri", uri(l.path()));
        art.put("uriBaseId", "%SRCROOT%");
        ObjectNode region = phys.putObject("region");
        region.put("startLine", Math.max(1, l.line()));
        region.put("startColumn", Math.max(1, l.column()));
        if (!l.details().isEmpty()) {
            ObjectNode props = n.putObject("properties");
            l.details().forEach((k, v) -> props.put(k, String.valueOf(v)));
        }
        return n;
    }

    /** A relative URI reference for a path: every character outside the unreserved set is escaped. */
    static String uri(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path.replaceAll("[^A-Za-z0-9/._~-]", "_");
        }
    }

    static String level(Confidence c) {
        return c == Confidence.HIGH ? "error" : c == Confidence.MEDIUM ? "warning" : "note";
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
