package io.oktaconnector.csv;

import io.oktaconnector.csv.internal.FileOps;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the crash tests: exports five tables tagged with a label into a directory and dies
 * ({@link Runtime#halt}, no finally block, no shutdown hook: like a power cut for the files) just before its k-th
 * rename, counting the commit manifest's own rename as the first; or, with k = 0, while forcing the manifest.
 */
final class CrashingCommit {
    static final List<String> TABLES = List.of("X_users", "X_groups", "X_apps", "X_groupsusers", "X_groupsapps");
    static final int EXIT = 77;

    private CrashingCommit() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String label = args[1];
        int dieBeforeMove = Integer.parseInt(args[2]);
        FileOps dying = new FileOps() {
            private int moves;

            @Override
            public void force(Path file, FileChannel channel) throws IOException {
                if (dieBeforeMove == 0 && file.getFileName().toString().contains("manifest")) {
                    Runtime.getRuntime().halt(EXIT);
                }
                channel.force(true);
            }

            @Override
            public void move(Path source, Path target) throws IOException {
                if (++moves == dieBeforeMove) {
                    Runtime.getRuntime().halt(EXIT);
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, dying);
        for (String t : TABLES) {
            sink.open(t, List.of("id", "export")).write(List.of(t, label));
        }
        sink.commit();
        System.exit(0);
    }
}
