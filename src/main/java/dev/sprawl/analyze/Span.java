package dev.sprawl.analyze;

/**
 * A range of characters {@code [start, end)} in a file's text (UTF-16 offsets into {@link Text#content()}).
 */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    public int length() {
        return end - start;
    }
}
