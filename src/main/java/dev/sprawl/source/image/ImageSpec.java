package dev.sprawl.source.image;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One image to scan, as its layout or registry describes it.
 *
 * @param details      location fields shared by everything found in it: {@code image}, and when known
 *                     {@code tag} and {@code platform}
 * @param config       the image config JSON (already read and checked against its digest), or null
 * @param configDigest the config's digest, or null
 * @param layers       bottom layer first
 */
record ImageSpec(SortedMap<String, Object> details, byte[] config, String configDigest, List<LayerRef> layers) {

    ImageSpec {
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
        layers = List.copyOf(layers);
    }

    String label() {
        Object tag = details.get("tag");
        return tag != null ? tag.toString() : String.valueOf(details.get("image"));
    }
}
