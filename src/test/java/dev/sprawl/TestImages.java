package dev.sprawl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Container images built at test time: layers as tars, a config, manifests, and writers for the
 * layouts sprawl reads (OCI layout folder, OCI archive, classic {@code docker save} archive).
 */
public final class TestImages {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

    private TestImages() {
    }

    public static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One image: layers bottom first, config fields, how layers are compressed. */
    public static final class Image {
        public final List<byte[]> layers = new ArrayList<>();
        public final List<String> env = new ArrayList<>();
        public final Map<String, String> labels = new LinkedHashMap<>();
        public final List<String> cmd = new ArrayList<>();
        public final List<String> entrypoint = new ArrayList<>();
        /** created_by of each layer, in order; extra empty-layer steps go in {@link #emptySteps}. */
        public final List<String> history = new ArrayList<>();
        public final List<String> emptySteps = new ArrayList<>();
        public String compression = "gzip";
        public String os = "linux";
        public String arch = "amd64";

        public Image layer(TestArchives.Tar tar, String createdBy) {
            layers.add(tar.bytes());
            history.add(createdBy);
            return this;
        }

        public byte[] config() throws IOException {
            ObjectNode c = JSON.createObjectNode();
            c.put("architecture", arch);
            c.put("os", os);
            ObjectNode cfg = c.putObject("config");
            ArrayNode e = cfg.putArray("Env");
            env.forEach(e::add);
            ObjectNode l = cfg.putObject("Labels");
            labels.forEach(l::put);
            ArrayNode cm = cfg.putArray("Cmd");
            cmd.forEach(cm::add);
            if (!entrypoint.isEmpty()) {
                ArrayNode ep = cfg.putArray("Entrypoint");
                entrypoint.forEach(ep::add);
            }
            ObjectNode rootfs = c.putObject("rootfs");
            rootfs.put("type", "layers");
            ArrayNode diffIds = rootfs.putArray("diff_ids");
            layers.forEach(t -> diffIds.add(sha256(t)));
            ArrayNode h = c.putArray("history");
            for (String step : emptySteps) {
                h.addObject().put("created_by", step).put("empty_layer", true);
            }
            history.forEach(step -> h.addObject().put("created_by", step));
            return JSON.writeValueAsBytes(c);
        }

        public byte[] compressed(int i) throws IOException {
            byte[] tar = layers.get(i);
            switch (compression) {
                case "gzip": return TestArchives.gzip(tar);
                case "zstd": return TestArchives.zstd(tar);
                default: return tar;
            }
        }

        public String layerMediaType() {
            switch (compression) {
                case "gzip": return "application/vnd.oci.image.layer.v1.tar+gzip";
                case "zstd": return "application/vnd.oci.image.layer.v1.tar+zstd";
                default: return "application/vnd.oci.image.layer.v1.tar";
            }
        }
    }

    /** An OCI layout under construction: content-addressed blobs and an index. */
    public static final class Layout {
        public final Map<String, byte[]> blobs = new LinkedHashMap<>();
        public final ArrayNode manifests = JSON.createArrayNode();

        public String blob(byte[] data) {
            String d = sha256(data);
            blobs.put(d, data);
            return d;
        }

        public static ObjectNode descriptor(String mediaType, String digest, long size) {
            ObjectNode n = JSON.createObjectNode();
            n.put("mediaType", mediaType);
            n.put("digest", digest);
            n.put("size", size);
            return n;
        }

        /** Adds the image's blobs and returns its manifest's descriptor (not yet in the index). */
        public ObjectNode manifest(Image image) throws IOException {
            byte[] config = image.config();
            ObjectNode m = JSON.createObjectNode();
            m.put("schemaVersion", 2);
            m.put("mediaType", OCI_MANIFEST);
            m.set("config", descriptor(OCI_CONFIG, blob(config), config.length));
            ArrayNode layers = m.putArray("layers");
            for (int i = 0; i < image.layers.size(); i++) {
                byte[] blob = image.compressed(i);
                layers.add(descriptor(image.layerMediaType(), blob(blob), blob.length));
            }
            byte[] bytes = JSON.writeValueAsBytes(m);
            ObjectNode d = descriptor(OCI_MANIFEST, blob(bytes), bytes.length);
            d.putObject("platform").put("os", image.os).put("architecture", image.arch);
            return d;
        }

        public ObjectNode index(List<ObjectNode> entries) throws IOException {
            ObjectNode idx = JSON.createObjectNode();
            idx.put("schemaVersion", 2);
            idx.put("mediaType", OCI_INDEX);
            idx.putArray("manifests").addAll(entries);
            byte[] bytes = JSON.writeValueAsBytes(idx);
            return descriptor(OCI_INDEX, blob(bytes), bytes.length);
        }

        public Layout add(ObjectNode descriptor, String refName) {
            if (refName != null) {
                descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
            }
            manifests.add(descriptor);
            return this;
        }

        public byte[] indexJson() throws IOException {
            ObjectNode idx = JSON.createObjectNode();
            idx.put("schemaVersion", 2);
            idx.put("mediaType", OCI_INDEX);
            idx.set("manifests", manifests);
            return JSON.writeValueAsBytes(idx);
        }

        public Path writeDir(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.write(dir.resolve("index.json"), indexJson());
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                Files.write(dir.resolve("blobs/sha256/" + b.getKey().substring(7)), b.getValue());
            }
            return dir;
        }

        public byte[] archive() throws IOException {
            return archive(Map.of());
        }

        /** The layout as a tar, with {@code extra} files at its root (docker save adds manifest.json). */
        public byte[] archive(Map<String, byte[]> extra) throws IOException {
            TestArchives.Tar tar = new TestArchives.Tar();
            extra.forEach(tar::file);
            tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
            tar.file("index.json", indexJson());
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                tar.file("blobs/sha256/" + b.getKey().substring(7), b.getValue());
            }
            return tar.bytes();
        }
    }

    public static byte[] ociArchive(Image image, String refName) throws IOException {
        Layout layout = new Layout();
        layout.add(layout.manifest(image), refName);
        return layout.archive();
    }

    /** The classic {@code docker save} archive: manifest.json, the config, one folder per layer. */
    public static byte[] dockerSave(Image image, String repoTag) throws IOException {
        TestArchives.Tar tar = new TestArchives.Tar();
        byte[] config = image.config();
        String configName = sha256(config).substring(7) + ".json";
        ObjectNode entry = JSON.createObjectNode();
        entry.put("Config", configName);
        entry.putArray("RepoTags").add(repoTag);
        ArrayNode layers = entry.putArray("Layers");
        List<String> names = new ArrayList<>();
        for (byte[] layer : image.layers) {
            String name = sha256(layer).substring(7, 71) + "/layer.tar";
            names.add(name);
            layers.add(name);
        }
        tar.file("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)));
        tar.file(configName, config);
        for (int i = 0; i < names.size(); i++) {
            tar.file(names.get(i), image.layers.get(i));
        }
        return tar.bytes();
    }
}
