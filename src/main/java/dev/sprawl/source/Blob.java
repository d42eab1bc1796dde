package dev.sprawl.source;

import java.util.List;

/**
 * Content to scan and every place it was found. Identical content found in several places is one
 * blob with several provenances, so it is scanned once.
 *
 * <p>{@code data} may be a buffer the source reuses: it is valid only during the
 * {@link BlobSink#accept} call that receives it, and only its first {@code length} bytes count.
 */
public record Blob(byte[] data, int length, List<Provenance> provenances) {

    public Blob {
        provenances = List.copyOf(provenances);
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length out of range");
        }
    }

    @Override
    public String toString() {
        return "Blob[" + length + " bytes at " + provenances + "]";
    }
}
