package dev.sprawl.source.git;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A reader that keeps the trees it read, most recently used first, up to a byte budget. Comparing each
 * commit with its parent reads the same directories again and again (the parent's tree of one commit is
 * the tree of the commit before it); served from here they are not looked up, inflated and rebuilt from
 * their deltas each time. One per thread; not thread-safe. Other objects go straight to the reader.
 */
final class TreeCache extends ObjectReader.Filter {

    /** Tree bytes kept per reader. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final ObjectReader reader;
    private long bytes;
    private final LinkedHashMap<ObjectId, byte[]> trees = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, byte[]> eldest) {
            if (bytes > MAX_BYTES) {
                bytes -= eldest.getValue().length;
                return true;
            }
            return false;
        }
    };

    TreeCache(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    protected ObjectReader delegate() {
        return reader;
    }

    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        if (typeHint != Constants.OBJ_TREE) {
            return reader.open(id, typeHint);
        }
        byte[] raw = trees.get(id);
        if (raw == null) {
            raw = reader.open(id, typeHint).getCachedBytes();
            bytes += raw.length;
            trees.put(id.copy(), raw);
        }
        return new ObjectLoader.SmallObject(Constants.OBJ_TREE, raw);
    }

    /** The underlying reader stays open: it belongs to the caller. */
    @Override
    public void close() {
    }
}
