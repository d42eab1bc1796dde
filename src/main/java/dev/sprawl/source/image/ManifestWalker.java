package dev.sprawl.source.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Follows OCI and Docker image indexes (nested ones too) down to image manifests, and turns each
 * manifest into an {@link ImageSpec}. Every digest is validated before it is used, every document is
 * checked against its digest, and a broken or missing piece is a warning: the walk goes on with the
 * rest. Storage (layout folder, archive, registry) is the subclass's business.
 */
abstract class ManifestWalker {

    /** Indexes nested deeper than this are not followed. */
    static final int MAX_INDEX_DEPTH = 8;

    private final String image;
    private final String platform;
    private final Consumer<ScanWarning> warn;
    private final List<ImageSpec> images = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    private int skippedPlatforms;

    ManifestWalker(String image, String platform, Consumer<ScanWarning> warn) {
        this.image = image;
        this.platform = platform;
        this.warn = warn;
    }

    /** The bytes of the manifest or index {@code digest} (a valid digest), at most {@code max}. */
    abstract byte[] manifest(String digest, int max) throws IOException;

    /** The bytes of the blob {@code digest} (a valid digest), at most {@code max}. */
    abstract byte[] blob(String digest, int max) throws IOException;

    /** Opens the layer blob {@code digest} (a valid digest) when its turn comes. */
    abstract LayerRef.Opener layer(String digest);

    List<ImageSpec> images() {
        if (platform != null && images.isEmpty() && skippedPlatforms > 0) {
            warn("platform-not-found", "no image for platform " + platform + " (" + skippedPlatforms
                    + " other platform(s) skipped)", true);
        }
        return images;
    }

    void warn(String code, String message, boolean incomplete) {
        warn.accept(new ScanWarning(code, message, image, incomplete));
    }

    /** Walks an index or manifest document whose bytes are already checked. */
    void document(byte[] data, String mediaType, String where, String platformHint, String tag, int depth) {
        JsonNode doc;
        try {
            doc = ImageJson.parse(data);
        } catch (IOException e) {
            warn("manifest-invalid", where + " is not valid JSON; not scanned", true);
            return;
        }
        String declared = ImageJson.text(doc, "mediaType");
        String type = declared != null ? declared : mediaType;
        if (ImageJson.isIndex(type, doc)) {
            if (depth >= MAX_INDEX_DEPTH) {
                warn("index-too-deep", where + ": image indexes nested deeper than " + MAX_INDEX_DEPTH
                        + " are not followed", true);
                return;
            }
            for (JsonNode d : doc.path("manifests")) {
                descriptor(d, depth + 1, tag);
            }
        } else if (ImageJson.isManifest(type, doc)) {
            manifest(doc, where, platformHint, tag);
        } else if (doc.path("schemaVersion").asInt() == 1) {
            warn("manifest-unsupported", where + ": Docker schema 1 manifests are not supported; not scanned", true);
        } else {
            warn("manifest-unsupported", where + ": not an image index or manifest (media type "
                    + ImageJson.shown(type) + "); not scanned", true);
        }
    }

    private void descriptor(JsonNode d, int depth, String parentTag) {
        String digest = ImageJson.text(d, "digest");
        if (!Digest.valid(digest)) {
            warn("invalid-digest", "index entry with an invalid digest skipped (expected sha256: and 64 hex digits)",
                    true);
            return;
        }
        String p = Platform.of(d.path("platform"), "os", "architecture");
        if (platform != null && p != null && !Platform.matches(platform, p)) {
            skippedPlatforms++;
            return;
        }
        if (!visited.add(digest)) {
            return;
        }
        String tag = refName(d.path("annotations"));
        byte[] data;
        try {
            data = manifest(digest, ImageJson.MAX_MANIFEST_BYTES);
        } catch (NoSuchFileException e) {
            warn("blob-missing", "manifest " + Digest.shortForm(digest) + " is missing; not scanned", true);
            return;
        } catch (IOException e) {
            warn("blob-unreadable", "manifest " + Digest.shortForm(digest) + " could not be read: "
                    + e.getClass().getSimpleName(), true);
            return;
        }
        checkDigest(data, digest, "manifest");
        document(data, ImageJson.text(d, "mediaType"), "manifest " + Digest.shortForm(digest), p,
                tag != null ? tag : parentTag, depth);
    }

    /** Warns when {@code data} does not have {@code digest}; the content is scanned all the same. */
    void checkDigest(byte[] data, String digest, String what) {
        if (!Digest.of(data, digest).equals(digest)) {
            warn("digest-mismatch", what + " " + Digest.shortForm(digest)
                    + " does not match its digest: the image may have been tampered with", true);
        }
    }

    private void manifest(JsonNode m, String where, String platformHint, String tag) {
        byte[] config = null;
        String configDigest = ImageJson.text(m.path("config"), "digest");
        if (!Digest.valid(configDigest)) {
            warn("invalid-digest", where + ": config with an invalid digest not scanned", true);
            configDigest = null;
        } else {
            try {
                config = blob(configDigest, ImageJson.MAX_CONFIG_BYTES);
                checkDigest(config, configDigest, "config");
            } catch (NoSuchFileException e) {
                warn("blob-missing", "config " + Digest.shortForm(configDigest) + " is missing; not scanned", true);
            } catch (IOException e) {
                warn("blob-unreadable", "config " + Digest.shortForm(configDigest) + " could not be read: "
                        + e.getClass().getSimpleName(), true);
            }
        }
        List<LayerRef> layers = new ArrayList<>();
        for (JsonNode l : m.path("layers")) {
            String digest = ImageJson.text(l, "digest");
            if (!Digest.valid(digest)) {
                warn("invalid-digest", where + ": layer with an invalid digest not scanned", true);
                continue;
            }
            layers.add(new LayerRef(digest, digest, false, ImageJson.text(l, "mediaType"), layer(digest)));
        }
        images.add(new ImageSpec(details(image, tag, platformHint, config), config, configDigest, layers));
    }

    /** The location fields of an image: {@code image}, {@code tag} and {@code platform} when known. */
    static TreeMap<String, Object> details(String image, String tag, String platformHint, byte[] config) {
        TreeMap<String, Object> details = new TreeMap<>();
        details.put("image", image);
        if (tag != null) {
            details.put("tag", tag);
        }
        String p = platformHint;
        if (p == null && config != null) {
            try {
                p = Platform.of(ImageJson.parse(config), "os", "architecture");
            } catch (IOException e) {
                p = null;
            }
        }
        if (p != null) {
            details.put("platform", p);
        }
        return details;
    }

    /** The image name an index entry carries in its annotations, if any. */
    static String refName(JsonNode annotations) {
        String name = ImageJson.text(annotations, "io.containerd.image.name");
        return name != null ? name : ImageJson.text(annotations, "org.opencontainers.image.ref.name");
    }
}
