package dev.sprawl.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.classify.Location;
import dev.sprawl.govern.Summary;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Lifecycle;
import dev.sprawl.inventory.Nhi;
import dev.sprawl.inventory.ResolvedSecret;
import dev.sprawl.inventory.SuggestedOwner;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.RepoSummary;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;

/** The {@code sprawl-inventory/1} JSON document (ARCHITECTURE §3), fields in contract order. */
public final class JsonReporter implements Reporter {

    private final ReportOptions options;
    private final Map<String, Map<String, Long>> timings;

    public JsonReporter(ReportOptions options) {
        this(options, null);
    }

    /** @param timings the {@code scan.timings} block (phase → wallMs, cpuMs, bytes), or null for none */
    public JsonReporter(ReportOptions options, Map<String, Map<String, Long>> timings) {
        this.options = options;
        this.timings = timings;
    }

    /** The document as a tree: the HTML report embeds exactly what the JSON report says. */
    ObjectNode tree(Inventory inv) {
        ObjectNode root = JsonTrees.object();
        root.put("schema", Inventory.SCHEMA);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "sprawl");
        tool.put("version", options.version());
        ObjectNode scan = root.putObject("scan");
        ArrayNode targets = scan.putArray("targets");
        inv.targets().forEach(targets::add);
        scan.put("startedAt", inv.startedAt().toString());
        scan.put("finishedAt", inv.finishedAt().toString());
        scan.put("complete", inv.complete());
        ArrayNode warnings = scan.putArray("warnings");
        for (ScanWarning w : inv.warnings()) {
            ObjectNode n = warnings.addObject();
            n.put("code", w.code());
            n.put("message", w.message());
            if (w.path() != null) {
                n.put("path", w.path());
            }
            n.put("incomplete", w.incomplete());
        }
        ObjectNode stats = scan.putObject("stats");
        inv.stats().forEach(stats::put);
        if (timings != null) {
            ObjectNode t = scan.putObject("timings");
            timings.forEach((phase, figures) -> {
                ObjectNode p = t.putObject(phase);
                figures.forEach(p::put);
            });
        }
        if (!inv.repos().isEmpty()) {
            ArrayNode repos = root.putArray("repos");
            for (RepoSummary r : inv.repos()) {
                ObjectNode rn = repos.addObject();
                rn.put("repo", r.repo());
                if (r.head() == null) {
                    rn.putNull("head");
                } else {
                    rn.put("head", r.head());
                }
                rn.put("commits", r.commits());
                rn.put("blobs", r.blobs());
                rn.put("secrets", r.secrets());
                rn.put("complete", r.complete());
            }
        }
        SummaryJson.write(root.putObject("summary"), Summary.of(inv));
        ArrayNode secrets = root.putArray("secrets");
        for (SecretEntry s : inv.secrets()) {
            secret(secrets.addObject(), s);
        }
        ArrayNode references = root.putArray("references");
        for (SecretReference r : inv.references()) {
            ObjectNode rn = references.addObject();
            rn.put("name", r.name());
            rn.put("kind", r.kind());
            locations(rn.putArray("locations"), r.locations());
        }
        if (inv.resolved() != null) {
            ArrayNode resolved = root.putArray("resolved");
            for (ResolvedSecret r : inv.resolved()) {
                ObjectNode rn = resolved.addObject();
                rn.put("fingerprint", r.fingerprint());
                rn.put("type", r.type());
                if (r.lastLocation() == null) {
                    rn.putNull("lastLocation");
                } else {
                    location(rn.putObject("lastLocation"), r.lastLocation());
                }
                putLong(rn, "resolvedAfterDays", r.resolvedAfterDays());
            }
        }
        return root;
    }

    @Override
    public void write(Inventory inv, Writer out) throws IOException {
        ObjectNode root = tree(inv);
        DefaultPrettyPrinter pp = printer();
        JsonTrees.write(root, new NonClosingWriter(out), pp);
        out.write("\n");
        out.flush();
    }

    /** How the inventory is laid out (two-space indents, {@code "key": value}); shared with {@code sprawl merge}. */
    public static DefaultPrettyPrinter printer() {
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    }

    private void secret(ObjectNode n, SecretEntry s) {
        n.put("fingerprint", s.fingerprint());
        n.put("rule", s.rule().id());
        n.put("type", s.rule().name());
        n.put("category", s.rule().category().label());
        n.put("provider", s.rule().provider());
        n.put("confidence", s.confidence().label());
        n.put("redacted", s.secret().redacted());
        if (options.showSecrets()) {
            n.put("secret", s.secret().reveal());
        }
        if (s.isNew() != null) {
            n.put("new", s.isNew());
        }
        if (s.ignored() != null) {
            n.put("ignored", true);
            n.put("ignoreReason", s.ignored());
        }
        ObjectNode attrs = n.putObject("attributes");
        s.attributes().forEach(attrs::put);
        Owner o = s.owner();
        if (o == null) {
            n.putNull("owner");
        } else {
            ObjectNode owner = n.putObject("owner");
            owner.put("name", o.name());
            owner.put("source", o.source());
            owner.put("origin", o.origin());
            if (!o.coOwners().isEmpty()) {
                ArrayNode co = owner.putArray("coOwners");
                o.coOwners().forEach(co::add);
            }
        }
        Nhi nhi = s.nhi();
        if (nhi != null) {
            ObjectNode nn = n.putObject("nhi");
            nn.put("name", nhi.name());
            nn.put("owner", nhi.owner());
            nn.put("purpose", nhi.purpose());
            nn.put("scope", nhi.scope());
            nn.put("expires", nhi.expires());
            nn.put("rotateEvery", nhi.rotateEvery());
        }
        suggestedOwners(n, s.suggestedOwners());
        Lifecycle life = s.lifecycle();
        n.put("firstSeen", life.firstSeen() == null ? null : life.firstSeen().toString());
        n.put("lastSeen", life.lastSeen() == null ? null : life.lastSeen().toString());
        putLong(n, "ageDays", life.ageDays());
        putLong(n, "exposureDays", life.exposureDays());
        locations(n.putArray("locations"), s.locations());
        ArrayNode findings = n.putArray("findings");
        for (GovernanceFinding f : s.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("code", f.code());
            fn.put("severity", f.severity());
            fn.put("message", f.message());
        }
    }

    static void putLong(ObjectNode n, String key, Long value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    private static void locations(ArrayNode locations, java.util.List<Location> list) {
        for (Location l : list) {
            location(locations.addObject(), l);
        }
    }

    private static void location(ObjectNode ln, Location l) {
        ln.put("source", l.source());
        ln.put("path", l.path());
        ln.put("line", l.line());
        ln.put("column", l.column());
        for (Map.Entry<String, Object> d : l.details().entrySet()) {
            putValue(ln, d.getKey(), d.getValue());
        }
        ln.put("context", l.context());
        if (l.allowed()) {
            ln.put("allowed", true);
        }
    }

    private static void putValue(ObjectNode n, String key, Object v) {
        if (v == null) {
            n.putNull(key);
        } else if (v instanceof Boolean b) {
            n.put(key, b);
        } else if (v instanceof Integer i) {
            n.put(key, i);
        } else if (v instanceof Long l) {
            n.put(key, l);
        } else if (v instanceof Instant t) {
            n.put(key, t.toString());
        } else if (v instanceof java.util.List<?> list) {
            ArrayNode a = n.putArray(key);
            for (Object item : list) {
                if (item instanceof dev.sprawl.classify.Identity id) {
                    ObjectNode in = a.addObject();
                    in.put("kind", id.kind());
                    in.put("value", id.value());
                    in.put("line", id.line());
                } else {
                    a.add(String.valueOf(item));
                }
            }
        } else {
            n.put(key, v.toString());
        }
    }

    /** Writes {@code suggestedOwners} into {@code parent} when there are any (the merge writes it the same way). */
    public static void suggestedOwners(ObjectNode parent, java.util.List<SuggestedOwner> owners) {
        if (owners.isEmpty()) {
            return;
        }
        ArrayNode suggested = parent.putArray("suggestedOwners");
        for (SuggestedOwner so : owners) {
            ObjectNode sn = suggested.addObject();
            sn.put("name", so.name());
            sn.put("source", so.source());
            sn.put("commits", so.commits());
        }
    }
}
