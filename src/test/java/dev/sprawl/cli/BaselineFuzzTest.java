package dev.sprawl.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over baseline inventories ({@code --baseline}): reading throws only IOException, with
 * a message that never quotes the file (the canary sits in a field value), and returns only
 * well-formed fingerprints.
 */
class BaselineFuzzTest {

    private static Path file;

    @BeforeAll
    static void seeds() throws IOException {
        String fp = "sha256:" + "0123456789abcdef".repeat(4);
        FuzzContract.seeds(BaselineFuzzTest.class, "read", FuzzContract.seedsOf(
                "inventory", "{\"schema\":\"sprawl-inventory/1\",\"secrets\":[{\"fingerprint\":\"" + fp
                        + "\",\"redacted\":\"@@\"},{\"fingerprint\":42}]}",
                "not-inventory", "{\"schema\":\"other\",\"x\":\"@@\"}",
                "broken", "{\"schema\":\"sprawl-inventory/1\",\"secrets\":[{\"fingerprint\":\"@@",
                "deep", "[".repeat(100) + "\"@@\"" + "]".repeat(100)));
        file = Files.createTempFile("sprawl-fuzz-baseline", ".json");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest
    void read(byte[] data) throws IOException {
        Files.write(file, FuzzContract.plant(data));
        Set<String> fps = FuzzContract.call(() -> Baseline.fingerprints(file), IOException.class);
        if (fps != null) {
            for (String fp : fps) {
                if (!fp.matches("sha256:[0-9a-f]{64}")) {
                    throw new AssertionError("malformed fingerprint kept");
                }
            }
        }
    }
}
