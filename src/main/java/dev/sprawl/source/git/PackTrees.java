package dev.sprawl.source.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * Builds tree objects straight from the packs and keeps what it built by pack position. Git stores the
 * versions of a directory as a chain of deltas against one another; JGit's reader applies a chain from
 * its base each time a tree is read unless the base is in its small delta-base cache, so reading the
 * trees of 200k commits applied the same links again and again (on git/git 20 GB of allocation). Here
 * each link is applied once while its result stays in the cache: a tree whose base was built a moment
 * ago (the same directory in the neighbouring commit) costs one delta.
 *
 * <p>One per thread. Anything unusual — an object not in a pack, a base in another pack, a malformed or
 * truncated delta, a chain deeper than {@link #MAX_DEPTH}, a chain that does not end in a tree — gives
 * null, and the caller reads the tree through JGit, which reports what is wrong.
 */
final class PackTrees implements AutoCloseable {

    /** Bytes of built trees kept per thread as arrays; those that leave go to the {@link TreeRing}. */
    static final long MAX_BYTES = MemoryBudget.TREE_ARRAYS_BYTES;
    /** Longest chain followed (git's default is 50; {@code --depth} can make more). */
    static final int MAX_DEPTH = 4096;
    /** Largest tree built here (larger ones go through JGit). */
    static final int MAX_TREE_BYTES = 16 * 1024 * 1024;

    private static final int WINDOW_BYTES = 16 * 1024;

    private final List<PackIndex> indexes = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
    private final Inflater inflater = new Inflater();
    /** The pack bytes read last: one positional read serves an object's header and, mostly, its data. */
    private final byte[] window = new byte[WINDOW_BYTES];
    private final ByteBuffer windowBuffer = ByteBuffer.wrap(window);
    private int windowPack = -1;
    private long windowStart;
    private int windowLength;
    private long bytes;
    private long links;
    private final TreeRing ring = new TreeRing(MemoryBudget.TREE_RING_BYTES);
    private final LinkedHashMap<Long, byte[]> built = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            if (bytes > MAX_BYTES) {
                bytes -= eldest.getValue().length;
                ring.put(eldest.getKey(), eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** Over the packs JGit lists now; a pack that cannot be opened is left out (its trees go through JGit). */
    PackTrees(List<Pack> packs) {
        for (Pack p : packs) {
            if (indexes.size() >= 1 << 15) {
                break;
            }
            try {
                PackIndex index = p.getIndex();
                FileChannel ch = FileChannel.open(p.getPackFile().toPath(), StandardOpenOption.READ);
                indexes.add(index);
                channels.add(ch);
            } catch (IOException | RuntimeException e) {
                // read through JGit
            }
        }
    }

    /** The raw bytes of tree {@code id}, or null when it is to be read through JGit. */
    byte[] tree(AnyObjectId id) {
        for (int p = 0; p < indexes.size(); p++) {
            long offset;
            try {
                offset = indexes.get(p).findOffset(id);
            } catch (RuntimeException e) {
                return null;
            }
            if (offset >= 0) {
                return build(p, offset);
            }
        }
        return null;
    }

    /**
     * The raw bytes of commit {@code id} when a pack stores it whole (as git mostly stores commits), or
     * null when it is to be read through JGit (a delta, a loose object, anything unusual). The commit
     * walk reads commits about in pack order, so one positional read of the window serves many.
     */
    byte[] commit(AnyObjectId id) {
        for (int p = 0; p < indexes.size(); p++) {
            try {
                long offset = indexes.get(p).findOffset(id);
                if (offset >= 0) {
                    PackHeader h = header(p, offset);
                    if (h == null || h.type() != PackHeader.OBJ_COMMIT || h.size() > MAX_TREE_BYTES) {
                        return null;
                    }
                    return inflate(p, offset + h.length(), (int) h.size());
                }
            } catch (IOException | DataFormatException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** One link of a chain: where the delta's compressed bytes start and how large it inflates. */
    private record Link(long offset, long dataAt, int size) {
    }

    private byte[] build(int pack, long offset) {
        List<Link> chain = new ArrayList<>();
        long at = offset;
        byte[] base = null;
        try {
            while (base == null) {
                base = built.get(key(pack, at));
                if (base == null) {
                    base = ring.get(key(pack, at));
                    if (base != null) {
                        keep(pack, at, base);
                    }
                }
                if (base != null) {
                    break;
                }
                if (chain.size() > MAX_DEPTH) {
                    return null;
                }
                PackHeader h = header(pack, at);
                if (h == null || h.size() > MAX_TREE_BYTES) {
                    return null;
                }
                long dataAt = at + h.length();
                if (h.type() == PackHeader.OBJ_TREE) {
                    base = inflate(pack, dataAt, (int) h.size());
                    keep(pack, at, base);
                } else if (h.type() == PackHeader.OFS_DELTA || h.type() == PackHeader.REF_DELTA) {
                    chain.add(new Link(at, dataAt, (int) h.size()));
                    at = h.type() == PackHeader.REF_DELTA ? indexes.get(pack).findOffset(h.baseId())
                            : h.baseBack() > 0 && h.baseBack() <= at ? at - h.baseBack() : -1;
                    if (at < 0) {
                        return null; // the base is in another pack, or the offset is impossible
                    }
                } else {
                    return null; // a blob, commit or tag: not a tree
                }
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                Link link = chain.get(i);
                byte[] delta = inflate(pack, link.dataAt(), link.size());
                base = PackDeltas.apply(delta, base);
                links++;
                if (base == null || base.length > MAX_TREE_BYTES) {
                    return null;
                }
                keep(pack, link.offset(), base);
            }
            return base;
        } catch (IOException | DataFormatException | RuntimeException e) {
            return null;
        }
    }

    /** Deltas applied so far (what the cache saves shows as fewer of these). */
    long linksApplied() {
        return links;
    }

    private void keep(int pack, long offset, byte[] data) {
        if (built.put(key(pack, offset), data) == null) {
            bytes += data.length;
        }
    }

    private static long key(int pack, long offset) {
        return ((long) pack << 48) | offset;
    }

    /** The header of the object at a pack position, or null when unreadable. */
    private PackHeader header(int pack, long offset) throws IOException {
        if (offset < 0 || offset >= 1L << 48 || !load(pack, offset, PackHeader.MAX_BYTES)) {
            return null;
        }
        windowBuffer.limit(windowLength).position((int) (offset - windowStart));
        return PackHeader.parse(windowBuffer);
    }

    /**
     * Makes the window hold {@code need} bytes from {@code pos} (fewer at the end of the pack); false when
     * nothing can be read there.
     */
    private boolean load(int pack, long pos, int need) throws IOException {
        if (pack == windowPack && pos >= windowStart && pos + need <= windowStart + windowLength) {
            return true;
        }
        windowPack = -1;
        windowBuffer.clear();
        int n = channels.get(pack).read(windowBuffer, pos);
        if (n <= 0) {
            return false;
        }
        windowPack = pack;
        windowStart = pos;
        windowLength = n;
        return true;
    }

    /**
     * Inflates {@code size} bytes from pack position {@code pos}, starting with what the window holds. The
     * output grows as bytes arrive, so a header's claim is never allocated ahead of the data.
     */
    private byte[] inflate(int pack, long pos, int size) throws IOException, DataFormatException {
        inflater.reset();
        byte[] out = new byte[Math.min(size, 64 * 1024)];
        int done = 0;
        long next = pos;
        while (done < size) {
            if (inflater.needsInput()) {
                if (!load(pack, next, 1)) {
                    throw new DataFormatException("truncated");
                }
                int from = (int) (next - windowStart);
                inflater.setInput(window, from, windowLength - from);
                next = windowStart + windowLength;
            }
            if (done == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
            }
            int n = inflater.inflate(out, done, out.length - done);
            if (n == 0 && (inflater.finished() || inflater.needsDictionary())) {
                break;
            }
            done += n;
        }
        if (done != size) {
            throw new DataFormatException("short object");
        }
        return out;
    }

    @Override
    public void close() {
        inflater.end();
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // a read-only channel
            }
        }
    }
}
