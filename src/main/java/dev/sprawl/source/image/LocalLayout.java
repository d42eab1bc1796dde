package dev.sprawl.source.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images of a local layout: an OCI layout ({@code index.json}, blobs under {@code blobs/}), as a
 * folder or a tar archive — newer {@code docker save} writes one too — or the classic
 * {@code docker save} archive ({@code manifest.json} naming each image's config and layer files).
 * When both are present the OCI index is used.
 */
final class LocalLayout {

    static final String OCI_INDEX = "index.json";
    static final String OCI_MARKER = "oci-layout";
    static final String DOCKER_MANIFEST = "manifest.json";

    private static final Pattern CONFIG_NAME = Pattern.compile("(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.json)?");

    private LocalLayout() {
    }

    /** True when a tree holds an image layout. */
    static boolean isLayout(FileTree tree) {
        return tree.size(OCI_INDEX) >= 0 || tree.size(DOCKER_MANIFEST) >= 0;
    }

    static List<ImageSpec> images(FileTree tree, String image, String platform, Consumer<ScanWarning> warn) {
        if (tree.size(OCI_INDEX) >= 0) {
            OciWalker walker = new OciWalker(tree, image, platform, warn);
            try {
                byte[] index = tree.read(OCI_INDEX, ImageJson.MAX_MANIFEST_BYTES);
                walker.document(index, ImageJson.OCI_INDEX, OCI_INDEX, null, null, 0);
                List<ImageSpec> found = walker.images();
                if (!found.isEmpty() || tree.size(DOCKER_MANIFEST) < 0) {
                    return found;
                }
            } catch (IOException e) {
                warn.accept(new ScanWarning("manifest-invalid", "index.json could not be read: "
                        + e.getClass().getSimpleName(), image, true));
                if (tree.size(DOCKER_MANIFEST) < 0) {
                    return List.of();
                }
            }
        }
        return dockerArchive(tree, image, platform, warn);
    }

    private static final class OciWalker extends ManifestWalker {
        private final FileTree tree;

        OciWalker(FileTree tree, String image, String platform, Consumer<ScanWarning> warn) {
            super(image, platform, warn);
            this.tree = tree;
        }

        @Override
        byte[] manifest(String digest, int max) throws IOException {
            return tree.read(FileTree.blobName(digest), max);
        }

        @Override
        byte[] blob(String digest, int max) throws IOException {
            return tree.read(FileTree.blobName(digest), max);
        }

        @Override
        LayerRef.Opener layer(String digest) {
            String name = FileTree.blobName(digest);
            return () -> tree.open(name);
        }
    }

    /** The classic {@code docker save} layout: {@code manifest.json} is a list of images. */
    private static List<ImageSpec> dockerArchive(FileTree tree, String image, String platform,
                                                 Consumer<ScanWarning> warn) {
        Consumer<String> incomplete = m -> warn.accept(new ScanWarning("manifest-invalid", m, image, true));
        JsonNode list;
        try {
            list = ImageJson.parse(tree.read(DOCKER_MANIFEST, ImageJson.MAX_MANIFEST_BYTES));
        } catch (IOException e) {
            incomplete.accept("manifest.json could not be read: " + e.getClass().getSimpleName());
            return List.of();
        }
        if (!list.isArray()) {
            incomplete.accept("manifest.json is not a list of images");
            return List.of();
        }
        List<ImageSpec> images = new ArrayList<>();
        for (JsonNode entry : list) {
            ImageSpec spec = dockerImage(tree, image, entry, warn, incomplete);
            if (spec != null && Platform.matches(platform, (String) spec.details().get("platform"))) {
                images.add(spec);
            } else if (spec != null) {
                warn.accept(new ScanWarning("platform-not-found", "image " + spec.label() + " is "
                        + spec.details().get("platform") + ", not " + platform + "; not scanned", image, false));
            }
        }
        return images;
    }

    private static ImageSpec dockerImage(FileTree tree, String image, JsonNode entry, Consumer<ScanWarning> warn,
                                         Consumer<String> incomplete) {
        String tag = entry.path("RepoTags").path(0).isTextual() ? entry.path("RepoTags").path(0).asText() : null;
        String configName = FileTree.safeName(ImageJson.text(entry, "Config"));
        byte[] config = null;
        String configDigest = null;
        JsonNode diffIds = null;
        if (configName == null) {
            incomplete.accept("manifest.json: image config with an invalid name not scanned");
        } else {
            try {
                config = tree.read(configName, ImageJson.MAX_CONFIG_BYTES);
                Matcher m = CONFIG_NAME.matcher(configName);
                if (m.matches()) {
                    configDigest = "sha256:" + m.group(1);
                    if (!Digest.sha256(config).equals(configDigest)) {
                        warn.accept(new ScanWarning("digest-mismatch", "config " + Digest.shortForm(configDigest)
                                + " does not match its digest: the image may have been tampered with", image, true));
                    }
                }
                diffIds = ImageJson.parse(config).path("rootfs").path("diff_ids");
            } catch (NoSuchFileException e) {
                // the name is only text from manifest.json (no such member): not repeated, it could be anything
                warn.accept(new ScanWarning("blob-missing", "the image config that manifest.json names is missing;"
                        + " not scanned", image, true));
            } catch (IOException e) {
                incomplete.accept("config " + configName + " could not be read: " + e.getClass().getSimpleName());
            }
        }
        List<LayerRef> layers = new ArrayList<>();
        JsonNode names = entry.path("Layers");
        for (int i = 0; i < names.size(); i++) {
            String name = FileTree.safeName(names.path(i).asText(null));
            if (name == null) {
                incomplete.accept("manifest.json: layer with an invalid name not scanned");
                continue;
            }
            String diffId = diffIds != null && diffIds.size() == names.size() ? diffIds.path(i).asText(null) : null;
            String id = Digest.valid(diffId) ? diffId : name;
            layers.add(new LayerRef(id, Digest.valid(diffId) ? diffId : null, true, null, () -> tree.open(name)));
        }
        if (diffIds != null && diffIds.size() != names.size()) {
            warn.accept(new ScanWarning("config-mismatch", "image " + (tag != null ? tag : "?")
                    + ": config lists " + diffIds.size() + " layers, manifest.json " + names.size(), image, false));
        }
        TreeMap<String, Object> details = ManifestWalker.details(image, tag, null, config);
        return new ImageSpec(details, config, configDigest, layers);
    }
}
