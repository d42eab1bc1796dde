package dev.sprawl.rules;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PyPI API tokens are {@code pypi-} and a base64url version 2 macaroon (libmacaroons' V2 binary
 * format): a version byte {@code 2}, a header section (location {@code pypi.org} or
 * {@code test.pypi.org}, identifier), caveat sections, each ended by an end-of-section byte, an empty
 * section, then a 32-byte signature field and nothing after it. A token that does not decode to
 * exactly that is truncated, altered or made up.
 */
final class PypiMacaroon {

    private static final int EOS = 0;
    private static final int LOCATION = 1;
    private static final int IDENTIFIER = 2;
    private static final int SIGNATURE = 6;
    private static final int SIGNATURE_BYTES = 32;
    /** Most caveats read before giving up. */
    private static final int MAX_CAVEATS = 64;

    private PypiMacaroon() {
    }

    static boolean valid(String token) {
        if (!token.startsWith("pypi-")) {
            return false;
        }
        byte[] m;
        try {
            m = Base64.getUrlDecoder().decode(token.substring(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        Reader r = new Reader(m);
        if (m.length == 0 || r.u8() != 2) {
            return false;
        }
        String location = null;
        boolean identifier = false;
        for (int type = r.u8(); type != EOS; type = r.u8()) {
            byte[] data = r.field();
            if (data == null) {
                return false;
            }
            if (type == LOCATION) {
                location = new String(data, StandardCharsets.UTF_8);
            } else if (type == IDENTIFIER) {
                identifier = true;
            }
        }
        if (!identifier || !("pypi.org".equals(location) || "test.pypi.org".equals(location))) {
            return false;
        }
        for (int caveats = 0; ; caveats++) {
            if (caveats > MAX_CAVEATS || r.failed) {
                return false;
            }
            int fields = 0;
            for (int type = r.u8(); type != EOS && !r.failed; type = r.u8()) {
                if (r.field() == null) {
                    return false;
                }
                fields++;
            }
            if (fields == 0) {
                break;
            }
        }
        if (r.u8() != SIGNATURE) {
            return false;
        }
        byte[] sig = r.field();
        return sig != null && sig.length == SIGNATURE_BYTES && r.atEnd() && !r.failed;
    }

    private static final class Reader {
        private final byte[] data;
        private int pos;
        boolean failed;

        Reader(byte[] data) {
            this.data = data;
        }

        int u8() {
            if (pos >= data.length) {
                failed = true;
                return EOS;
            }
            return data[pos++] & 0xFF;
        }

        /** A varint length and that many bytes; null when it runs past the end. */
        byte[] field() {
            long len = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 28 || pos >= data.length) {
                    failed = true;
                    return null;
                }
                int b = data[pos++] & 0xFF;
                len |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (len > data.length - pos) {
                failed = true;
                return null;
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + (int) len);
            pos += (int) len;
            return out;
        }

        boolean atEnd() {
            return pos == data.length;
        }
    }
}
