package dev.sprawl.source.git;

import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ScanWarning;
import java.util.HashMap;
import java.util.Map;

/**
 * Warnings of one repository scan, each code named individually up to {@link #MAX_NAMED} times and
 * then summed up in one closing warning, so a lost pack of 100,000 objects gives a readable report
 * that still says how much was missed. Thread-safe.
 */
final class Problems {

    /** Warnings of one code named individually before they are only counted. */
    static final int MAX_NAMED = 50;

    private final BlobSink sink;
    private final Map<String, Counter> counters = new HashMap<>();

    private static final class Counter {
        long total;
        boolean incomplete;
        String noun;
    }

    Problems(BlobSink sink) {
        this.sink = sink;
    }

    /**
     * @param noun what is counted, for the summary ("objects could not be read")
     */
    void warn(String code, String message, String path, boolean incomplete, String noun) {
        boolean named;
        synchronized (counters) {
            Counter c = counters.computeIfAbsent(code, k -> new Counter());
            c.total++;
            c.incomplete |= incomplete;
            c.noun = noun;
            named = c.total <= MAX_NAMED;
        }
        if (named) {
            sink.warn(new ScanWarning(code, message, path, incomplete));
        }
    }

    long count(String code) {
        synchronized (counters) {
            Counter c = counters.get(code);
            return c == null ? 0 : c.total;
        }
    }

    /** Emits the summary warnings; call once when the repository is done. */
    void finish() {
        synchronized (counters) {
            for (Map.Entry<String, Counter> e : counters.entrySet()) {
                Counter c = e.getValue();
                if (c.total > MAX_NAMED) {
                    sink.warn(new ScanWarning(e.getKey(), c.total + " " + c.noun + " in all; " + (c.total - MAX_NAMED)
                            + " of them are not named above", null, c.incomplete));
                }
            }
        }
    }
}
