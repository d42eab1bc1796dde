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
        return hides(path, ancestors(path));
    }

    /**
     * {@link #hides(String)} with the path's {@link #ancestors} computed once by the caller, who asks
     * every layer above the same question.
     */
    boolean hides(String path, String[] ancestors) {
        if (present.contains(path) || whiteouts.contains(path)) {
            return true;
        }
        if (opaque.contains("")) {
            return true;
        }
        for (String ancestor : ancestors) {
            if (whiteouts.contains(ancestor) || opaque.contains(ancestor) || nonDirectories.contains(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The folders above a normalised path, outermost first: {@code a}, {@code a/b} for {@code a/b/c}. */
    static String[] ancestors(String path) {
        int n = 0;
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            n++;
        }
        String[] out = new String[n];
        int k = 0;
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            out[k++] = path.substring(0, i);
        }
        return out;
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
