package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Delta-family order: every blob once, each after its base, families whole and contiguous. */
class DeltaFamiliesTest {

    private static BlobNode node(Random rnd) {
        byte[] id = new byte[20];
        rnd.nextBytes(id);
        return new BlobNode(ObjectId.fromRaw(id));
    }

    /** A forest as a pack holds it (a base always earlier), plus blobs whose base is not scanned. */
    private static List<BlobNode> forest(Random rnd, int n) {
        List<BlobNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BlobNode b = node(rnd);
            int kind = rnd.nextInt(10);
            if (i > 0 && kind < 7) {
                // near the end mostly (chains), sometimes far back (a reused delta)
                int back = kind < 5 ? 1 + rnd.nextInt(Math.min(i, 5)) : 1 + rnd.nextInt(i);
                b.base = out.get(i - back);
            } else if (kind == 7) {
                b.base = node(rnd); // a base that is not one of the scanned blobs
            }
            out.add(b);
        }
        return out;
    }

    @RepeatedTest(30)
    void everyBlobOnceAfterItsBaseInContiguousFamilies() {
        Random rnd = new Random();
        List<BlobNode> pack = forest(rnd, 1 + rnd.nextInt(3000));
        DeltaFamilies.Order order = DeltaFamilies.of(pack);
        assertThat(order.blobs()).hasSize(pack.size()).containsExactlyInAnyOrderElementsOf(pack);
        Map<BlobNode, Integer> at = new IdentityHashMap<>();
        for (int i = 0; i < order.blobs().size(); i++) {
            at.put(order.blobs().get(i), i);
        }
        assertThat(at).hasSize(pack.size());
        int[] ends = order.ends();
        assertThat(ends[ends.length - 1]).isEqualTo(pack.size());
        int family = 0;
        for (int i = 0; i < order.blobs().size(); i++) {
            while (i >= ends[family]) {
                family++;
            }
            int start = family == 0 ? 0 : ends[family - 1];
            BlobNode b = order.blobs().get(i);
            Integer base = b.base == null ? null : at.get(b.base);
            if (i == start) {
                assertThat(base).as("a family starts with a blob whose base is not scanned").isNull();
            } else {
                // in the same family, earlier, and every blob between them descends from the base
                assertThat(base).isNotNull().isBetween(start, i - 1);
                for (int j = base + 1; j < i; j++) {
                    assertThat(descends(order.blobs().get(j), b.base)).isTrue();
                }
            }
        }
        for (int f = 1; f < ends.length; f++) {
            assertThat(ends[f]).isGreaterThan(ends[f - 1]);
        }
    }

    private static boolean descends(BlobNode b, BlobNode ancestor) {
        for (BlobNode x = b.base; x != null; x = x.base) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aCycleOfBasesIsStillReadOnce() {
        Random rnd = new Random(7);
        BlobNode a = node(rnd);
        BlobNode b = node(rnd);
        BlobNode c = node(rnd);
        BlobNode root = node(rnd);
        BlobNode child = node(rnd);
        a.base = b;
        b.base = a; // what a crafted pack with reference deltas can claim
        c.base = a;
        child.base = root;
        DeltaFamilies.Order order = DeltaFamilies.of(List.of(a, b, c, root, child));
        assertThat(order.blobs()).containsExactly(root, child, a, b, c);
        assertThat(order.ends()).containsExactly(2, 5);
    }

    @Test
    void chunksHoldWholeFamiliesOfAtLeastTheSize() {
        assertThat(BlobScan.chunks(new int[] {3, 4, 9, 10, 11, 30}, 4)).containsExactly(4, 9, 30);
        assertThat(BlobScan.chunks(new int[] {1, 2, 3}, 512)).containsExactly(3);
        assertThat(BlobScan.chunks(new int[] {600, 601}, 512)).containsExactly(600, 601);
        assertThat(BlobScan.chunks(new int[0], 512)).isEmpty();
        // a family over eight chunks' worth is cut every eight chunks
        assertThat(BlobScan.chunks(new int[] {2, 40, 41}, 4)).containsExactly(2 + 32, 40, 41);
        assertThat(BlobScan.chunks(new int[] {100}, 4)).containsExactly(32, 64, 96, 100);
        assertThat(BlobScan.chunks(new int[] {65}, 4)).containsExactly(32, 64, 65);
    }

    @Test
    void noBlobsNoFamilies() {
        DeltaFamilies.Order order = DeltaFamilies.of(List.of());
        assertThat(order.blobs()).isEmpty();
        assertThat(order.ends()).isEmpty();
    }
}
