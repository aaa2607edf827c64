package io.oktaconnector.okta.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operation may leave behind: files (byte snapshots, temporary files) and threads. Threads are compared by
 * identity against a snapshot taken before, so threads of other components (the simulator's connection threads,
 * JUnit's) are told apart by name prefix only where they may legitimately outlive the operation.
 */
final class Leftovers {

    /** Threads that are not the connector's: the simulator serves each connection on a thread of its own. */
    private static final List<String> NOT_OURS = List.of("okta-sim-", "hostile-server-", "junit-", "ForkJoinPool.commonPool",
            "process reaper", "Attach Listener", "Common-Cleaner", "surefire-", "Reference Handler", "Finalizer",
            "Signal Dispatcher", "Notification Thread");

    private Leftovers() {
    }

    /** @return every file of {@code dir} with its bytes */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String f : GroundTruth.fileNames(dir)) {
            files.put(f, Files.readAllBytes(dir.resolve(f)));
        }
        return files;
    }

    /** Asserts that {@code dir} holds exactly the files of {@code before}, byte for byte. */
    static void assertUnchanged(Path dir, Map<String, byte[]> before) throws IOException {
        Map<String, byte[]> now = snapshot(dir);
        assertThat(now.keySet()).as("files in %s", dir).containsExactlyElementsOf(before.keySet());
        before.forEach((name, bytes) -> assertThat(now.get(name)).as(name + " must be byte-identical").isEqualTo(bytes));
    }

    /** Asserts that no temporary file ({@code .*.tmp}) is in {@code dir}. */
    static void assertNoTemporaryFiles(Path dir) throws IOException {
        assertThat(GroundTruth.fileNames(dir)).as("temporary files in %s", dir)
                .noneMatch(n -> n.startsWith(".") || n.endsWith(".tmp"));
    }

    /** Plants a temporary file such as a crashed export leaves; the next export must remove it. */
    static void plantCrashLeftover(Path dir, String connectionId) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("." + connectionId + "_users.csv.6f1c1b1e-0000-4000-8000-000000000000.tmp"),
                "id\r\npartial");
    }

    /** @return the live threads now */
    static Set<Thread> threads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * Waits (up to {@code graceMillis}, for pools that are shutting down) until no thread started since {@code before}
     * is alive apart from those of other components, then asserts it.
     */
    static void assertNoNewThreads(Set<Thread> before, long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        Set<String> extra = newThreads(before);
        while (!extra.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling for pool threads to end; the assertion follows
            extra = newThreads(before);
        }
        assertThat(extra).as("threads left running").isEmpty();
    }

    private static Set<String> newThreads(Set<Thread> before) {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !before.contains(t) && NOT_OURS.stream().noneMatch(p -> t.getName().startsWith(p))) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
