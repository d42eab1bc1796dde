package dev.sprawl.source.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The blobs of HEAD's tree by path: what {@code inHead} and the working-tree comparison look at. */
final class HeadTree {

    static final HeadTree EMPTY = new HeadTree(Map.of());

    private final Map<String, ObjectId> blobs;

    private HeadTree(Map<String, ObjectId> blobs) {
        this.blobs = blobs;
    }

    static HeadTree read(ObjectReader reader, ObjectId tree) throws IOException {
        if (tree == null) {
            return EMPTY;
        }
        Map<String, ObjectId> blobs = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.reset(tree);
            while (tw.next()) {
                int type = tw.getRawMode(0) & FileMode.TYPE_MASK;
                if (type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK) {
                    blobs.put(tw.getPathString(), tw.getObjectId(0));
                }
            }
        }
        return new HeadTree(blobs);
    }

    /** The blob at {@code path} in HEAD, or null. */
    ObjectId get(String path) {
        return blobs.get(path);
    }

    boolean has(String path, ObjectId blob) {
        ObjectId id = blobs.get(path);
        return id != null && id.equals(blob);
    }
}
