package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw tree comparison reports exactly what JGit's recursive TreeWalk with ANY_DIFF reports. */
class RawTreeDiffTest {

    @TempDir
    Path dir;

    /** Names chosen to collide in git's order: a file "a" against a directory "a", "a.b", "a-b", "a0". */
    private static final String[] NAMES = {"a", "a.b", "a-b", "a0", "ab", "b", "é", "z z"};
    private static final int[] LEAF_MODES = {0100644, 0100755, 0120000, 0160000};

    /** A tree spec: name to either a leaf {mode, content} or a nested spec. */
    private static Map<String, Object> randomSpec(Random rnd, int depth) {
        Map<String, Object> spec = new TreeMap<>();
        for (String name : NAMES) {
            int pick = rnd.nextInt(10);
            if (pick < 4) {
                continue;
            }
            if (pick < 6 && depth < 3) {
                spec.put(name + "/", randomSpec(rnd, depth + 1));
            } else {
                spec.put(name, new int[] {LEAF_MODES[rnd.nextInt(LEAF_MODES.length)], rnd.nextInt(4)});
            }
        }
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutate(Random rnd, Map<String, Object> spec, int depth) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            int pick = rnd.nextInt(10);
            if (pick == 0) {
                continue; // deleted
            }
            if (e.getValue() instanceof Map<?, ?> sub) {
                out.put(e.getKey(), pick == 1 ? randomSpec(rnd, depth + 1) : pick < 5
                        ? mutate(rnd, (Map<String, Object>) sub, depth + 1) : sub);
            } else if (pick == 1 && depth < 3) {
                out.put(e.getKey() + "/", randomSpec(rnd, depth + 1)); // the file becomes a directory
            } else if (pick == 2) {
                int[] leaf = (int[]) e.getValue();
                out.put(e.getKey(), new int[] {LEAF_MODES[rnd.nextInt(LEAF_MODES.length)], leaf[1]}); // mode change
            } else {
                int[] leaf = (int[]) e.getValue();
                out.put(e.getKey(), pick == 3 ? new int[] {leaf[0], rnd.nextInt(4)} : leaf);
            }
        }
        if (rnd.nextInt(3) == 0) {
            // new entries, but never a file and a directory of one name in one tree: git writes no such
            // tree (fsck calls it a duplicate entry), and the reference is only meaningful for real trees
            for (Map.Entry<String, Object> e : randomSpec(rnd, depth).entrySet()) {
                String k = e.getKey();
                if (!out.containsKey(k.endsWith("/") ? k.substring(0, k.length() - 1) : k + "/")) {
                    out.put(k, e.getValue());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static ObjectId write(ObjectInserter ins, Map<String, Object> spec) throws Exception {
        // git's order: names compared byte by byte, a directory's name as if it ended in '/'
        TreeMap<byte[], Object[]> sorted = new TreeMap<>(java.util.Arrays::compareUnsigned);
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            boolean tree = e.getKey().endsWith("/");
            String name = tree ? e.getKey().substring(0, e.getKey().length() - 1) : e.getKey();
            byte[] key = (name + (tree ? "/" : "\0")).getBytes(StandardCharsets.UTF_8);
            sorted.put(key, new Object[] {name, e.getValue()});
        }
        TreeFormatter f = new TreeFormatter();
        for (Object[] entry : sorted.values()) {
            String name = (String) entry[0];
            if (entry[1] instanceof Map<?, ?> sub) {
                f.append(name, FileMode.TREE, write(ins, (Map<String, Object>) sub));
            } else {
                int[] leaf = (int[]) entry[1];
                ObjectId id = leaf[0] == 0160000
                        ? ObjectId.fromString(String.format("%040x", leaf[1] + 1))
                        : ins.insert(Constants.OBJ_BLOB, ("content " + leaf[1] + "\n").getBytes(StandardCharsets.UTF_8));
                f.append(name, FileMode.fromBits(leaf[0]), id);
            }
        }
        return ins.insert(f);
    }

    private static List<String> reference(ObjectReader reader, ObjectId before, ObjectId after) throws Exception {
        List<String> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            if (before == null) {
                tw.reset(after);
                tw.setFilter(TreeFilter.ALL);
            } else {
                tw.reset(before, after);
                tw.setFilter(TreeFilter.ANY_DIFF);
            }
            int last = tw.getTreeCount() - 1;
            while (tw.next()) {
                int bm = last == 1 ? tw.getRawMode(0) : 0;
                int am = tw.getRawMode(last);
                out.add(tw.getPathString() + " " + Integer.toOctalString(bm) + " " + (bm == 0 ? "-" : tw.getObjectId(0).name())
                        + " " + Integer.toOctalString(am) + " " + (am == 0 ? "-" : tw.getObjectId(last).name()));
            }
        }
        return out;
    }

    private static List<String> raw(ObjectReader reader, ObjectId before, ObjectId after) throws Exception {
        List<String> out = new ArrayList<>();
        new RawTreeDiff(new TreeCache(reader)).diff(before, after, (path, bm, b, am, a) -> out.add(path + " "
                + Integer.toOctalString(bm) + " " + (b == null ? "-" : b.name()) + " " + Integer.toOctalString(am) + " "
                + (a == null ? "-" : a.name())));
        return out;
    }

    @RepeatedTest(40)
    void reportsWhatTreeWalkReports() throws Exception {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        try (TestRepo repo = TestRepo.init(dir); ObjectInserter ins = repo.repo().newObjectInserter();
             ObjectReader reader = repo.repo().newObjectReader()) {
            Map<String, Object> one = randomSpec(rnd, 0);
            Map<String, Object> two = mutate(rnd, one, 0);
            ObjectId t1 = write(ins, one);
            ObjectId t2 = write(ins, two);
            ins.flush();
            assertThat(raw(reader, t1, t2)).as("seed %d", seed).isEqualTo(reference(reader, t1, t2));
            assertThat(raw(reader, t2, t1)).as("seed %d", seed).isEqualTo(reference(reader, t2, t1));
            assertThat(raw(reader, null, t2)).as("seed %d", seed).isEqualTo(reference(reader, null, t2));
            assertThat(raw(reader, t1, t1)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void aMalformedTreeIsReportedNotMisread() throws Exception {
        try (TestRepo repo = TestRepo.init(dir); ObjectInserter ins = repo.repo().newObjectInserter();
             ObjectReader reader = repo.repo().newObjectReader()) {
            byte[] good = ("100644 a\0" + "x".repeat(20)).getBytes(StandardCharsets.ISO_8859_1);
            ObjectId truncated = ins.insert(Constants.OBJ_TREE, java.util.Arrays.copyOf(good, good.length - 3));
            ObjectId badMode = ins.insert(Constants.OBJ_TREE, ("10x644 a\0" + "x".repeat(20)).getBytes(StandardCharsets.ISO_8859_1));
            ins.flush();
            RawTreeDiff d = new RawTreeDiff(reader);
            assertThatThrownBy(() -> d.diff(null, truncated, (p, bm, b, am, a) -> { }))
                    .isInstanceOf(CorruptObjectException.class);
            assertThatThrownBy(() -> d.diff(null, badMode, (p, bm, b, am, a) -> { }))
                    .isInstanceOf(CorruptObjectException.class);
        }
    }

    /** A raw tree of random entries (names sorted, as git writes them). */
    private static byte[] rawTree(Random rnd, int entries) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        while (names.size() < entries) {
            names.add("f" + rnd.nextInt(entries * 4) + (rnd.nextBoolean() ? ".txt" : ""));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String n : names) {
            out.writeBytes(((rnd.nextInt(5) == 0 ? "40000 " : "100644 ") + n).getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            byte[] id = new byte[20];
            rnd.nextBytes(id);
            out.writeBytes(id);
        }
        return out.toByteArray();
    }

    private static String describe(ThrowingParse p) {
        try {
            RawTreeDiff.Parsed t = p.parse();
            StringBuilder sb = new StringBuilder(t.n + ":");
            for (int e = 0; e <= t.n; e++) {
                sb.append(t.starts[e]).append(',');
            }
            for (int e = 0; e < t.n; e++) {
                sb.append(t.nameStart(e)).append('/').append(t.mode(e)).append(',');
            }
            return sb.toString();
        } catch (CorruptObjectException e) {
            return "corrupt: " + e.getMessage();
        }
    }

    private interface ThrowingParse {
        RawTreeDiff.Parsed parse() throws CorruptObjectException;
    }

    /** Parsing with a similar tree's entries gives exactly what parsing alone gives, corrupt trees included. */
    @RepeatedTest(200)
    void parsingWithASimilarTreeEqualsParsingAlone() throws Exception {
        Random rnd = new Random();
        byte[] base = rawTree(rnd, 1 + rnd.nextInt(60));
        RawTreeDiff.Parsed like = RawTreeDiff.Parsed.of(base);
        byte[] edited = base.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> edited = rawTree(rnd, 1 + rnd.nextInt(60)); // unrelated
            case 1 -> edited[rnd.nextInt(edited.length)] ^= (byte) (1 + rnd.nextInt(255)); // one byte, maybe corrupt
            case 2 -> { // an entry inserted somewhere
                byte[] extra = rawTree(rnd, 1);
                int cut = like.starts[rnd.nextInt(like.n + 1)];
                edited = concat(java.util.Arrays.copyOf(base, cut), extra, java.util.Arrays.copyOfRange(base, cut, base.length));
            }
            case 3 -> { // an entry removed
                int e = rnd.nextInt(like.n);
                edited = concat(java.util.Arrays.copyOf(base, like.starts[e]),
                        java.util.Arrays.copyOfRange(base, like.starts[e + 1], base.length));
            }
            default -> edited = java.util.Arrays.copyOf(base, rnd.nextInt(base.length + 1)); // truncated
        }
        byte[] raw = edited;
        assertThat(describe(() -> RawTreeDiff.Parsed.of(raw, like))).isEqualTo(describe(() -> RawTreeDiff.Parsed.of(raw)));
    }

    /** Several edits far apart (a merge against one parent): each is parsed, the entries between are taken. */
    @RepeatedTest(200)
    void parsingWithATreeEditedInSeveralPlacesEqualsParsingAlone() throws Exception {
        Random rnd = new Random();
        byte[] base = rawTree(rnd, 1 + rnd.nextInt(80));
        RawTreeDiff.Parsed like = RawTreeDiff.Parsed.of(base);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int e = 0; e < like.n; e++) {
            byte[] entry = java.util.Arrays.copyOfRange(base, like.starts[e], like.starts[e + 1]);
            switch (rnd.nextInt(12)) {
                case 0 -> { } // removed
                case 1 -> { // its id changed
                    out.writeBytes(entry);
                    byte[] b = out.toByteArray();
                    b[b.length - 1 - rnd.nextInt(20)] ^= 1;
                    out.reset();
                    out.writeBytes(b);
                }
                case 2 -> { // one added before it
                    out.writeBytes(rawTree(rnd, 1));
                    out.writeBytes(entry);
                }
                case 3 -> { // its mode changed, or its mode broken
                    entry[0] = (byte) (rnd.nextInt(20) == 0 ? '9' : entry[0] == '1' ? '4' : '1');
                    out.writeBytes(entry);
                }
                default -> out.writeBytes(entry);
            }
        }
        byte[] raw = rnd.nextInt(10) == 0 ? java.util.Arrays.copyOf(out.toByteArray(), rnd.nextInt(out.size() + 1))
                : out.toByteArray();
        assertThat(describe(() -> RawTreeDiff.Parsed.of(raw, like))).isEqualTo(describe(() -> RawTreeDiff.Parsed.of(raw)));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
