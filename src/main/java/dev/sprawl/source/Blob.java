package dev.sprawl.source;

import java.util.List;

/**
 * Content to scan and every place it was found. Identical content found in several places is one
 * blob with several provenances, so it is scanned once.
 *
 * <p>{@code data} may be a buffer the source reuses: it is valid only during the
 * {@link BlobSink#accept} call that receives it, and only its first {@code length} bytes count.
 *
 * @param key        identity of the content (a git blob id), under which the pipeline may remember
 *                   what it found so that blobs derived from this one are scanned incrementally; or null
 * @param derivation how this blob's bytes derive from an earlier blob's, or null
 */
public record Blob(byte[] data, int length, List<Provenance> provenances, Object key, Derivation derivation) {

    public Blob {
        provenances = List.copyOf(provenances);
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length out of range");
        }
    }

    public Blob(byte[] data, int length, List<Provenance> provenances) {
        this(data, length, provenances, null, null);
    }

    /**
     * How a blob derives from an earlier blob (e.g. a git delta): the byte runs copied verbatim from it;
     * everything else was inserted.
     *
     * @param baseKey the {@link Blob#key} of the earlier blob
     * @param runs    (offset in this blob, offset in the base, length) triples in increasing offset order
     */
    public record Derivation(Object baseKey, int[] runs) {
    }

    /** The same content with other provenances. */
    public Blob withProvenances(List<Provenance> others) {
        return new Blob(data, length, others, key, derivation);
    }

    @Override
    public String toString() {
        return "Blob[" + length + " bytes at " + provenances + "]";
    }
}
