package dev.sprawl.source.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Sorts blobs into the order their packs store them (pack by pack, by offset), which reads about three
 * times faster than object-id order (RESEARCH §3); loose objects come last. Also checks that every
 * pack index can be read and sizes the window cache for the packs.
 */
final class PackOrder {

    private PackOrder() {
    }

    /** Total bytes of the repository's pack files. */
    static long packBytes(List<Pack> packs) {
        long total = 0;
        for (Pack p : packs) {
            total += p.getPackFile().length();
        }
        return total;
    }

    /** The repository's packs, in the order pack numbers refer to. */
    static List<Pack> packs(Repository repo) {
        return repo.getObjectDatabase() instanceof ObjectDirectory od ? List.copyOf(od.getPacks()) : List.of();
    }

    static List<BlobNode> sort(List<Pack> packs, HistoryIndex index, List<BlobNode> blobs, Problems problems) {
        for (int n = 0; n < packs.size(); n++) {
            Pack p = packs.get(n);
            {
                try {
                    p.hasObject(ObjectId.zeroId());
                } catch (IOException | RuntimeException e) {
                    problems.warn("git-pack-unreadable", "pack index " + p.getPackFile().getName()
                            + " could not be read (" + e.getClass().getSimpleName()
                            + "): the objects only it holds are reported as unreadable", null, true, "packs could not be read");
                    continue;
                }
                for (PackIndex.MutableEntry e : p) {
                    BlobNode b = index.get(e.toObjectId());
                    if (b != null && b.pack == Integer.MAX_VALUE) {
                        b.pack = n;
                        b.offset = e.getOffset();
                    }
                }
            }
        }
        List<BlobNode> out = new ArrayList<>(blobs);
        out.sort(Comparator.comparingInt((BlobNode b) -> b.pack).thenComparingLong(b -> b.offset)
                .thenComparing(b -> b));
        return out;
    }
}
