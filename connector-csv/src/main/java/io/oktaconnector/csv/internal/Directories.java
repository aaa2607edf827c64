package io.oktaconnector.csv.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory durability. */
public final class Directories {
    private Directories() {
    }

    /**
     * Forces a directory's entries (the renames just made in it) to the storage device, where the platform allows
     * it. Best effort: Windows cannot open a directory for this, and a failure here no longer changes what readers
     * see.
     *
     * @param directory the directory
     */
    public static void force(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform or file system: the renames are done, only their durability is weaker
        }
    }
}
