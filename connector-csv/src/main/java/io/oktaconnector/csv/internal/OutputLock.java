package io.oktaconnector.csv.internal;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock of an output directory: one sink at a time writes and publishes there, whether the other sink is
 * in this JVM or in another process.
 *
 * <p>Two parts, because an OS file lock belongs to a whole process: a fair semaphore per directory (keyed by its real
 * path) orders the sinks of this JVM without polling, and an OS lock ({@link FileChannel#tryLock()}) on
 * {@value #FILE_NAME} in the directory excludes other processes; the OS drops it when its holder dies, so a crash never
 * leaves the directory locked. Another process is polled for (10 to 200 ms apart) until the wait runs out.
 *
 * <p>The lock file stays in the directory (empty, hidden): deleting it on release would race with a process that
 * opened it before the deletion and locks it after, while a third one creates and locks a new file of that name. And
 * the holder opens it exactly once: on POSIX systems closing any other descriptor of the file in the same process
 * would drop the process's lock.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name in the output directory. */
    public static final String FILE_NAME = ".okta-connector.lock";

    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
    private static final Map<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Semaphore inJvm;
    private FileChannel channel; // null once released, or when the file system cannot lock (this JVM's lock only)
    private boolean released;

    private OutputLock(Semaphore inJvm, FileChannel channel) {
        this.inJvm = inJvm;
        this.channel = channel;
    }

    /**
     * Takes the lock of a directory, waiting at most {@code wait} for the run that holds it.
     *
     * @param directory an existing, absolute, normalized directory
     * @param wait      how long to wait for another run to release it; zero tries once
     * @return the lock, held until {@link #close()}
     * @throws ConnectorException {@link ErrorCode#TIMEOUT} when another run still holds it after {@code wait} (or the
     *                            thread is interrupted), {@link ErrorCode#IO} when the lock file cannot be used
     */
    public static OutputLock acquire(Path directory, Duration wait) {
        // saturated: a wait of centuries is "for ever", not an overflow
        long waitNanos = wait.compareTo(Duration.ofDays(3650)) > 0 ? TimeUnit.DAYS.toNanos(3650) : wait.toNanos();
        long deadline = System.nanoTime() + Math.max(0, waitNanos);
        Path key;
        try {
            key = directory.toRealPath();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot lock the output directory " + directory + ": "
                    + e.getClass().getSimpleName(), e);
        }
        Semaphore inJvm = IN_JVM.computeIfAbsent(key, k -> new Semaphore(1, true));
        try {
            if (!inJvm.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw busy(directory, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(directory);
        }
        try {
            return new OutputLock(inJvm, lockFile(directory, wait, deadline));
        } catch (RuntimeException | Error e) {
            inJvm.release();
            throw e;
        }
    }

    /** Locks the lock file against other processes, polling until the deadline; null when the file system cannot. */
    private static FileChannel lockFile(Path directory, Duration wait, long deadline) {
        Path file = directory.resolve(FILE_NAME);
        long pause = MIN_POLL_NANOS;
        while (true) {
            FileChannel channel = open(directory, file);
            try {
                if (channel.tryLock() != null) {
                    return channel;
                }
            } catch (OverlappingFileLockException e) {
                // held through another path to the same directory in this JVM: wait as for another process
            } catch (IOException | UnsupportedOperationException e) {
                // e.g. NFS without a lock daemon (ENOLCK): keep the runs of this JVM apart at least
                closeQuietly(channel);
                LOG.warn("the file system of {} cannot lock files ({}): only runs in this process are kept from "
                        + "writing there at the same time", directory, e.getClass().getSimpleName());
                return null;
            }
            // another process holds it (this process never opens the file twice: closing one descriptor of a file
            // drops every POSIX lock the process holds on it)
            closeQuietly(channel);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw busy(directory, wait);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(directory);
            }
            pause = Math.min(MAX_POLL_NANOS, pause * 2);
        }
    }

    /** Opens the lock file, creating it if missing. */
    private static FileChannel open(Path directory, Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            String what = Files.isSymbolicLink(file) || (Files.exists(file) && !Files.isRegularFile(file))
                    ? FILE_NAME + " is not a regular file; remove it"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw new ConnectorException(ErrorCode.IO, "cannot lock the output directory " + directory + ": " + what, e);
        }
    }

    /** Releases both locks; the lock file stays. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
        inJvm.release();
    }

    private static ConnectorException busy(Path directory, Duration wait) {
        return new ConnectorException(ErrorCode.TIMEOUT, "the output directory " + directory + " is in use by another "
                + "export (it holds " + FILE_NAME + "); gave up after waiting " + describe(wait));
    }

    private static ConnectorException interrupted(Path directory) {
        return new ConnectorException(ErrorCode.TIMEOUT, "interrupted while waiting for another export to finish in "
                + "the output directory " + directory);
    }

    private static String describe(Duration wait) {
        long ms = wait.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock; the process's exit would at the latest
        }
    }
}
