package dev.sprawl.source.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void streamHasherAgreesWithTheJavaHasherOnEveryAlgorithmAndChunking() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        for (String like : new String[] {"sha256:", "sha512:"}) {
            String expected = Digest.of(data, like);
            MessageDigest stream = Digest.streamHasher(like);
            Random chunks = new Random(7);
            for (int off = 0; off < data.length; ) {
                int n = Math.min(data.length - off, chunks.nextInt(70_000) + 1);
                stream.update(data, off, n);
                off += n;
            }
            assertThat(Digest.algorithm(like) + ":" + HexFormat.of().formatHex(stream.digest())).isEqualTo(expected);
        }
    }
}
