package dev.sprawl.classify;

import java.nio.charset.StandardCharsets;

/**
 * The inline suppression: {@code sprawl:allow} anywhere on the line where a secret starts or ends
 * (in whatever comment syntax the file uses), within {@value #MAX_REACH} bytes of the secret. The
 * finding stays in the inventory, marked allowed.
 */
final class AllowComment {

    static final byte[] MARKER = "sprawl:allow".getBytes(StandardCharsets.US_ASCII);
    /** How far along a line the marker is looked for (bounds the work on minified one-line files). */
    static final int MAX_REACH = 4096;

    private AllowComment() {
    }

    /** True when the line holding {@code start} or the one holding {@code end - 1} has the marker. */
    static boolean onLines(byte[] data, int length, int start, int end) {
        return onLine(data, length, start) || onLine(data, length, Math.max(start, end - 1));
    }

    private static boolean onLine(byte[] data, int length, int at) {
        int from = at;
        int lowest = Math.max(0, at - MAX_REACH);
        while (from > lowest && data[from - 1] != '\n') {
            from--;
        }
        int to = at;
        int highest = (int) Math.min(length, (long) at + MAX_REACH);
        while (to < highest && data[to] != '\n') {
            to++;
        }
        outer:
        for (int i = from; i + MARKER.length <= to; i++) {
            for (int k = 0; k < MARKER.length; k++) {
                if (data[i + k] != MARKER[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
