package dev.sprawl.detect;

/**
 * A {@link CharSequence} view of raw bytes, one char per byte (ISO-8859-1), so rules run over the
 * bytes without decoding. Every {@link #charAt} spends from a step budget: a pattern that backtracks
 * catastrophically exhausts it and the match attempt stops with {@link BudgetExceeded} instead of
 * hanging the scan.
 */
final class ByteText implements CharSequence {

    /** Thrown when a match attempt spends its whole step budget. Carries no stack trace. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regex step budget exceeded", null, false, false);
        }
    }

    private byte[] data;
    private int offset;
    private int length;
    private long budget;

    ByteText(byte[] data, int offset, int length) {
        reset(data, offset, length);
    }

    void reset(byte[] newData, int newOffset, int newLength) {
        this.data = newData;
        this.offset = newOffset;
        this.length = newLength;
        this.budget = Long.MAX_VALUE;
    }

    void budget(long steps) {
        this.budget = steps;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--budget < 0) {
            throw new BudgetExceeded();
        }
        return (char) (data[offset + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException();
        }
        ByteText sub = new ByteText(data, offset + start, end - start);
        sub.budget = budget;
        return sub;
    }

    @Override
    public String toString() {
        // never the content: a secret could leak into a log through an exception message
        return "ByteText[" + length + " bytes]";
    }
}
