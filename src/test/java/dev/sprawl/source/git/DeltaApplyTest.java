package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.internal.storage.pack.DeltaIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs built from their base's bytes and git's delta are exactly the blobs. */
class DeltaApplyTest {

    @TempDir
    Path dir;

    private static byte[] text(Random rnd, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("line ").append(i).append(' ').append(Long.toHexString(rnd.nextLong())).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] edit(Random rnd, byte[] base) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < base.length) {
            int len = Math.min(base.length - pos, 1 + rnd.nextInt(400));
            switch (rnd.nextInt(4)) {
                case 0 -> out.writeBytes(text(rnd, 1 + rnd.nextInt(3))); // insert, then keep
                case 1 -> { } // drop
                default -> { }
            }
            if (rnd.nextInt(4) != 1) {
                out.write(base, pos, len);
            }
            pos += len;
        }
        return out.toByteArray();
    }

    /** A few lines changed, one added: how files usually change from commit to commit. */
    private static byte[] lightEdit(Random rnd, byte[] base) {
        List<String> lines = new ArrayList<>(List.of(new String(base, java.nio.charset.StandardCharsets.US_ASCII).split("\n")));
        for (int i = 0; i < 3; i++) {
            lines.set(rnd.nextInt(lines.size()), "changed " + Long.toHexString(rnd.nextLong()));
        }
        lines.add(rnd.nextInt(lines.size()), "added " + Long.toHexString(rnd.nextLong()));
        return (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Git's delta (JGit's encoder) that builds {@code target} from {@code base}. */
    private static byte[] delta(byte[] base, byte[] target) throws Exception {
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        new DeltaIndex(base).encode(delta, target);
        return delta.toByteArray();
    }

    @RepeatedTest(20)
    void applyingGitsDeltaRebuildsTheTarget() throws Exception {
        Random rnd = new Random();
        byte[] base = text(rnd, 50 + rnd.nextInt(2000));
        byte[] target = edit(rnd, base);
        assertThat(PackDeltas.apply(delta(base, target), base)).isEqualTo(target);
    }

    /** Built into a larger buffer: the blob is its first bytes, the rest is left alone; a short buffer is not used. */
    @RepeatedTest(10)
    void buildingIntoAReusedBuffer() throws Exception {
        Random rnd = new Random();
        byte[] base = text(rnd, 50 + rnd.nextInt(2000));
        byte[] target = edit(rnd, base);
        byte[] d = delta(base, target);
        byte[] into = new byte[target.length + 1 + rnd.nextInt(100)];
        java.util.Arrays.fill(into, (byte) 7);
        byte[][] built = new byte[1][];
        assertThat(PackDeltas.walk(d, base, built, into)).isEqualTo(PackDeltas.runs(d));
        assertThat(built[0]).isSameAs(into);
        assertThat(PackDeltas.targetSize(d)).isEqualTo(target.length);
        assertThat(java.util.Arrays.copyOf(into, target.length)).isEqualTo(target);
        for (int i = target.length; i < into.length; i++) {
            assertThat(into[i]).isEqualTo((byte) 7);
        }
        byte[] small = new byte[Math.max(0, target.length - 1)];
        assertThat(PackDeltas.walk(d, base, built, small)).isNotNull();
        assertThat(built[0]).isNotSameAs(small).isEqualTo(target);
    }

    @Test
    void aDeltaThatDoesNotFitItsBaseIsRefused() throws Exception {
        Random rnd = new Random();
        byte[] base = text(rnd, 200);
        byte[] target = edit(rnd, base);
        byte[] delta = delta(base, target);
        // another base length
        assertThat(PackDeltas.apply(delta, java.util.Arrays.copyOf(base, base.length - 1))).isNull();
        // cut short anywhere after the sizes: never an exception, never a wrong-sized result
        for (int cut = 4; cut < delta.length; cut += 7) {
            assertThat(PackDeltas.apply(java.util.Arrays.copyOf(delta, cut), base)).isNull();
        }
        // garbage instructions
        byte[] junk = delta.clone();
        for (int i = 6; i < junk.length; i++) {
            junk[i] = (byte) rnd.nextInt(256);
        }
        byte[] result = PackDeltas.apply(junk, base);
        assertThat(result == null || result.length == target.length).isTrue();
    }

    /** A history of edits, packed with deltas, scanned: every blob delivered hashes to a blob of the history. */
    @Test
    void everyBlobOfAPackedHistoryIsDeliveredExactly() throws Exception {
        scanPackedHistory();
    }

    /** The same, with packs read through their channel rather than mapped (as packs past the map limit are). */
    @Test
    void unmappedPacksToo() throws Exception {
        PackDeltas.mapLimit = 0;
        try {
            scanPackedHistory();
        } finally {
            PackDeltas.mapLimit = PackDeltas.MAX_MAPPED_BYTES;
        }
    }

    /** A pack holding {@code base} whole and {@code target} as an offset delta of it. */
    private static byte[] packWithDelta(byte[] base, byte[] target) throws Exception {
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        new DeltaIndex(base).encode(delta, target);
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        pack.writeBytes("PACK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        pack.writeBytes(new byte[] {0, 0, 0, 2, 0, 0, 0, 2});
        int baseAt = pack.size();
        objectHeader(pack, Constants.OBJ_BLOB, base.length);
        pack.writeBytes(deflate(base));
        int deltaAt = pack.size();
        objectHeader(pack, 6, delta.size()); // OFS_DELTA
        int back = deltaAt - baseAt; // offset encoding: 7 bits a byte, most significant first, each continuation adds one
        byte[] ofs = new byte[10];
        int n = ofs.length - 1;
        ofs[n] = (byte) (back & 0x7F);
        while ((back >>>= 7) != 0) {
            ofs[--n] = (byte) (0x80 | (--back & 0x7F));
        }
        pack.write(ofs, n, ofs.length - n);
        pack.writeBytes(deflate(delta.toByteArray()));
        pack.writeBytes(java.security.MessageDigest.getInstance("SHA-1").digest(pack.toByteArray()));
        return pack.toByteArray();
    }

    private static void objectHeader(ByteArrayOutputStream out, int type, long size) {
        int c = (type << 4) | (int) (size & 15);
        size >>>= 4;
        while (size != 0) {
            out.write(c | 0x80);
            c = (int) (size & 0x7F);
            size >>>= 7;
        }
        out.write(c);
    }

    private static byte[] deflate(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * A small blob and a large one stored as a delta of it (what a crafted pack can hold): the large one
     * is over --max-file-size, so it is skipped with a warning, never built from the small one.
     */
    @Test
    void aBlobOverTheSizeLimitIsNotBuiltFromItsDelta() throws Exception {
        Random rnd = new Random();
        byte[] small = text(rnd, 200);
        byte[] large = new byte[small.length * 8];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(small, 0, large, i * small.length, small.length);
        }
        int limit = small.length * 2;
        try (TestRepo repo = TestRepo.init(dir)) {
            try (ObjectInserter ins = repo.repo().newObjectInserter()) {
                ins.newPackParser(new java.io.ByteArrayInputStream(packWithDelta(small, large)))
                        .parse(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
                ins.flush();
            }
            repo.write("small.txt", new String(small, java.nio.charset.StandardCharsets.US_ASCII));
            repo.write("large.txt", new String(large, java.nio.charset.StandardCharsets.US_ASCII));
            repo.commit("both", "Dana Ops", TestRepo.T0);
            // the blobs are the packed ones, not loose copies
            ObjectId largeId = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, large);
            assertThat(repo.looseObject(largeId)).doesNotExist();
        }
        List<Integer> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger tooLarge = new AtomicInteger();
        BlobSink sink = new BlobSink() {
            @Override
            public void accept(Blob blob) {
                if (blob.provenances().get(0).source().equals("git")) {
                    delivered.add(blob.length());
                }
            }

            @Override
            public void warn(ScanWarning warning) {
                if (warning.code().equals("file-too-large")) {
                    tooLarge.incrementAndGet();
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            new GitSource(GitOptions.DEFAULTS).scan(new SourceContext(dir, pool, sink, List.of(), limit));
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivered).containsExactly(small.length);
        assertThat(tooLarge.get()).isPositive();
    }

    private void scanPackedHistory() throws Exception {
        Random rnd = new Random();
        Set<ObjectId> expected = new HashSet<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            byte[] a = text(rnd, 400);
            byte[] b = text(rnd, 150);
            for (int v = 0; v < 60; v++) {
                a = v % 10 == 9 ? edit(rnd, a) : lightEdit(rnd, a);
                if (v % 3 == 0) {
                    b = lightEdit(rnd, b);
                }
                repo.write("src/a.txt", new String(a, java.nio.charset.StandardCharsets.US_ASCII));
                repo.write("src/b.txt", new String(b, java.nio.charset.StandardCharsets.US_ASCII));
                repo.commit("v" + v, "Dana Ops", TestRepo.T0.plus(Duration.ofHours(v)));
            }
            repo.git().gc().call();
            try (ObjectWalk walk = new ObjectWalk(repo.repo())) {
                walk.markStart(walk.parseCommit(repo.repo().resolve(Constants.HEAD)));
                while (walk.next() != null) {
                    // commits
                }
                for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
                    if (o.getType() == Constants.OBJ_BLOB) {
                        expected.add(o.copy());
                    }
                }
            }
        }
        Set<ObjectId> delivered = ConcurrentHashMap.newKeySet();
        List<ObjectId> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger derived = new AtomicInteger();
        BlobSink sink = new BlobSink() {
            @Override
            public void accept(Blob blob) {
                if (blob.provenances().get(0).path().equals(".git/config")) {
                    return; // the repository's config is scanned too (remote URLs can carry credentials)
                }
                ObjectId id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB,
                        java.util.Arrays.copyOf(blob.data(), blob.length()));
                if (expected.contains(id)) {
                    delivered.add(id);
                } else {
                    wrong.add(id);
                }
                if (blob.derivation() != null) {
                    derived.incrementAndGet();
                }
            }

            @Override
            public void warn(ScanWarning warning) {
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            new GitSource(dev.sprawl.source.git.GitOptions.DEFAULTS)
                    .scan(new SourceContext(dir, pool, sink, List.of(), Long.MAX_VALUE));
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong).isEmpty();
        assertThat(delivered).isEqualTo(expected);
        assertThat(derived.get()).as("blobs delivered as deltas of another").isGreaterThan(40);
    }
}
