package io.oktaconnector.csv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roll-forward record of a commit: {@code .okta-connector-commit.<uuid>.manifest} in the output directory lists
 * every complete temporary file and the target it is renamed to.
 *
 * <p>The manifest is written to {@code <manifest>.tmp}, forced, then renamed into place, so it exists only when it is
 * complete; from that moment the export counts as published and the renames only carry it out. A sink that opens in
 * the directory first {@link #recover recovers}: it finishes the renames of every manifest no live sink holds (a
 * temporary file still present was not renamed yet; a missing one was), deletes the manifest, and only then may the
 * stale temporary files be swept. Recovery runs under the directory's {@link OutputLock}, so no other run of this
 * connector is committing there; a manifest locked all the same (registered in {@link TempFiles} for this JVM, an OS
 * file lock for other processes) is left alone.
 *
 * <p>A manifest that cannot be one of ours (not our header and trailer, an entry that is not a temporary file and
 * its target in this directory, not UTF-8, larger than {@value #MAX_BYTES} bytes) is planted or corrupt: it is renamed
 * aside to {@code <manifest>.rejected} with a warning and nothing it lists is published, instead of blocking every
 * later export.
 *
 * <p>Neither name ends in {@code .csv} or matches the temporary-file pattern, so neither is taken for a table nor
 * swept by {@link TempFiles#sweep}.
 */
public final class CommitManifest implements AutoCloseable {
    private static final String PREFIX = ".okta-connector-commit.";
    private static final String SUFFIX = ".manifest";
    private static final String PART = ".tmp";
    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern MANIFEST = Pattern.compile(Pattern.quote(PREFIX) + UUID_RE + Pattern.quote(SUFFIX));
    private static final Pattern MANIFEST_PART = Pattern.compile(
            Pattern.quote(PREFIX) + UUID_RE + Pattern.quote(SUFFIX + PART));
    private static final String HEADER = "okta-connector commit manifest 1";
    private static final String END = "end ";
    private static final String REJECTED = ".rejected";
    /** The largest manifest read: ours list a few tables in well under 1 KB. */
    static final int MAX_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(CommitManifest.class);

    private final Path file;
    private FileChannel lockChannel; // holds the OS lock that tells other processes the commit is live

    private CommitManifest(Path file, FileChannel lockChannel) {
        this.file = file;
        this.lockChannel = lockChannel;
    }

    /** @return the manifest file */
    public Path file() {
        return file;
    }

    /**
     * @param fileName a file name
     * @return whether it is a manifest or a manifest being written
     */
    public static boolean isManifest(String fileName) {
        return MANIFEST.matcher(fileName).matches() || MANIFEST_PART.matcher(fileName).matches();
    }

    /**
     * Writes, forces and publishes a manifest, then forces the directory. Nothing may be renamed before this returns.
     *
     * @param directory an absolute, normalized directory
     * @param renames   temporary file → target, both directly in {@code directory}, in rename order
     * @param ops       file operations ({@link FileOps#force} for the content, {@link FileOps#move} to publish it)
     * @return the live manifest, registered and locked; {@link #completed()} or {@link #close()} it
     * @throws IOException when the manifest could not be published; no manifest nor part of one is left then
     */
    public static CommitManifest write(Path directory, Map<Path, Path> renames, FileOps ops) throws IOException {
        String id = UUID.randomUUID().toString();
        Path file = directory.resolve(PREFIX + id + SUFFIX);
        Path part = directory.resolve(PREFIX + id + SUFFIX + PART);
        TempFiles.register(file);
        TempFiles.register(part);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<Path, Path> e : renames.entrySet()) {
            // table names hold no white space or control character (TableNames), so a tab separates safely
            text.append(e.getKey().getFileName()).append('\t').append(e.getValue().getFileName()).append('\n');
        }
        text.append(END).append(renames.size()).append('\n');
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                ops.force(part, channel);
            }
            ops.move(part, file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            TempFiles.release(part);
            TempFiles.release(file);
            throw e;
        }
        TempFiles.release(part);
        Directories.force(directory);
        return new CommitManifest(file, lock(file));
    }

    /** The commit's renames are all done: deletes the manifest. Never throws. */
    public void completed() {
        close();
        // a manifest left behind lists only temporary files that are gone: the next recovery just deletes it
        deleteQuietly(file);
        Directories.force(file.getParent());
    }

    /** Releases the lock and the registration, leaving the manifest for the next recovery. Never throws. */
    @Override
    public void close() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the process at the latest
            }
            lockChannel = null;
        }
        TempFiles.release(file);
    }

    /**
     * Completes the commits that crashed (or failed) in a directory after their manifest was published, oldest first,
     * and deletes the manifests and the manifest parts no live sink holds. Must run before {@link TempFiles#sweep}.
     *
     * @param directory an absolute, normalized directory
     * @param ops       file operations ({@link FileOps#move} for the renames)
     * @return the manifests completed
     * @throws IOException naming the manifest when a rename fails, or a manifest that is not ours cannot be set aside;
     *                     the manifest is kept then, and the caller must not sweep
     */
    public static List<Path> recover(Path directory, FileOps ops) throws IOException {
        List<Path> manifests = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, p -> isManifest(p.getFileName().toString()))) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !TempFiles.inUse(f)) {
                    if (MANIFEST.matcher(f.getFileName().toString()).matches()) {
                        manifests.add(f);
                    } else {
                        deleteQuietly(f); // a manifest part never published: its commit renamed nothing
                    }
                }
            }
        }
        // two crashed commits of the same table: the later one must win, as it would have without the crash
        manifests.sort(Comparator.comparing(CommitManifest::modified).thenComparing(Path::toString));
        List<Path> completed = new ArrayList<>();
        for (Path manifest : manifests) {
            Map<Path, Path> renames;
            try {
                renames = read(directory, manifest);
            } catch (Malformed e) {
                setAside(manifest, e.getMessage());
                continue;
            }
            for (Map.Entry<Path, Path> e : renames.entrySet()) {
                if (Files.isRegularFile(e.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        ops.move(e.getKey(), e.getValue());
                    } catch (IOException ex) {
                        throw new IOException("cannot rename " + e.getKey() + " to " + e.getValue() + ": "
                                + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : " " + ex.getMessage()), ex);
                    }
                }
            }
            Directories.force(directory);
            Files.deleteIfExists(manifest);
            Directories.force(directory);
            completed.add(manifest);
        }
        return completed;
    }

    /**
     * Renames a manifest that is not one of ours aside, so that it no longer blocks the directory.
     *
     * @throws IOException when it cannot be renamed: it then stays, and the caller must not sweep
     */
    private static void setAside(Path manifest, String why) throws IOException {
        Path aside = manifest.resolveSibling(manifest.getFileName() + REJECTED);
        try {
            Files.move(manifest, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException("cannot set aside the commit manifest " + manifest + ", which " + why + ": "
                    + e.getClass().getSimpleName(), e);
        }
        Directories.force(manifest.getParent());
        // one line, never the manifest's content (it may be planted text)
        LOG.warn("set aside the commit manifest {}, which {}: renamed to {}; nothing it lists was published",
                manifest, why, aside.getFileName());
    }

    private static Map<Path, Path> read(Path directory, Path manifest) throws IOException {
        List<String> lines = lines(manifest);
        Map<Path, Path> renames = new LinkedHashMap<>();
        if (lines.size() < 2 || !HEADER.equals(lines.get(0))
                || !(END + (lines.size() - 2)).equals(lines.get(lines.size() - 1))) {
            throw new Malformed("is not a commit manifest of this connector (or is cut short)");
        }
        for (String line : lines.subList(1, lines.size() - 1)) {
            int tab = line.indexOf('\t');
            String temp = tab < 0 ? "" : line.substring(0, tab);
            String target = tab < 0 ? "" : line.substring(tab + 1);
            // only our own pairs: a temporary file named after its target, both plain names in this directory
            if (!TempFiles.isOurs(temp) || !temp.startsWith("." + target + ".") || TableNames.problem(stem(target)) != null
                    || !Objects.equals(directory.resolve(target).normalize().getParent(), directory)) {
                throw new Malformed("has an entry that is not a temporary file and its target in this directory");
            }
            renames.put(directory.resolve(temp), directory.resolve(target));
        }
        return renames;
    }

    /** The manifest's lines: at most {@link #MAX_BYTES} bytes of strict UTF-8. */
    private static List<String> lines(Path manifest) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(manifest, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new Malformed("is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("is not UTF-8 text");
        }
        return text.lines().toList();
    }

    /** A manifest that is not one of ours: set aside, not fatal. */
    private static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String why) {
            super(why);
        }
    }

    private static String stem(String target) {
        int dot = target.lastIndexOf('.');
        return dot <= 0 ? "" : target.substring(0, dot);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static FileChannel lock(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return channel;
            }
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            // locking only guards against recovery by another process; this JVM knows the manifest is live
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was locked
            }
        }
        return null;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a part is never honoured; a completed manifest lists only renamed files: both are harmless
        }
    }
}
