package dev.sprawl.source.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses untrusted image JSON (indexes, manifests, configs) under tight constraints. */
final class ImageJson {

    /** Largest index or manifest read. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    /** Largest image config read. */
    static final int MAX_CONFIG_BYTES = 32 * 1024 * 1024;

    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(MAX_CONFIG_BYTES).maxNumberLength(64).build())
            .build());

    private ImageJson() {
    }

    static JsonNode parse(byte[] data) throws IOException {
        JsonNode n = MAPPER.readTree(data);
        if (n == null || n.isMissingNode()) {
            throw new IOException("empty JSON document");
        }
        return n;
    }

    static boolean isIndex(String mediaType, JsonNode doc) {
        if (OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType)) {
            return true;
        }
        return (mediaType == null || mediaType.isEmpty() || !isManifest(mediaType, null))
                && doc != null && doc.path("manifests").isArray();
    }

    static boolean isManifest(String mediaType, JsonNode doc) {
        if (OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType)) {
            return true;
        }
        return doc != null && doc.path("layers").isArray() && doc.path("config").isObject();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
