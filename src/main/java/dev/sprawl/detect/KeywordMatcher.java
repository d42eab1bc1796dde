package dev.sprawl.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A byte-level Aho-Corasick automaton over all rule keywords at once, ASCII case-insensitive.
 * Bytes that occur in no keyword share one input class, so the transition table stays small; the
 * table is a full DFA (no failure-link chasing at scan time), with row offsets pre-multiplied and
 * the sign bit of each entry marking states where some keyword ends.
 */
final class KeywordMatcher {

    /** Receives each keyword occurrence: {@code end} is the index just past its last byte. */
    interface Hits {
        void hit(int keyword, int end);
    }

    private final int classes;
    private final byte[] byteClass = new byte[256];
    private final int[] delta;
    /** For each state row (offset / classes): keyword ids ending there, or null. */
    private final int[][] outputs;
    private final boolean[] startsKeyword = new boolean[256];
    private final int[] keywordLengths;

    KeywordMatcher(List<String> keywords) {
        List<byte[]> words = new ArrayList<>();
        for (String k : keywords) {
            words.add(k.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
        keywordLengths = words.stream().mapToInt(w -> w.length).toArray();
        // input classes: 0 for bytes in no keyword; upper-case ASCII shares its lower-case class
        int next = 1;
        for (byte[] w : words) {
            for (byte b : w) {
                int u = b & 0xFF;
                if (byteClass[u] == 0) {
                    if (next > 127) {
                        throw new IllegalArgumentException("too many distinct keyword bytes");
                    }
                    byteClass[u] = (byte) next++;
                }
            }
        }
        for (int c = 'a'; c <= 'z'; c++) {
            byteClass[c - 32] = byteClass[c];
        }
        classes = next;
        // trie
        List<int[]> go = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        go.add(newRow());
        out.add(new ArrayList<>());
        for (int k = 0; k < words.size(); k++) {
            int s = 0;
            for (byte b : words.get(k)) {
                int c = byteClass[b & 0xFF];
                if (go.get(s)[c] < 0) {
                    go.get(s)[c] = go.size();
                    go.add(newRow());
                    out.add(new ArrayList<>());
                }
                s = go.get(s)[c];
            }
            out.get(s).add(k);
        }
        // failure links by BFS, completing the DFA
        int n = go.size();
        int[] fail = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int t = go.get(0)[c];
            if (t < 0) {
                go.get(0)[c] = 0;
            } else {
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < classes; c++) {
                int t = go.get(s)[c];
                if (t < 0) {
                    go.get(s)[c] = go.get(fail[s])[c];
                } else {
                    fail[t] = go.get(fail[s])[c];
                    queue.add(t);
                }
            }
        }
        delta = new int[n * classes];
        outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            List<Integer> o = out.get(s);
            outputs[s] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < classes; c++) {
                int t = go.get(s)[c];
                int entry = t * classes;
                if (outputs[t] != null) {
                    entry |= Integer.MIN_VALUE;
                }
                delta[s * classes + c] = entry;
            }
        }
        for (int b = 0; b < 256; b++) {
            startsKeyword[b] = (delta[byteClass[b]] & Integer.MAX_VALUE) != 0 || delta[byteClass[b]] < 0;
        }
    }

    private int[] newRow() {
        int[] row = new int[Math.max(classes, 1)];
        Arrays.fill(row, -1);
        return row;
    }

    int keywordLength(int keyword) {
        return keywordLengths[keyword];
    }

    /** Reports every keyword occurrence in {@code data[0, length)}. */
    void scan(byte[] data, int length, Hits hits) {
        final int[] d = delta;
        final byte[] cls = byteClass;
        final boolean[] start = startsKeyword;
        final int c = classes;
        int s = 0;
        int i = 0;
        while (i < length) {
            if (s == 0) {
                // fast skip over bytes that cannot begin a keyword
                while (i < length && !start[data[i] & 0xFF]) {
                    i++;
                }
                if (i == length) {
                    break;
                }
            }
            int v = d[s + cls[data[i] & 0xFF]];
            s = v & Integer.MAX_VALUE;
            i++;
            if (v < 0) {
                for (int k : outputs[s / c]) {
                    hits.hit(k, i);
                }
            }
        }
    }
}
