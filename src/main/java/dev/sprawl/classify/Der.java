package dev.sprawl.classify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader of ASN.1 DER (X.690): enough to walk the structures of private keys
 * (PKCS#1, PKCS#8, SEC1, DSA) and keystore headers. Every read is bounds-checked; malformed input
 * throws {@link Malformed}, never anything else.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** Most elements {@link Element#children} reads from one constructed element. */
    private static final int MAX_ELEMENTS = 4096;

    /** Thrown for input that is not the DER we expect. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** One element: its tag and the bounds of its contents in {@code data}. */
    record Element(byte[] data, int tag, int start, int end) {

        int length() {
            return end - start;
        }

        byte[] contents() {
            return java.util.Arrays.copyOfRange(data, start, end);
        }

        /** The elements inside a constructed element (SEQUENCE, context tags). */
        List<Element> children() throws Malformed {
            List<Element> out = new ArrayList<>();
            int pos = start;
            while (pos < end) {
                Element e = read(data, pos, end);
                out.add(e);
                if (out.size() > MAX_ELEMENTS) {
                    throw new Malformed("too many elements");
                }
                pos = e.end();
            }
            return out;
        }

        Element expect(int expectedTag) throws Malformed {
            if (tag != expectedTag) {
                throw new Malformed("expected tag " + expectedTag + ", got " + tag);
            }
            return this;
        }

        BigInteger integer() throws Malformed {
            expect(INTEGER);
            if (length() == 0) {
                throw new Malformed("empty integer");
            }
            return new BigInteger(contents());
        }

        /** Dotted form of an OBJECT IDENTIFIER. */
        String oid() throws Malformed {
            expect(OID);
            if (length() == 0 || length() > 64) {
                throw new Malformed("bad oid length");
            }
            StringBuilder sb = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = start; i < end; i++) {
                int b = data[i] & 0xFF;
                value = (value << 7) | (b & 0x7F);
                if (value > Long.MAX_VALUE >> 8) {
                    throw new Malformed("oid arc too large");
                }
                if ((b & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        sb.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return sb.toString();
        }
    }

    private Der() {
    }

    /** The single top-level element of {@code data} (trailing bytes are allowed and ignored). */
    static Element parse(byte[] data) throws Malformed {
        return read(data, 0, data.length);
    }

    /** Reads the element starting at {@code pos}, which must end at or before {@code limit}. */
    static Element read(byte[] data, int pos, int limit) throws Malformed {
        if (pos + 2 > limit) {
            throw new Malformed("truncated header");
        }
        int tag = data[pos] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new Malformed("multi-byte tags are not supported");
        }
        int lenByte = data[pos + 1] & 0xFF;
        int p = pos + 2;
        long length;
        if (lenByte < 0x80) {
            length = lenByte;
        } else {
            int n = lenByte & 0x7F;
            if (n == 0 || n > 4 || p + n > limit) {
                throw new Malformed("unsupported length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (data[p++] & 0xFF);
            }
        }
        if (length > limit - p) {
            throw new Malformed("length past the end");
        }
        return new Element(data, tag, p, p + (int) length);
    }
}
