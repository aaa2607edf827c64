package io.oktaconnector.csv.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Names, tracks and sweeps the temporary files of the CSV sink: {@code .<table>.csv.<uuid>.tmp}, beside the target.
 *
 * <p>A temporary file is live while its sink writes it: it is registered here (for sinks in this JVM) and holds an
 * OS file lock (for other processes). A sweep deletes only files that match the naming pattern exactly and are
 * neither registered nor locked. Sweeps run only under the directory's {@link OutputLock}, which also covers the
 * moments when a file's own lock is already released but its rename not yet done (between finishing a table and
 * publishing it), so two exports into one folder never delete each other's work.
 */
public final class TempFiles {
    private static final Pattern OURS = Pattern.compile(
            "\\..+\\.csv\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private TempFiles() {
    }

    /**
     * @param target an absolute, normalized file such as {@code /out/x_users.csv}
     * @return a fresh temporary name beside it, registered as live
     */
    public static Path newTemp(Path target) {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        LIVE.add(temp);
        return temp;
    }

    /** @param temp a temporary file that is no longer written (published or deleted) */
    public static void release(Path temp) {
        LIVE.remove(temp);
    }

    /**
     * Registers another file of a live sink (its commit manifest) so that sinks of this JVM leave it alone.
     *
     * @param file an absolute, normalized file
     */
    public static void register(Path file) {
        LIVE.add(file);
    }

    /**
     * The liveness test of the sweep, for other files of the sink (commit manifests).
     *
     * @param file an absolute, normalized file
     * @return whether a sink of this JVM registered it or another process holds its lock
     */
    public static boolean inUse(Path file) {
        return LIVE.contains(file) || !isAbandoned(file);
    }

    /**
     * @param fileName a file name
     * @return whether it has the shape of our temporary files
     */
    public static boolean isOurs(String fileName) {
        return OURS.matcher(fileName).matches();
    }

    /**
     * Deletes temporary files that a crashed run left in a directory. Best effort: a file that cannot be deleted is
     * left for the next sweep.
     *
     * @param directory an absolute, normalized directory
     * @return the files deleted
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> sweep(Path directory) throws IOException {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, p -> isOurs(p.getFileName().toString()))) {
            for (Path file : files) {
                if (!LIVE.contains(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isAbandoned(file)) {
                    try {
                        Files.deleteIfExists(file);
                        deleted.add(file);
                    } catch (IOException e) {
                        // left for the next sweep; a stale temporary file is harmless
                    }
                }
            }
        }
        return deleted;
    }

    /** Whether no process holds the file's lock, i.e. no live sink is writing it. */
    private static boolean isAbandoned(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // locked by a sink of this JVM that reached it under another path
        } catch (IOException e) {
            return false;
        }
    }
}
