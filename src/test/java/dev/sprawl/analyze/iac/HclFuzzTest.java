package dev.sprawl.analyze.iac;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over our own HCL parser ({@link Hcl}): it never throws, never nests deeper than its
 * limit, and reads no more attributes and blocks than the text has characters.
 */
class HclFuzzTest {

    @BeforeAll
    static void seeds() {
        FuzzContract.seeds(HclFuzzTest.class, "parse", FuzzContract.seedsOf(
                "provider", "provider \"aws\" {\n  region = \"eu-west-1\"\n  secret_key = \"@@\"\n}\n",
                "objects", "locals {\n  m = { a = \"x\", \"b\" = [1, 2, { c = \"@@\" }] }\n  t = \"${var.x}-@@\"\n}\n",
                "heredoc", "resource \"x\" \"y\" {\n  body = <<-EOT\n    key @@\n  EOT\n  n = 1.5e3 # c\n  /* b */\n}\n",
                "calls", "v = merge(var.a, { k = \"@@\" })[0].x ? a : b\nw = [for s in var.l : upper(s) if s != \"\"]\n",
                "broken", "a = { b = \"unterminated\n c = <<EOT\n"));
    }

    @FuzzTest
    void parse(byte[] data) {
        String src = new String(FuzzContract.plant(data), StandardCharsets.UTF_8);
        Hcl.Body body = FuzzContract.call(() -> Hcl.parse(src));
        FuzzContract.bounded("attributes and blocks", count(body, 0), src.length() + 1);
    }

    private static long count(Hcl.Body body, int depth) {
        FuzzContract.bounded("block depth", depth, Hcl.MAX_DEPTH + 1);
        long n = body.attributes().size();
        for (Hcl.Block b : body.blocks()) {
            n += 1 + count(b.body(), depth + 1);
        }
        return n;
    }
}
