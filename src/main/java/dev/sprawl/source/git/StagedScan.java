package dev.sprawl.source.git;

import dev.sprawl.source.Provenance;
import dev.sprawl.source.SourceContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code --staged}: the blobs the index holds that HEAD does not have at the same path, i.e. what the
 * next commit would add (the pre-commit hook). No history is walked and the working tree is not read.
 * Locations are {@code source: git} with {@code staged: true}.
 */
final class StagedScan {

    private StagedScan() {
    }

    static void run(Path target, SourceContext ctx, Repository repo, HeadTree head, PathTable paths,
                    Problems problems) throws IOException, InterruptedException {
        DirCache index = DirCache.read(repo.getIndexFile(), repo.getFS());
        ObjectIdOwnerMap<BlobNode> byId = new ObjectIdOwnerMap<>();
        List<BlobNode> blobs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Integer> nameIndex = new TreeMap<>();
        CommitNode staged = new CommitNode(ObjectId.zeroId());
        staged.tagged = true;
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            String path = e.getPathString();
            int type = e.getRawMode() & FileMode.TYPE_MASK;
            if (type == FileMode.TYPE_GITLINK) {
                problems.warn("git-submodule", "submodule (gitlink to " + e.getObjectId().name() + "): its content "
                        + "belongs to another repository and is not scanned", path, false, "submodules were met");
                continue;
            }
            if ((type != FileMode.TYPE_FILE && type != FileMode.TYPE_SYMLINK) || head.has(path, e.getObjectId())
                    || paths.intern(path) == PathTable.EXCLUDED) {
                continue;
            }
            int p = nameIndex.computeIfAbsent(path, k -> {
                names.add(k);
                return names.size() - 1;
            });
            BlobNode b = byId.get(e.getObjectId());
            if (b == null) {
                b = new BlobNode(e.getObjectId());
                byId.add(b);
                blobs.add(b);
            }
            b.introduce(p, staged);
        }
        BlobScan scan = new BlobScan(target, repo, ctx, problems, b -> {
            List<Provenance> out = new ArrayList<>(b.size());
            for (int i = 0; i < b.size(); i++) {
                out.add(new Provenance("git", names.get(b.path(i)), new TreeMap<>(Map.of("staged", true))));
            }
            return out;
        }, b -> names.get(b.path(0)));
        blobs.sort(null);
        scan.run(blobs, null);
    }
}
