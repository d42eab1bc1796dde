package dev.sprawl.source.git;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ForwardingBlobSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Passes on the working-tree files that differ from HEAD (modified or untracked) and drops the ones
 * whose bytes are exactly HEAD's blob at the same path, when the history scan has already reported that
 * blob there. Files are compared by their git blob id computed over the raw bytes: no filters, no line
 * ending conversion.
 */
final class WorkingTreeSink extends ForwardingBlobSink {

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final HeadTree head;
    private final Predicate<ObjectId> scannedInHistory;

    WorkingTreeSink(BlobSink delegate, HeadTree head, Predicate<ObjectId> scannedInHistory) {
        super(delegate);
        this.head = head;
        this.scannedInHistory = scannedInHistory;
    }

    @Override
    public void accept(Blob blob) {
        ObjectId inHead = head.get(blob.provenances().get(0).path());
        if (inHead != null && inHead.equals(blobId(blob.data(), blob.length())) && scannedInHistory.test(inHead)) {
            return;
        }
        delegate.accept(blob);
    }

    static ObjectId blobId(byte[] data, int length) {
        MessageDigest md = SHA1.get();
        md.reset();
        md.update(("blob " + length + "\0").getBytes(StandardCharsets.US_ASCII));
        md.update(data, 0, length);
        return ObjectId.fromRaw(md.digest());
    }
}
