package dev.sprawl.source.git;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import dev.sprawl.source.PathGlobs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackFile;
import org.eclipse.jgit.internal.storage.pack.DeltaIndex;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets over our own git parsers: delta application ({@link PackDeltas#walk}), pack object
 * headers and delta inflation ({@link PackDeltas#link}, {@link PackDeltas#delta}) and raw tree
 * comparison ({@link RawTreeDiff}). Seeds are generated here: real deltas from JGit's encoder, a pack
 * with a delta, trees from JGit's formatter.
 */
class GitParsersFuzzTest {

    /** Largest base a delta target builds against (keeps built blobs small under -Xmx256m). */
    private static final int MAX_BASE = 8192;

    private static Path packDir;
    private static InMemoryRepository dummy;

    @BeforeAll
    static void seeds() throws Exception {
        Random rnd = new Random(14);
        List<byte[]> deltas = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] base = text(rnd, 1 + rnd.nextInt(40));
            byte[] target = edit(rnd, base);
            deltas.add(FuzzContract.join(base, delta(base, target)));
        }
        FuzzContract.seeds(GitParsersFuzzTest.class, "applyDelta", FuzzContract.seedsOf(
                "0", deltas.get(0), "1", deltas.get(1), "2", deltas.get(2), "3", deltas.get(3),
                "4", deltas.get(4), "5", deltas.get(5)));

        byte[] base = text(rnd, 30);
        byte[] pack = packWithDelta(base, edit(rnd, base));
        FuzzContract.seeds(GitParsersFuzzTest.class, "readPack", FuzzContract.seedsOf(
                "ofs-delta", pack, "empty-pack", Arrays.copyOf(pack, 32)));

        FuzzContract.seeds(GitParsersFuzzTest.class, "diffTrees", FuzzContract.seedsOf(
                "flat", FuzzContract.join(tree("a", "b", "c"), tree("a", "c", "d")),
                "nested", FuzzContract.join(treeWithSub(), tree("x")),
                "names", FuzzContract.join(tree("a", "a.b", "a-b", "a0"), tree("a", "ab", "\u00e9", "z z"))));
        packDir = Files.createTempDirectory("sprawl-fuzz-pack");
        dummy = new InMemoryRepository(new DfsRepositoryDescription("fuzz"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(packDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(packDir);
        dummy.close();
    }

    /**
     * Input: a base, then a delta ({@link FuzzContract#split}). Applying never throws; what it builds
     * has exactly the size the delta declares, and every copy run lies inside the base and the result.
     */
    @FuzzTest
    void applyDelta(byte[] data) {
        byte[][] parts = FuzzContract.split(data, 2);
        byte[] base = parts.length == 2 ? Arrays.copyOf(parts[0], Math.min(parts[0].length, MAX_BASE)) : new byte[0];
        byte[] d = parts[parts.length - 1];
        long declared = FuzzContract.call(() -> PackDeltas.targetSize(d));
        int[] runs = FuzzContract.call(() -> PackDeltas.runs(d));
        byte[] built = FuzzContract.call(() -> PackDeltas.apply(d, base));
        if (built != null) {
            FuzzContract.bounded("built blob bytes", built.length, declared);
            if (built.length != declared) {
                throw new AssertionError("built " + built.length + " bytes, the delta declares " + declared);
            }
            int[] withBase = PackDeltas.runs(d);
            checkRuns(withBase, base.length, built.length);
        }
        if (runs != null) {
            FuzzContract.bounded("copy runs", runs.length / 3, d.length);
        }
    }

    private static void checkRuns(int[] runs, int baseLength, int builtLength) {
        for (int i = 0; i + 2 < runs.length; i += 3) {
            if (runs[i] < 0 || runs[i + 1] < 0 || runs[i + 2] <= 0 || (long) runs[i + 1] + runs[i + 2] > baseLength
                    || (long) runs[i] + runs[i + 2] > builtLength) {
                throw new AssertionError("copy run outside the base or the blob: " + Arrays.toString(runs));
            }
        }
    }

    /**
     * Input: up to eight blob offsets (two bytes each, after a count byte), then the pack's bytes. Header
     * parsing and delta inflation never throw; an inflated delta stays within the delta size limit.
     */
    @FuzzTest
    void readPack(byte[] data) throws IOException {
        int k = data.length == 0 ? 0 : (data[0] & 7) + 1;
        int header = 1 + 2 * k;
        if (data.length < header) {
            return;
        }
        byte[] packBytes = Arrays.copyOfRange(data, header, data.length);
        Path file = packDir.resolve("pack-" + "0".repeat(40) + ".pack");
        Files.write(file, packBytes);
        List<BlobNode> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            BlobNode b = new BlobNode(ObjectId.fromRaw(Arrays.copyOf(new byte[] {(byte) i, 1}, 20)));
            b.pack = 0;
            b.offset = packBytes.length == 0 ? 0
                    : (((data[1 + 2 * i] & 0xFF) << 8) | (data[2 + 2 * i] & 0xFF)) % packBytes.length;
            order.add(b);
        }
        order.sort(Comparator.comparingLong(b -> b.offset));
        HistoryIndex index = new HistoryIndex(new PathTable(new PathGlobs(List.of())));
        Pack pack = new Pack(new Config(), file.toFile(), new PackFile(file.toFile()));
        try (PackDeltas deltas = new PackDeltas(List.of(pack), order, index)) {
            FuzzContract.call(() -> {
                deltas.link(order);
                return null;
            });
            Inflater inflater = new Inflater();
            try {
                for (BlobNode b : order) {
                    if (b.base == null) {
                        continue;
                    }
                    byte[] d = FuzzContract.call(() -> deltas.delta(b, inflater));
                    if (d != null) {
                        FuzzContract.bounded("inflated delta bytes", d.length, PackDeltas.MAX_DELTA_BYTES);
                        FuzzContract.call(() -> PackDeltas.runs(d));
                    }
                }
            } finally {
                inflater.end();
            }
        }
    }

    /**
     * Input: up to four raw trees. Every id names one of them (by its first byte; ids from 0xF0 are
     * missing), so trees nest, repeat and loop as a hostile repository's can. The comparison throws
     * only IOException, reports at most {@link RawTreeDiff#MAX_ENTRIES} paths and never a path with a
     * NUL.
     */
    @FuzzTest
    void diffTrees(byte[] data) {
        byte[][] trees = FuzzContract.split(data, 4);
        ObjectReader reader = new ObjectReader.Filter() {
            @Override
            protected ObjectReader delegate() {
                return dummy.newObjectReader();
            }

            @Override
            public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
                int first = id.getFirstByte() & 0xFF;
                if (first >= 0xF0) {
                    throw new MissingObjectException(id.copy(), typeHint);
                }
                return new ObjectLoader.SmallObject(Constants.OBJ_TREE, trees[first % trees.length]);
            }
        };
        ObjectId before = ObjectId.fromRaw(new byte[20]);
        byte[] after = new byte[20];
        after[0] = (byte) (trees.length - 1);
        long[] paths = {0};
        FuzzContract.call(() -> {
            new RawTreeDiff(reader).diff(trees.length > 1 ? before : null, ObjectId.fromRaw(after),
                    (path, bm, b, am, a) -> {
                        paths[0]++;
                        if (path.indexOf('\0') >= 0) {
                            throw new AssertionError("a path with a NUL");
                        }
                    });
            return null;
        }, IOException.class);
        FuzzContract.bounded("paths reported", paths[0], RawTreeDiff.MAX_ENTRIES);
    }

    // --- seeds

    private static byte[] text(Random rnd, int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("line ").append(i).append(" value=").append(rnd.nextInt(1000)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] edit(Random rnd, byte[] base) {
        String s = new String(base, StandardCharsets.UTF_8);
        int at = rnd.nextInt(s.length() + 1);
        return (s.substring(0, at) + "token = \"@@\"\n" + s.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] delta(byte[] base, byte[] target) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeltaIndex(base).encode(out, target);
        return out.toByteArray();
    }

    /** Seed input for {@link #readPack}: one offset (the delta's), then a pack of a blob and its delta. */
    private static byte[] packWithDelta(byte[] base, byte[] target) throws Exception {
        byte[] d = delta(base, target);
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        pack.writeBytes("PACK".getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes(new byte[] {0, 0, 0, 2, 0, 0, 0, 2});
        int baseAt = pack.size();
        objectHeader(pack, Constants.OBJ_BLOB, base.length);
        pack.writeBytes(deflate(base));
        int deltaAt = pack.size();
        objectHeader(pack, 6, d.length);
        int back = deltaAt - baseAt;
        byte[] ofs = new byte[10];
        int n = ofs.length - 1;
        ofs[n] = (byte) (back & 0x7F);
        while ((back >>>= 7) != 0) {
            ofs[--n] = (byte) (0x80 | (--back & 0x7F));
        }
        pack.write(ofs, n, ofs.length - n);
        pack.writeBytes(deflate(d));
        ByteArrayOutputStream seed = new ByteArrayOutputStream();
        seed.write(1); // two offsets
        seed.write(baseAt >> 8);
        seed.write(baseAt);
        seed.write(deltaAt >> 8);
        seed.write(deltaAt);
        seed.writeBytes(pack.toByteArray());
        return seed.toByteArray();
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
        Deflater d = new Deflater();
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

    /** A flat tree of blobs whose ids all name tree 0 (so a fuzzer may turn one into a subtree). */
    private static byte[] tree(String... names) {
        TreeFormatter f = new TreeFormatter();
        String[] sorted = names.clone();
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        int i = 0;
        for (String n : sorted) {
            byte[] id = new byte[20];
            id[0] = (byte) (4 * i++);
            id[19] = 1;
            f.append(n, FileMode.REGULAR_FILE, ObjectId.fromRaw(id));
        }
        return f.toByteArray();
    }

    /** A tree with a file and a subtree (the subtree's id names tree 1). */
    private static byte[] treeWithSub() {
        TreeFormatter f = new TreeFormatter();
        byte[] file = new byte[20];
        file[19] = 2;
        byte[] sub = new byte[20];
        sub[0] = 1;
        f.append("config.yml", FileMode.REGULAR_FILE, ObjectId.fromRaw(file));
        f.append("sub", FileMode.TREE, ObjectId.fromRaw(sub));
        return f.toByteArray();
    }
}
