package dev.sprawl.source.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import dev.sprawl.TestArchives;
import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over archive expansion (zip, tar, gzip, zstd and archives nested in them): it never
 * throws, stays within its entry, byte and depth budgets, and its warnings never repeat member
 * content (the canary sits in member bodies; member names are labels and may be echoed).
 */
class ArchiveFuzzTest {

    /** Small budgets, so a fuzzer-made bomb hits them quickly. */
    private static final ArchiveLimits LIMITS = new ArchiveLimits(3, 200, 4L * 1024 * 1024, 200);
    private static final ArchiveExpander EXPANDER = new ArchiveExpander(LIMITS, 1024 * 1024);

    @BeforeAll
    static void seeds() throws IOException {
        byte[] secret = TestArchives.utf8("password = \"@@\"\n");
        byte[] tar = new TestArchives.Tar().file("app/config.env", secret).dir("app/etc")
                .symlink("app/link", "../../etc/passwd").file("../escape.txt", secret).bytes();
        Map<String, byte[]> zipMembers = new LinkedHashMap<>();
        zipMembers.put("a/settings.yml", secret);
        zipMembers.put("/abs/path.txt", secret);
        zipMembers.put("inner.tar", tar);
        byte[] zip = TestArchives.zip(zipMembers);
        FuzzContract.seeds(ArchiveFuzzTest.class, "expand", FuzzContract.seedsOf(
                "tar", tar,
                "zip", zip,
                "tgz", TestArchives.gzip(tar),
                "zst", TestArchives.zstd(tar),
                "gz-of-text", TestArchives.gzip(secret),
                "nested", TestArchives.gzip(TestArchives.zip(Map.of("n.zip", zip))),
                "truncated", java.util.Arrays.copyOf(TestArchives.gzip(tar), 60)));
    }

    @FuzzTest
    void expand(byte[] data) {
        byte[] input = FuzzContract.plant(data);
        List<ScanWarning> warnings = new ArrayList<>();
        long[] members = {0, 0};
        BlobSink sink = new BlobSink() {
            @Override
            public void accept(Blob blob) {
                members[0]++;
                members[1] += blob.length();
                // nesting measured on the stack (a member's own name may hold '!', so its label cannot tell)
                long levels = StackWalker.getInstance().walk(frames -> frames
                        .filter(f -> f.getClassName().endsWith("ArchiveExpander$Run") && f.getMethodName().equals("archive"))
                        .count());
                if (levels > LIMITS.maxDepth() + 1) {
                    throw new AssertionError("member " + levels + " archives deep, beyond the depth budget: "
                            + blob.provenances().get(0).path());
                }
            }

            @Override
            public void warn(ScanWarning warning) {
                warnings.add(warning);
            }
        };
        Blob blob = new Blob(input, input.length, List.of(Provenance.file("fuzz.bin")));
        FuzzContract.call(() -> EXPANDER.expand(blob, sink));
        FuzzContract.bounded("members", members[0], LIMITS.maxEntries() + 1);
        FuzzContract.bounded("member bytes", members[1], LIMITS.maxExpandedBytes() + input.length);
        FuzzContract.bounded("warnings", warnings.size(), LIMITS.maxEntries() + 16);
        for (ScanWarning w : warnings) {
            if (w.path() == null || !w.path().contains(FuzzContract.CANARY)) {
                FuzzContract.noCanary("warning " + w.code(), w.message());
            }
            FuzzContract.bounded("warning message chars", w.message().length(), FuzzContract.MAX_MESSAGE_CHARS);
        }
    }
}
