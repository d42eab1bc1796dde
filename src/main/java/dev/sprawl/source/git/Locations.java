package dev.sprawl.source.git;

import dev.sprawl.source.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns a blob's (path, introducing commit) pairs into {@code source: git} provenances: {@code commit},
 * {@code author}, {@code date} (author date), {@code ref} (a ref that contains the commit), {@code inHead},
 * and for pairs no longer in HEAD that a commit on HEAD's line removed, {@code removedIn} and
 * {@code removedAt}. A tree or blob a tag points at directly has only {@code ref} and {@code inHead}.
 */
final class Locations {

    private final HistoryIndex index;
    private final List<String> refNames;
    private final HeadTree head;

    Locations(HistoryIndex index, List<String> refNames, HeadTree head) {
        this.index = index;
        this.refNames = refNames;
        this.head = head;
    }

    List<Provenance> of(BlobNode blob) {
        List<Provenance> out = new ArrayList<>(blob.size());
        for (int i = 0; i < blob.size(); i++) {
            String path = index.path(blob.path(i));
            CommitNode c = blob.introducer(i);
            TreeMap<String, Object> d = new TreeMap<>();
            if (!c.tagged) {
                d.put("commit", c.name());
                putAuthor(d, "author", "date", c);
            }
            if (c.ref != CommitNode.NO_REF) {
                d.put("ref", refNames.get(c.ref));
            }
            boolean inHead = head.has(path, blob);
            d.put("inHead", inHead);
            CommitNode removed = blob.remover(i);
            if (!inHead && removed != null) {
                d.put("removedIn", removed.name());
                if (removed.authorTime != Long.MIN_VALUE) {
                    d.put("removedAt", Instant.ofEpochSecond(removed.authorTime));
                }
            }
            out.add(new Provenance("git", path, d));
        }
        return out;
    }

    private static void putAuthor(TreeMap<String, Object> d, String who, String when, CommitNode c) {
        if (c.author != null) {
            d.put(who, c.author);
        }
        if (c.authorTime != Long.MIN_VALUE) {
            d.put(when, Instant.ofEpochSecond(c.authorTime));
        }
    }

    /** The first path of a blob, for warnings. */
    String firstPath(BlobNode blob) {
        return blob.size() == 0 ? null : index.path(blob.path(0));
    }
}
