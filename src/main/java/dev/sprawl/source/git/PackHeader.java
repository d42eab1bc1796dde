package dev.sprawl.source.git;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The header of an object in a pack file: its type, its inflated size, how many bytes the header takes,
 * and for a delta where its base is: {@code baseBack} bytes before the object (an offset delta) or the
 * object {@code baseId} (a reference delta). Read by {@link PackDeltas} (blobs) and {@link PackTrees}.
 */
record PackHeader(int type, long size, int length, long baseBack, ObjectId baseId) {

    static final int OBJ_COMMIT = 1;
    static final int OBJ_TREE = 2;
    static final int OFS_DELTA = 6;
    static final int REF_DELTA = 7;
    /** Bytes that hold any header git writes (type and size, then a base offset or id). */
    static final int MAX_BYTES = 32;

    /**
     * Parses the header at the buffer's position, advancing it; null when malformed (a size or offset
     * beyond 2^63: not a pack written by git) or cut short.
     */
    static PackHeader parse(ByteBuffer b) {
        int start = b.position();
        try {
            int c = b.get() & 0xFF;
            int type = (c >> 4) & 7;
            long size = c & 15;
            int shift = 4;
            while ((c & 0x80) != 0) {
                if (shift > 56) {
                    return null;
                }
                c = b.get() & 0xFF;
                size += (long) (c & 0x7F) << shift;
                shift += 7;
            }
            long back = 0;
            ObjectId id = null;
            if (type == OFS_DELTA) {
                c = b.get() & 0xFF;
                back = c & 0x7F;
                while ((c & 0x80) != 0) {
                    if (back > Long.MAX_VALUE >>> 8) {
                        return null;
                    }
                    c = b.get() & 0xFF;
                    back = ((back + 1) << 7) | (c & 0x7F);
                }
            } else if (type == REF_DELTA) {
                byte[] raw = new byte[20];
                b.get(raw);
                id = ObjectId.fromRaw(raw);
            }
            return new PackHeader(type, size, b.position() - start, back, id);
        } catch (BufferUnderflowException e) {
            return null;
        }
    }
}
