package io.oktaconnector.csv.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file operations of the CSV sink that can fail in ways a test cannot provoke with real files when it runs as
 * root (a full disk, a failing fsync, a refused rename). Tests pass their own; production uses {@link #DEFAULT}.
 */
public interface FileOps {
    /** The real operations. */
    FileOps DEFAULT = new FileOps() { };

    /**
     * @param file the file being written
     * @param out  the stream that writes it
     * @return the stream to write to; by default {@code out}
     */
    default OutputStream output(Path file, OutputStream out) {
        return out;
    }

    /**
     * Forces a written file's content and metadata to the storage device.
     *
     * @param file    the file
     * @param channel its open channel
     * @throws IOException on failure
     */
    default void force(Path file, FileChannel channel) throws IOException {
        channel.force(true);
    }

    /**
     * Renames a file over its target, atomically where the file system can.
     *
     * @param source the complete temporary file
     * @param target the published file, replaced if it exists
     * @throws IOException on failure
     */
    default void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
