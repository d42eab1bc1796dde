package dev.sprawl.source.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scans what an image config says about how it was built and how it runs, one blob per item:
 * each {@code Env} variable ({@code config/Env/NAME}, content {@code NAME=value}), each label
 * ({@code config/Labels/KEY}, content {@code KEY=value}), {@code config/Cmd} and
 * {@code config/Entrypoint} (arguments joined by spaces), and every history step's
 * {@code created_by} ({@code history/N}, N counted from 0, with the {@code layer} it created).
 */
final class ConfigBlobs {

    private ConfigBlobs() {
    }

    static void scan(ImageSpec image, BlobSink sink) {
        if (image.config() == null) {
            return;
        }
        JsonNode config;
        try {
            config = ImageJson.parse(image.config());
        } catch (IOException e) {
            sink.warn(new ScanWarning("config-invalid", "image config is not valid JSON; scanned as text",
                    String.valueOf(image.details().get("image")), true));
            deliver(sink, image, "config", null, new String(image.config(), StandardCharsets.UTF_8));
            return;
        }
        JsonNode c = config.path("config");
        for (JsonNode env : c.path("Env")) {
            if (env.isTextual()) {
                String v = env.asText();
                int eq = v.indexOf('=');
                deliver(sink, image, "config/Env/" + (eq < 0 ? v : v.substring(0, eq)), null, v);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("Labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            deliver(sink, image, "config/Labels/" + label.getKey(), null, label.getKey() + "=" + label.getValue().asText());
        }
        for (String field : new String[] {"Cmd", "Entrypoint"}) {
            String line = join(c.path(field));
            if (line != null) {
                deliver(sink, image, "config/" + field, null, line);
            }
        }
        JsonNode history = config.path("history");
        List<String> layers = new ArrayList<>();
        image.layers().forEach(l -> layers.add(l.id()));
        long nonEmpty = 0;
        for (JsonNode h : history) {
            if (!h.path("empty_layer").asBoolean(false)) {
                nonEmpty++;
            }
        }
        boolean aligned = nonEmpty == layers.size();
        int layer = 0;
        for (int i = 0; i < history.size(); i++) {
            JsonNode h = history.path(i);
            boolean empty = h.path("empty_layer").asBoolean(false);
            String createdBy = ImageJson.text(h, "created_by");
            String layerId = aligned && !empty ? layers.get(layer) : null;
            if (!empty) {
                layer++;
            }
            if (createdBy != null && !createdBy.isEmpty()) {
                deliver(sink, image, "history/" + i, layerId, createdBy);
            }
        }
    }

    private static String join(JsonNode args) {
        if (args.isTextual()) {
            return args.asText();
        }
        if (!args.isArray() || args.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.asText());
        }
        return sb.toString();
    }

    private static void deliver(BlobSink sink, ImageSpec image, String path, String layer, String content) {
        TreeMap<String, Object> details = new TreeMap<>(image.details());
        if (image.configDigest() != null) {
            details.put("config", image.configDigest());
        }
        if (layer != null) {
            details.put("layer", layer);
        }
        details.put(Provenance.CONTEXT, "container");
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        sink.accept(new Blob(data, data.length, List.of(new Provenance("image", path, details))));
    }
}
