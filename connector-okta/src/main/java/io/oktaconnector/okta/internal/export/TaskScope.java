package io.oktaconnector.okta.internal.export;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of worker threads for one export, with structured completion: tasks may submit further tasks; the
 * owner waits until every task has ended or one has failed; the first failure cancels the rest (workers check
 * {@link #cancelled()} between requests and are interrupted) and is the one rethrown. {@link #close()} leaves no
 * thread running.
 *
 * <p>Tasks go into lanes (one per kind of work, e.g. member lists, application-group lists), each running at most
 * {@code perLane} tasks at once, in submission order. A task waiting for its rate-limit bucket holds its thread: lanes
 * keep the many tasks of one bucket from taking every thread while another bucket's work, submitted later, could run.
 * The request governor, not this pool, bounds the requests in flight.
 */
final class TaskScope implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskScope.class);

    /** A unit of work that may throw. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final int perLane;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final Duration closeWait;
    private final Runnable onCancel;
    private final Object lock = new Object();
    private int pending;
    private RuntimeException failure;

    /** The tasks of one lane not yet started, and how many run. */
    private static final class Lane {
        final ArrayDeque<Task> waiting = new ArrayDeque<>();
        int running;
    }

    /**
     * @param threads   worker threads
     * @param perLane   tasks of one lane running at once
     * @param name      thread name prefix
     * @param closeWait how long {@link #close()} waits for workers
     * @param onCancel  run once when the scope fails, before the workers are interrupted: stops what an interrupt
     *                  cannot (a request blocked in a socket read)
     */
    TaskScope(int threads, int perLane, String name, Duration closeWait, Runnable onCancel) {
        this.perLane = Math.max(1, perLane);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true); // a worker stuck in a socket read must not keep the host's JVM alive
            workers.add(t);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, tf);
        this.closeWait = closeWait;
        this.onCancel = onCancel;
    }

    /** @param task work to run on a worker, in a lane of its own; skipped when the scope is already cancelled */
    void submit(Task task) {
        submit(null, task);
    }

    /**
     * @param lane the task's lane, {@code null} for none (runs as soon as a thread is free)
     * @param task work to run on a worker; skipped when the scope is already cancelled
     */
    void submit(String lane, Task task) {
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            pending++;
            if (lane != null) {
                Lane l = lanes.computeIfAbsent(lane, k -> new Lane());
                if (l.running >= perLane) {
                    l.waiting.add(task);
                    return;
                }
                l.running++;
            }
        }
        start(lane, task);
    }

    private void start(String lane, Task task) {
        try {
            pool.execute(() -> {
                try {
                    if (!cancelled()) {
                        task.run();
                    }
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    ended(lane);
                }
            });
        } catch (RejectedExecutionException e) {
            ended(lane);
            fail(e);
        }
    }

    /** A task ended: the next of its lane, if any, takes its place. */
    private void ended(String lane) {
        Task next = null;
        synchronized (lock) {
            pending--;
            if (lane != null) {
                Lane l = lanes.get(lane);
                l.running--;
                if (failure == null && !l.waiting.isEmpty()) {
                    next = l.waiting.poll();
                    l.running++;
                } else {
                    // a cancelled scope drops what has not started
                    pending -= l.waiting.size();
                    l.waiting.clear();
                }
            }
            lock.notifyAll();
        }
        if (next != null) {
            start(lane, next);
        }
    }

    /** @return whether a task failed, so that the others should stop */
    boolean cancelled() {
        synchronized (lock) {
            return failure != null;
        }
    }

    /**
     * Waits until every task has ended.
     *
     * @throws ConnectorException the first failure of any task
     */
    void awaitAll() {
        synchronized (lock) {
            while (pending > 0 && failure == null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new ConnectorException(ErrorCode.INTERNAL, "the export was interrupted");
                    break;
                }
            }
            if (failure != null) {
                try {
                    onCancel.run();
                } catch (RuntimeException e) {
                    LOG.debug("cancelling the requests in flight failed", e);
                }
                pool.shutdownNow();
                throw failure;
            }
        }
    }

    private void fail(Throwable t) {
        RuntimeException e = t instanceof ConnectorException ce ? ce
                : new ConnectorException(ErrorCode.INTERNAL, "unexpected failure in the export: " + t, t);
        synchronized (lock) {
            if (failure == null) {
                failure = e;
                LOG.debug("export task failed; cancelling the others: {}", e.getMessage());
            }
            lock.notifyAll();
        }
    }

    /** Stops the workers and waits for them; never throws. */
    @Override
    public void close() {
        pool.shutdownNow();
        long deadline = System.nanoTime() + closeWait.toNanos();
        try {
            // the pool reports termination a moment before its threads end: join them, so none is left running
            for (Thread t : workers) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    t.join(left);
                }
                if (t.isAlive()) {
                    LOG.info("export worker {} still running after {} s (a request is stuck in a read)", t.getName(),
                            closeWait.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
