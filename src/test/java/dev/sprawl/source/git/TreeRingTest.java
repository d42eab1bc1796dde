package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ring gives back exactly what was kept for a key, or nothing; what was kept last is found. */
class TreeRingTest {

    /** The bytes of "the tree at pack position key": fixed per key, as a pack's contents are. */
    private static byte[] content(long key) {
        int length = (int) Math.floorMod(key * 7919, key % 7 == 0 ? 40_000 : 4_000);
        byte[] b = new byte[length];
        new Random(key).nextBytes(b);
        return b;
    }

    @Test
    void wrapsAroundAndNeverReturnsOtherBytes() {
        Random random = new Random(16);
        int ringBytes = 64 * 1024;
        TreeRing ring = new TreeRing(ringBytes);
        Deque<Long> recent = new ArrayDeque<>();
        int found = 0;
        int asked = 0;
        for (int round = 0; round < 20_000; round++) {
            long key = random.nextInt(3000) + ((long) random.nextInt(3) << 48);
            byte[] kept = content(key);
            if (random.nextBoolean()) {
                ring.put(key, kept);
                if (kept.length <= ringBytes / 4) {
                    assertThat(ring.get(key)).as("what was kept last").isEqualTo(kept);
                    recent.addLast(key);
                    if (recent.size() > 6) {
                        recent.removeFirst();
                    }
                }
            }
            byte[] got = ring.get(key);
            if (got != null) {
                assertThat(got).as("key %d", key).isEqualTo(kept);
                if (got.length > 0) {
                    got[0] ^= 1; // a copy: changing it changes nothing kept
                    assertThat(ring.get(key)).isEqualTo(kept);
                }
            }
            for (long k : recent) {
                byte[] g = ring.get(k);
                asked++;
                if (g != null) {
                    found++;
                    assertThat(g).isEqualTo(content(k));
                }
            }
        }
        assertThat(found).as("recently kept entries found").isGreaterThan(asked * 3 / 4);
    }

    @Test
    void tooLargeEntriesAreNotKept() {
        TreeRing ring = new TreeRing(4096);
        assertThat(ring.get(1)).as("nothing kept yet").isNull();
        ring.put(1, new byte[2000]);
        assertThat(ring.get(1)).isNull();
        ring.put(2, new byte[1000]);
        assertThat(ring.get(2)).hasSize(1000);
        ring.put(3, new byte[0]);
        assertThat(ring.get(3)).isEmpty();
        assertThat(ring.get(4)).isNull();
    }
}
