package dev.sprawl.inventory.owner;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over CODEOWNERS: parsing never throws, and matching a path against every line's
 * pattern never throws (the globs become regexes: none may be malformed or catastrophic — a hang
 * shows up as a timeout in fuzzing mode).
 */
class CodeOwnersFuzzTest {

    @BeforeAll
    static void seeds() {
        FuzzContract.seeds(CodeOwnersFuzzTest.class, "parse", FuzzContract.seedsOf(
                "github", "# owners\n*       @acme/all\n/docs/ @acme/docs\n*.tf  @acme/infra ops@acme.test\n"
                        + "apps/**/secrets/ @acme/sec\n\\#odd @x\n!neg @y\n[ab].txt @z\n\u0000\n"
                        + "\napps/api/config.yml\n",
                "stars", "**/**/**/**/**/**/**/a*b*c*d*e*f @x\n*?*?*?*?*?*? @y\n\napps/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x\n"));
    }

    /** Input: a CODEOWNERS text, then after the first blank line the paths to look up. */
    @FuzzTest
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int cut = text.indexOf("\n\n");
        String file = cut < 0 ? text : text.substring(0, cut);
        String[] paths = cut < 0 ? new String[] {"a/b.txt"} : text.substring(cut + 2).split("\n");
        CodeOwners owners = FuzzContract.call(() -> CodeOwners.parse("CODEOWNERS", file));
        FuzzContract.call(() -> {
            for (String p : paths) {
                owners.ownerOf(p);
            }
            return null;
        });
    }
}
