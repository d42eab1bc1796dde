package dev.sprawl.source.image;

import java.util.HashSet;
import java.util.Set;

/**
 * What one layer does to the file system of the layers below it: the paths it writes, the paths it
 * deletes (whiteouts {@code .wh.NAME}) and the folders it makes opaque ({@code .wh..wh..opq}).
 * Paths are normalised: relative, no {@code ./}, no trailing {@code /}.
 */
final class LayerListing {

    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final Set<String> present = new HashSet<>();
    private final Set<String> nonDirectories = new HashSet<>();
    private final Set<String> whiteouts = new HashSet<>();
    private final Set<String> opaque = new HashSet<>();

    /**
     * Records an entry of this layer.
     *
     * @return true when it is a whiteout marker (nothing to scan)
     */
    boolean add(String path, boolean directory) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        if (name.equals(OPAQUE)) {
            opaque.add(dir);
            return true;
        }
        if (name.startsWith(WHITEOUT)) {
            String target = name.substring(WHITEOUT.length());
            if (!target.startsWith(".wh.")) {
                whiteouts.add(dir.isEmpty() ? target : dir + "/" + target);
            }
            return true;
        }
        present.add(path);
        if (!directory) {
            nonDirectories.add(path);
        }
        return false;
    }

    /** True when this layer, lying above, hides a file at {@code path} of a lower layer. */
    boolean hides(String path) {
        if (present.contains(path) || whiteouts.contains(path)) {
            return true;
        }
        if (opaque.contains("")) {
            return true;
        }
        int slash = path.indexOf('/');
        while (slash > 0) {
            String ancestor = path.substring(0, slash);
            if (whiteouts.contains(ancestor) || opaque.contains(ancestor) || nonDirectories.contains(ancestor)) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return false;
    }

    /** A layer entry's name in normalised form, or null for the root itself. */
    static String normalise(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
