package dev.sprawl.cli;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.govern.BaselineSecret;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an earlier json inventory given with {@code --baseline}: its fingerprints (what is not new) and,
 * for {@code resolved[]}, each secret's type, {@code firstSeen} and locations. Fields a baseline lacks
 * (older inventories have no {@code firstSeen}) are null; entries without a valid fingerprint are skipped.
 */
final class Baseline {

    /** What a baseline holds. */
    record Contents(Set<String> fingerprints, List<BaselineSecret> secrets) {
    }

    /** Largest baseline file read. */
    static final long MAX_BASELINE_BYTES = 256L * 1024 * 1024;

    private Baseline() {
    }

    static Set<String> fingerprints(Path file) throws IOException {
        return read(file).fingerprints();
    }

    static Contents read(Path file) throws IOException {
        if (Files.size(file) > MAX_BASELINE_BYTES) {
            throw new IOException("larger than " + MAX_BASELINE_BYTES + " bytes");
        }
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = mapper.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not valid JSON");
        }
        if (root == null || !root.path("schema").asText().startsWith("sprawl-inventory/")) {
            throw new IOException("not a sprawl json inventory (no sprawl-inventory schema)");
        }
        Set<String> out = new HashSet<>();
        List<BaselineSecret> secrets = new ArrayList<>();
        for (JsonNode s : root.path("secrets")) {
            String fp = s.path("fingerprint").asText("");
            if (fp.matches("sha256:[0-9a-f]{64}") && out.add(fp)) {
                List<Location> locations = new ArrayList<>();
                for (JsonNode l : s.path("locations")) {
                    Location loc = location(l);
                    if (loc != null) {
                        locations.add(loc);
                    }
                }
                secrets.add(new BaselineSecret(fp, s.path("type").isTextual() ? s.path("type").asText() : null,
                        instant(s.path("firstSeen")), locations));
            }
        }
        return new Contents(out, secrets);
    }

    private static Instant instant(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A location object back as a {@link Location}: details keep their JSON scalars, identities their records. */
    private static Location location(JsonNode l) {
        if (!l.isObject() || !l.path("source").isTextual() || !l.path("path").isTextual()) {
            return null;
        }
        TreeMap<String, Object> details = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = l.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (Set.of("source", "path", "line", "column", "context", "allowed").contains(f.getKey())) {
                continue;
            }
            JsonNode v = f.getValue();
            if (v.isBoolean()) {
                details.put(f.getKey(), v.asBoolean());
            } else if (v.isIntegralNumber()) {
                details.put(f.getKey(), v.asLong());
            } else if (v.isTextual()) {
                details.put(f.getKey(), v.asText());
            } else if (v.isArray() && f.getKey().equals(Identity.DETAIL)) {
                List<Identity> ids = new ArrayList<>();
                for (JsonNode i : v) {
                    if (i.path("kind").isTextual() && i.path("value").isTextual()) {
                        ids.add(new Identity(i.path("kind").asText(), i.path("value").asText(), i.path("line").asInt()));
                    }
                }
                details.put(f.getKey(), ids);
            }
        }
        return new Location(l.path("source").asText(), l.path("path").asText(), l.path("line").asInt(),
                l.path("column").asInt(), l.path("context").asText(""), details, l.path("allowed").asBoolean(false));
    }
}
