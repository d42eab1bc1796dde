package dev.sprawl.analyze;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A file's content as text, with the line index that turns character offsets into the 1-based line
 * and column (in code points) that the inventory reports, the same way the classifier counts them
 * from bytes. Lines end at {@code \n}.
 */
public final class Text {

    private final String content;
    private final int[] lineStarts;
    /** Offsets of the high surrogate of every surrogate pair, or null when there is none. */
    private final int[] pairs;

    public Text(String content) {
        this.content = content;
        int lines = 1;
        int surrogates = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n') {
                lines++;
            } else if (Character.isHighSurrogate(c) && i + 1 < content.length()
                    && Character.isLowSurrogate(content.charAt(i + 1))) {
                surrogates++;
            }
        }
        lineStarts = new int[lines];
        int[] p = surrogates == 0 ? null : new int[surrogates];
        int l = 1;
        int s = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n') {
                lineStarts[l++] = i + 1;
            } else if (p != null && Character.isHighSurrogate(c) && i + 1 < content.length()
                    && Character.isLowSurrogate(content.charAt(i + 1))) {
                p[s++] = i;
                i++;
            }
        }
        pairs = p;
    }

    /** Decodes UTF-8 (malformed bytes become U+FFFD, one per byte, so columns stay aligned). */
    public static Text of(byte[] data, int length) {
        try {
            return new Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new Text(new String(data, 0, length, StandardCharsets.UTF_8));
        }
    }

    public String content() {
        return content;
    }

    public int length() {
        return content.length();
    }

    public String slice(Span span) {
        return content.substring(Math.min(span.start(), content.length()), Math.min(span.end(), content.length()));
    }

    /** 1-based line of a character offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column, in code points, of a character offset. */
    public int column(int offset) {
        int start = lineStarts[line(offset) - 1];
        int end = Math.min(offset, content.length());
        return content.codePointCount(start, Math.max(start, end)) + 1;
    }

    /** The character offset of a 1-based line and column (in code points); clamped to the text. */
    public int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return content.length();
        }
        int start = lineStarts[line - 1];
        int lineEnd = line < lineStarts.length ? lineStarts[line] - 1 : content.length();
        int o = start;
        for (int c = 1; c < column && o < lineEnd; c++) {
            o += Character.isHighSurrogate(content.charAt(o)) && o + 1 < lineEnd ? 2 : 1;
        }
        return o;
    }

    /** The character offset of the code point at {@code index} from the start (parsers count code points). */
    public int offsetOfCodePoint(int index) {
        if (pairs == null) {
            return Math.min(index, content.length());
        }
        // pair k sits at code point index pairs[k] - k; every pair before index adds one char
        int lo = 0;
        int hi = pairs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pairs[mid] - mid < index) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.min(index + lo, content.length());
    }
}
