package dev.sprawl.inventory;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over {@code .sprawlignore}: parsing never throws, problems are short and at most one
 * per line, and lookups by fingerprint and path never throw.
 */
class IgnoreFileFuzzTest {

    @BeforeAll
    static void seeds() {
        String fp = "sha256:" + "0123456789abcdef".repeat(4);
        FuzzContract.seeds(IgnoreFileFuzzTest.class, "parse", FuzzContract.seedsOf(
                "entries", fp + " until=2030-01-01 reason=\"rotated\"\npath:vendor/**\npath:**/*.lock  # lockfiles\n"
                        + "# comment\nsha256:zz\n" + fp + " until=2030-13-45\npath:[\n\nvendor/x/y.go\n",
                "odd", "path:**/**/**/**/a*b*c*d*e\n" + fp + " reason=@@\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x\n"));
    }

    /** Input: the file, then after the first blank line the paths to look up. */
    @FuzzTest
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int cut = text.indexOf("\n\n");
        String file = cut < 0 ? text : text.substring(0, cut);
        String[] paths = cut < 0 ? new String[] {"a/b.txt"} : text.substring(cut + 2).split("\n");
        IgnoreFile f = FuzzContract.call(() -> IgnoreFile.parse(IgnoreFile.NAME, file));
        FuzzContract.bounded("problems", f.problems().size(), file.split("\\R", -1).length);
        for (String p : f.problems()) {
            FuzzContract.bounded("problem chars", p.length(), FuzzContract.MAX_MESSAGE_CHARS);
        }
        FuzzContract.call(() -> {
            for (String p : paths) {
                f.pathReason(p);
                f.entry(p.strip());
            }
            return null;
        });
    }
}
