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
 * A reader that keeps the trees it compared, parsed, most recently used first, up to a byte budget. Comparing each
 * commit with its parent reads the same directories again and again (the parent's tree of one commit is
 * the tree of the commit before it); served from here they are not looked up, inflated and rebuilt from
 * their deltas each time. One per thread; not thread-safe. Other objects go straight to the reader.
 */
final class TreeCache extends ObjectReader.Filter {

    /** Tree bytes kept per reader. */
    static final long MAX_BYTES = MemoryBudget.TREE_ARRAYS_BYTES;

    private final ObjectReader reader;
    private final PackTrees packs;
    private long bytes;
    private final LinkedHashMap<ObjectId, RawTreeDiff.Parsed> trees = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, RawTreeDiff.Parsed> eldest) {
            if (bytes > MAX_BYTES) {
                bytes -= eldest.getValue().bytes();
                return true;
            }
            return false;
        }
    };

    TreeCache(ObjectReader reader) {
        this(reader, null);
    }

    /** @param packs builds trees from the packs with their delta chains cached (null: every tree through JGit) */
    TreeCache(ObjectReader reader, PackTrees packs) {
        this.reader = reader;
        this.packs = packs;
    }

    private byte[] read(AnyObjectId id) throws IOException {
        byte[] raw = packs == null ? null : packs.tree(id);
        return raw != null ? raw : reader.open(id, Constants.OBJ_TREE).getCachedBytes();
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
        RawTreeDiff.Parsed t = trees.get(id);
        byte[] raw = t != null ? t.raw : read(id);
        return new ObjectLoader.SmallObject(Constants.OBJ_TREE, raw);
    }

    /**
     * The tree with its entries located, read and parsed once while it stays in the cache; {@code like} (or
     * null) is a tree it is probably an edit of, whose entries are reused where the bytes agree.
     */
    RawTreeDiff.Parsed parsed(AnyObjectId id, RawTreeDiff.Parsed like) throws IOException {
        RawTreeDiff.Parsed t = trees.get(id);
        if (t == null) {
            t = RawTreeDiff.Parsed.of(read(id), like);
            bytes += t.bytes();
            trees.put(id.copy(), t);
        }
        return t;
    }

    /** The underlying reader stays open: it belongs to the caller. */
    @Override
    public void close() {
    }
}
