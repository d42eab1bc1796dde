package dev.sprawl.source.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * One layer of an image.
 *
 * @param id        what locations name it by ({@code layer}) and what makes layers identical: its
 *                  digest (or, in a legacy archive without one, its path in the archive)
 * @param verify    the digest its bytes must have, or null when there is none to check
 * @param diffId    true when {@code verify} is a diff id: the digest of the uncompressed tar
 * @param mediaType its declared media type, or null
 * @param opener    opens its (possibly compressed) bytes as a stream
 */
record LayerRef(String id, String verify, boolean diffId, String mediaType, Opener opener) {

    /** Opens a blob's bytes. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
