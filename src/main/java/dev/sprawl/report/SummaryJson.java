package dev.sprawl.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.govern.Summary;
import java.util.List;

/** The inventory's {@code summary} object (docs/governance.md defines each figure); shared with {@code sprawl merge}. */
public final class SummaryJson {

    private SummaryJson() {
    }

    public static void write(ObjectNode n, Summary s) {
        n.put("secrets", s.secrets());
        n.put("ignored", s.ignored());
        ObjectNode cat = n.putObject("byCategory");
        s.byCategory().forEach(cat::put);
        ObjectNode conf = n.putObject("byConfidence");
        s.byConfidence().forEach(conf::put);
        share(n.putObject("owned"), s.owned(), s.secrets());
        share(n.putObject("orphaned"), s.orphaned(), s.secrets());
        ObjectNode rot = n.putObject("rotation");
        rot.put("covered", s.rotationCovered());
        rot.put("coveredPercent", Summary.percent(s.rotationCovered(), s.secrets()));
        rot.put("knownAge", s.rotationKnownAge());
        rot.put("within", s.rotationWithin());
        rot.put("withinPercent", Summary.percent(s.rotationWithin(), s.rotationKnownAge()));
        n.put("historyOnly", s.historyOnly());
        ObjectNode age = n.putObject("exposureAge");
        age.put("secrets", s.ages().size());
        number(age, "medianDays", Summary.median(s.ages()));
        JsonReporter.putLong(age, "maxDays", Summary.max(s.ages()));
        counts(n.putArray("perOwner"), "owner", s.perOwner());
        ObjectNode orphaned = n.putObject("mostOrphaned");
        counts(orphaned.putArray("repos"), "repo", s.orphanedByRepo());
        counts(orphaned.putArray("contexts"), "context", s.orphanedByContext());
        if (s.resolved() != null) {
            ObjectNode r = n.putObject("resolved");
            r.put("count", s.resolved());
            number(r, "medianDays", Summary.median(s.resolvedDays()));
        }
    }

    private static void share(ObjectNode n, int count, int whole) {
        n.put("count", count);
        n.put("percent", Summary.percent(count, whole));
    }

    private static void counts(ArrayNode a, String key, List<Summary.Count> counts) {
        for (Summary.Count c : counts) {
            ObjectNode o = a.addObject();
            o.put(key, c.name());
            o.put("secrets", c.secrets());
        }
    }

    /** A whole number without a fraction, else the number as is; null as null. */
    private static void number(ObjectNode n, String key, Double value) {
        if (value == null) {
            n.putNull(key);
        } else if (value == Math.rint(value)) {
            n.put(key, value.longValue());
        } else {
            n.put(key, value);
        }
    }
}
