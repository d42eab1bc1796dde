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

    /** Media types named in warnings as they are; any other is attacker-chosen text and is not echoed. */
    private static final java.util.Set<String> KNOWN_TYPES = java.util.Set.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST,
            DOCKER_MANIFEST, "application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws",
            "application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json",
            "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd", "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.diff.tar", "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "application/vnd.oci.empty.v1+json",
            "application/vnd.in-toto+json", "application/json", "application/octet-stream");

    /**
     * A media type as a warning shows it: a known one by name, any other only by its length (a hostile
     * manifest may put anything, a secret too, in the field).
     */
    static String shown(String mediaType) {
        if (mediaType == null) {
            return "none";
        }
        return KNOWN_TYPES.contains(mediaType) ? mediaType
                : "an unrecognised one of " + mediaType.length() + " characters";
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
