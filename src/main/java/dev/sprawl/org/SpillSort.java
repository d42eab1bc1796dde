package dev.sprawl.org;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * An external sort: items are kept in memory up to a budget of characters, then sorted and written to
 * a run file (one line each); {@link #sorted} merges the runs. Memory stays within the budget plus one
 * item per run, whatever the number of items.
 */
final class SpillSort<T> implements AutoCloseable {

    private final Path dir;
    private final Comparator<T> order;
    private final Function<T, String> write;
    private final Function<String, T> read;
    private final long budget;
    private final List<T> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<BufferedReader> open = new ArrayList<>();
    private long buffered;

    /**
     * @param write an item as one line (no line breaks)
     * @param budget characters of items held in memory before a run is written
     */
    SpillSort(Path dir, Comparator<T> order, Function<T, String> write, Function<String, T> read, long budget) {
        this.dir = dir;
        this.order = order;
        this.write = write;
        this.read = read;
        this.budget = budget;
    }

    void add(T item, long size) throws IOException {
        buffer.add(item);
        buffered += size;
        if (buffered >= budget) {
            spill();
        }
    }

    /** Number of run files written so far. */
    int runs() {
        return runs.size();
    }

    private void spill() throws IOException {
        buffer.sort(order);
        Path run = Files.createTempFile(dir, "run", ".txt");
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            for (T item : buffer) {
                w.write(write.apply(item));
                w.write('\n');
            }
        }
        runs.add(run);
        buffer.clear();
        buffered = 0;
    }

    /** Every item added, in order; call once, after the last {@link #add}. */
    Iterator<T> sorted() throws IOException {
        if (runs.isEmpty()) {
            buffer.sort(order);
            return buffer.iterator();
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        record Head<T>(T item, BufferedReader from) {
        }
        PriorityQueue<Head<T>> heads = new PriorityQueue<>((a, b) -> order.compare(a.item(), b.item()));
        for (Path run : runs) {
            BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
            open.add(r);
            String line = r.readLine();
            if (line != null) {
                heads.add(new Head<>(read.apply(line), r));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public T next() {
                Head<T> h = heads.poll();
                if (h == null) {
                    throw new NoSuchElementException();
                }
                try {
                    String line = h.from().readLine();
                    if (line != null) {
                        heads.add(new Head<>(read.apply(line), h.from()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return h.item();
            }
        };
    }

    @Override
    public void close() throws IOException {
        for (BufferedReader r : open) {
            r.close();
        }
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
    }
}
