package dev.sprawl.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineCounterTest {

    @Test
    void linesAndColumnsInCharacters() {
        byte[] b = "ab\nçé=x\n\nlast".getBytes(StandardCharsets.UTF_8);
        Classifier.LineCounter c = new Classifier.LineCounter(b, b.length);
        assertThat(c.lineOf(0)).isEqualTo(1);
        assertThat(c.columnOf(1)).isEqualTo(2);
        int x = new String(b, StandardCharsets.UTF_8).indexOf('x') + 2; // two 2-byte characters before it
        assertThat(c.lineOf(x)).isEqualTo(2);
        assertThat(c.columnOf(x)).isEqualTo(4);
        assertThat(c.lineOf(b.length - 1)).isEqualTo(4);
        assertThat(c.columnOf(b.length - 1)).isEqualTo(4);
        // asking backwards restarts correctly
        assertThat(c.lineOf(1)).isEqualTo(1);
        assertThat(c.columnOf(1)).isEqualTo(2);
    }

    @Test
    void manyOffsetsOnOneLongLine() {
        byte[] b = "a".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        Classifier.LineCounter c = new Classifier.LineCounter(b, b.length);
        for (int off = 0; off < b.length; off += 7) {
            assertThat(c.columnOf(off)).isEqualTo(off + 1);
        }
    }

    @Test
    void offsetsInAnyOrderGiveTheLineAndColumnOfAFreshCount() {
        java.util.Random rnd = new java.util.Random(11);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            int r = rnd.nextInt(20);
            sb.append(r == 0 ? "\n" : r == 1 ? "\u00e9" : String.valueOf((char) ('a' + r)));
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        Classifier.LineCounter c = new Classifier.LineCounter(b, b.length);
        int at = 0;
        for (int i = 0; i < 3_000; i++) {
            // mostly forward, sometimes a little or a lot back, as identities before their matches are
            at = Math.max(0, Math.min(b.length - 1, at + rnd.nextInt(400) - (rnd.nextInt(10) == 0 ? 600 : 120)));
            Classifier.LineCounter fresh = new Classifier.LineCounter(b, b.length);
            assertThat(c.lineOf(at)).as("line at %d", at).isEqualTo(fresh.lineOf(at));
            assertThat(c.columnOf(at)).as("column at %d", at).isEqualTo(fresh.columnOf(at));
        }
    }
}
