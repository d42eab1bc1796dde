package dev.sprawl.cli;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Reads the fingerprints of an earlier json inventory given with {@code --baseline}. */
final class Baseline {

    /** Largest baseline file read. */
    static final long MAX_BASELINE_BYTES = 256L * 1024 * 1024;

    private Baseline() {
    }

    static Set<String> fingerprints(Path file) throws IOException {
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
        for (JsonNode s : root.path("secrets")) {
            String fp = s.path("fingerprint").asText("");
            if (fp.matches("sha256:[0-9a-f]{64}")) {
                out.add(fp);
            }
        }
        return out;
    }
}
