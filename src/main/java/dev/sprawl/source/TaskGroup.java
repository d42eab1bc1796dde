package dev.sprawl.source;

import dev.sprawl.timing.Timings;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Tasks submitted to a shared pool that a source waits for as a group. A task that throws becomes a
 * report to {@code onFailure}; it never vanishes. That includes running out of memory or stack on one
 * hostile input (a huge file, a deeply nested structure): the task's input is lost, the scan goes on
 * and the report says it is incomplete, instead of a worker dying silently and the scan looking clean.
 */
public final class TaskGroup {

    private final ExecutorService pool;
    private final Consumer<Throwable> onFailure;
    private long pending;

    public TaskGroup(ExecutorService pool, Consumer<Throwable> onFailure) {
        this.pool = pool;
        this.onFailure = onFailure;
    }

    public void submit(Runnable task) {
        synchronized (this) {
            pending++;
        }
        Timings.Phase phase = Timings.carry();
        pool.execute(() -> {
            try (Timings.Scope timed = Timings.enter(phase)) {
                task.run();
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                onFailure.accept(e);
            } finally {
                synchronized (this) {
                    if (--pending == 0) {
                        notifyAll();
                    }
                }
            }
        });
    }

    public synchronized void await() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }
}
