package io.oktaconnector.okta.internal.export;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
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
 */
final class TaskScope implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskScope.class);

    /** A unit of work that may throw. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final Duration closeWait;
    private final Object lock = new Object();
    private int pending;
    private RuntimeException failure;

    TaskScope(int threads, String name, Duration closeWait) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true); // a worker stuck in a socket read must not keep the host's JVM alive
            workers.add(t);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, tf);
        this.closeWait = closeWait;
    }

    /** @param task work to run on a worker; skipped when the scope is already cancelled */
    void submit(Task task) {
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            pending++;
        }
        try {
            pool.execute(() -> {
                try {
                    if (!cancelled()) {
                        task.run();
                    }
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    synchronized (lock) {
                        pending--;
                        lock.notifyAll();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                pending--;
                lock.notifyAll();
            }
            fail(e);
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
