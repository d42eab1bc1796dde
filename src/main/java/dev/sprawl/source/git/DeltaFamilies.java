package dev.sprawl.source.git;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the blobs into delta-family order: every blob that is not stored as a delta of another scanned
 * blob (a family's root) is followed by its whole family, depth first — each blob comes right after
 * its base or after its base's earlier-listed descendants. Read in this order, a base's bytes are
 * needed only while its own subtree is read, so the bases kept at once are the path from the root to
 * the current blob, whatever the pack's layout. In pack order, by contrast, git often puts a base's
 * dependents far apart (deltas reused from older packs): on git/git the bases with dependents still to
 * come reached 698 MiB at once, so most of them could not be kept and their dependents were read
 * again through JGit, chain and all.
 */
final class DeltaFamilies {

    /**
     * @param blobs the blobs, family by family
     * @param ends the exclusive end index in {@code blobs} of each family, increasing
     */
    record Order(List<BlobNode> blobs, int[] ends) {
    }

    private DeltaFamilies() {
    }

    /**
     * @param packOrder the blobs in pack order, linked to their bases ({@link PackDeltas#link})
     */
    static Order of(List<BlobNode> packOrder) {
        int n = packOrder.size();
        Map<BlobNode, Integer> at = new IdentityHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            at.put(packOrder.get(i), i);
        }
        int[] firstChild = new int[n];
        int[] nextSibling = new int[n];
        boolean[] hasBase = new boolean[n];
        Arrays.fill(firstChild, -1);
        Arrays.fill(nextSibling, -1);
        // siblings are listed last in pack order first: pushed in list order, the first comes off the
        // stack first
        for (int i = 0; i < n; i++) {
            BlobNode base = packOrder.get(i).base;
            Integer p = base == null ? null : at.get(base);
            if (p != null && p != i) {
                nextSibling[i] = firstChild[p];
                firstChild[p] = i;
                hasBase[i] = true;
            }
        }
        List<BlobNode> out = new ArrayList<>(n);
        int[] ends = new int[n];
        int families = 0;
        boolean[] placed = new boolean[n];
        int[] stack = new int[n];
        // roots first, in pack order; then anything no root reaches (only a cycle of references can be
        // such, which a well-formed pack never holds), each as a family of its own
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < n; r++) {
                if (placed[r] || (pass == 0 && hasBase[r])) {
                    continue;
                }
                int top = 0;
                stack[top++] = r;
                placed[r] = true;
                while (top > 0) {
                    int x = stack[--top];
                    out.add(packOrder.get(x));
                    for (int c = firstChild[x]; c >= 0; c = nextSibling[c]) {
                        if (!placed[c]) { // placed already only inside a cycle
                            stack[top++] = c;
                            placed[c] = true;
                        }
                    }
                }
                ends[families++] = out.size();
            }
        }
        return new Order(out, Arrays.copyOf(ends, families));
    }
}
