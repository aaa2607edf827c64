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
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
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
 * <p>Two parts, because an OS file lock belongs to a whole process: a fair semaphore per directory (keyed by the
 * directory's file key, so that two paths to one directory share it) orders the sinks of this JVM without polling, and
 * an OS lock ({@link FileChannel#tryLock()}) on {@value #FILE_NAME} in the directory excludes other processes; the OS
 * drops it when its holder dies, so a crash never leaves the directory locked. Another process is polled for (10 to
 * 200 ms apart) until the wait runs out.
 *
 * <p>The holder deletes the lock file before it releases the lock, so a finished run leaves nothing behind. That is
 * safe only because a new holder checks that the file it locked is still the one the directory names: a waiter may
 * have opened the file just before the previous holder deleted it. The check opens the name a second time and tries
 * that channel's lock too: the JVM's own lock table refuses it ({@link OverlappingFileLockException}) exactly when both
 * channels are the same file. The second channel stays open until the release, because on POSIX systems closing any
 * descriptor of a file drops every lock the process holds on it.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name in the output directory. */
    public static final String FILE_NAME = ".okta-connector.lock";

    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
    // one entry per directory ever locked in this JVM, never removed (removing races with a waiter): a host writes
    // into a handful of folders
    private static final Map<Object, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Path file;
    private final Semaphore inJvm;
    private final List<FileChannel> channels; // the locked file's channels; empty when the file system cannot lock
    private boolean released;

    private OutputLock(Path file, Semaphore inJvm, List<FileChannel> channels) {
        this.file = file;
        this.inJvm = inJvm;
        this.channels = channels;
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
        Semaphore inJvm = IN_JVM.computeIfAbsent(key(directory), k -> new Semaphore(1, true));
        try {
            if (!inJvm.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw busy(directory, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(directory);
        }
        Path file = directory.resolve(FILE_NAME);
        try {
            return new OutputLock(file, inJvm, lockFile(directory, file, wait, deadline));
        } catch (RuntimeException | Error e) {
            inJvm.release();
            throw e;
        }
    }

    /** The directory's identity: its file key (device and inode) where the file system has one, else its real path. */
    private static Object key(Path directory) {
        try {
            Object key = Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
            return key != null ? key : directory.toRealPath();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot lock the output directory " + directory + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Locks the lock file against other processes, polling until the deadline; empty when the file system cannot. */
    private static List<FileChannel> lockFile(Path directory, Path file, Duration wait, long deadline) {
        long pause = MIN_POLL_NANOS;
        while (true) {
            FileChannel first = open(directory, file);
            try {
                if (first.tryLock() != null) {
                    List<FileChannel> held = stillNamed(directory, file, first);
                    if (held != null) {
                        return held;
                    }
                    // the file was deleted by the holder before us, and the new one is held by another process
                } else {
                    closeQuietly(first);
                }
            } catch (OverlappingFileLockException e) {
                closeQuietly(first); // held by this JVM through another path to the directory: wait as for a process
            } catch (IOException | UnsupportedOperationException e) {
                // e.g. NFS without a lock daemon (ENOLCK): keep the runs of this JVM apart at least
                closeQuietly(first);
                LOG.warn("the file system of {} cannot lock files ({}): only runs in this process are kept from "
                        + "writing there at the same time", directory, e.getClass().getSimpleName());
                return List.of();
            }
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

    /**
     * Makes sure a locked channel is the file the directory names now.
     *
     * @param locked a channel whose lock this process holds
     * @return the channels to keep while the lock is held, or {@code null} (every channel closed) when the file that
     *         the directory names now is held by another process
     */
    private static List<FileChannel> stillNamed(Path directory, Path file, FileChannel locked) throws IOException {
        FileChannel current = locked;
        while (true) {
            FileChannel byName = open(directory, file);
            try {
                if (byName.tryLock() == null) {
                    closeQuietly(byName);
                    closeQuietly(current);
                    return null;
                }
            } catch (OverlappingFileLockException e) {
                return List.of(current, byName); // the same file: ours
            } catch (IOException | RuntimeException e) {
                closeQuietly(byName);
                closeQuietly(current);
                throw e;
            }
            // another file now has the name, and we hold its lock: it is ours once it passes the same check
            closeQuietly(current);
            current = byName;
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

    /** Deletes the lock file, then releases both locks. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            // deleted while still locked: whoever opened it meanwhile finds out (see the class comment)
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // e.g. Windows while another process has it open: it stays, which is harmless
        }
        channels.forEach(OutputLock::closeQuietly);
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
