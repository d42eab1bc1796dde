package dev.sprawl.source;

import dev.sprawl.timing.Timings;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Tasks submitted to a shared pool that a source waits for as a group. A task that throws becomes a
 * report to {@code onFailure}; it never vanishes.
 */
public final class TaskGroup {

    private final ExecutorService pool;
    private final Consumer<RuntimeException> onFailure;
    private long pending;

    public TaskGroup(ExecutorService pool, Consumer<RuntimeException> onFailure) {
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
            } catch (RuntimeException e) {
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
