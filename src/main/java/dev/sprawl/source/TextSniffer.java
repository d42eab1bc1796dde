package dev.sprawl.source;

import java.nio.charset.StandardCharsets;

/** Tells text from binary content and brings UTF-16 text to UTF-8 so rules see ASCII bytes. */
public final class TextSniffer {

    /** How many leading bytes are inspected for a NUL byte. */
    public static final int SNIFF_BYTES = 8192;

    private TextSniffer() {
    }

    /** True when the content starts with a UTF-16 byte order mark. */
    public static boolean isUtf16(byte[] data, int length) {
        return length >= 2 && ((data[0] == (byte) 0xFF && data[1] == (byte) 0xFE)
                || (data[0] == (byte) 0xFE && data[1] == (byte) 0xFF));
    }

    /** The UTF-8 bytes of UTF-16 content that starts with a byte order mark. */
    public static byte[] utf16ToUtf8(byte[] data, int length) {
        return new String(data, 0, length, StandardCharsets.UTF_16).getBytes(StandardCharsets.UTF_8);
    }

    /** True when a NUL byte occurs in the first {@link #SNIFF_BYTES} bytes. */
    public static boolean isBinary(byte[] data, int length) {
        int n = Math.min(length, SNIFF_BYTES);
        for (int i = 0; i < n; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
