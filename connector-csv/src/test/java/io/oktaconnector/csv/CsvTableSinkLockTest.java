package io.oktaconnector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.csv.internal.FileOps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run at a time per output directory (issue 13, broken #2): two sinks on one folder, in one JVM or in two
 * processes, with their commits lined up as closely as the lock lets them, never publish a mixed set; the second run
 * waits its turn, or gives up after its wait with one clear message.
 */
class CsvTableSinkLockTest {
    private static final List<String> TABLES = CrashingCommit.TABLES;
    private static final int ROUNDS = 200;
    /** How long a run that is ready to commit waits for the other one (a barrier that the lock may keep half empty). */
    private static final long BARRIER_MS = 25;

    /** Forces nothing to the device, so that 200 rounds cost the locking and not the disk. */
    static final FileOps NO_FSYNC = new FileOps() {
        @Override
        public void force(Path file, FileChannel channel) {
            // not durable, and not needed to be: no test here cuts the power
        }
    };

    @TempDir
    Path dir;

    /** Which run each of the five published files comes from. */
    private List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (String t : TABLES) {
            List<List<String>> rows = TestCsv.parse(dir.resolve(t + ".csv"));
            assertThat(rows).hasSize(2);
            labels.add(rows.get(1).get(1));
        }
        return labels;
    }

    private static void write(CsvTableSink sink, String label) {
        for (String t : TABLES) {
            sink.open(t, List.of("id", "export")).write(List.of(t, label));
        }
    }

    @Test
    @Timeout(300)
    void twoSinksWithABarrierBeforeCommitNeverPublishAMixedSet() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int waited = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Phaser beforeCommit = new Phaser(2);
                List<Future<Boolean>> runs = new ArrayList<>();
                for (String run : List.of("A", "B")) {
                    String label = run + round;
                    runs.add(pool.submit(() -> {
                        // the default wait (far longer than a round); no fsync: durability is not what is tested
                        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, NO_FSYNC)) {
                            write(sink, label);
                            boolean lined = lineUp(beforeCommit);
                            sink.commit();
                            return lined;
                        }
                    }));
                }
                for (Future<Boolean> r : runs) {
                    waited += r.get(60, TimeUnit.SECONDS) ? 0 : 1;
                }
                List<String> labels = labels();
                assertThat(Set.copyOf(labels)).as("round %d: the five files come from one run: %s", round, labels)
                        .hasSize(1).first().isIn("A" + round, "B" + round);
                assertThat(TestCsv.names(dir)).as("round %d: no temporary file, manifest or lock left", round)
                        .containsExactlyInAnyOrderElementsOf(TABLES.stream().map(t -> t + ".csv").toList());
                assertThat(dir.resolve(TestCsv.LOCK_FILE)).doesNotExist();
            }
            // with the lock, the second run is still waiting for the directory when the first reaches the barrier
            assertThat(waited).as("runs that reached the barrier alone").isGreaterThanOrEqualTo(ROUNDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Arrives and waits briefly for the other run; false when it did not come (it is waiting for the lock). */
    private static boolean lineUp(Phaser phaser) throws InterruptedException {
        int phase = phaser.arrive();
        try {
            phaser.awaitAdvanceInterruptibly(phase, BARRIER_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    @Test
    void aRunThatCannotHaveTheDirectoryInTimeFailsWithOneClearMessageAndTouchesNothing() {
        try (CsvTableSink first = CsvTableSink.open(dir)) {
            write(first, "first");
            Map<String, String> during = TestCsv.snapshot(dir);
            long start = System.nanoTime();
            assertThatThrownBy(() -> CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                        assertThat(e.isRetriable()).isTrue();
                        assertThat(e.getMessage()).isEqualTo("the output directory " + dir.toAbsolutePath() + " is in "
                                + "use by another export (it holds .okta-connector.lock); gave up after waiting 300 ms");
                    });
            assertThat(System.nanoTime() - start).as("it waited").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(TestCsv.snapshot(dir)).as("the live run's files untouched").isEqualTo(during);
            first.commit();
        }
        assertThat(labels()).containsOnly("first");
    }

    @Test
    void theDirectoryIsFreeAgainAfterCommitAbortAndClose() {
        CsvTableSink committed = CsvTableSink.open(dir);
        write(committed, "a");
        committed.commit(); // released here, before close
        CsvTableSink aborted = CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ZERO);
        write(aborted, "b");
        aborted.abort();
        CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ZERO).close();
        try (CsvTableSink last = CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ZERO)) {
            write(last, "c");
            last.commit();
        }
        assertThat(labels()).containsOnly("c");
        assertThat(dir.resolve(TestCsv.LOCK_FILE)).as("the lock file goes with the lock").doesNotExist();
        committed.close();
        aborted.close();
    }

    @Test
    void aLockFileLeftBehindByACrashDoesNotBlock() throws IOException {
        Files.writeString(dir.resolve(".okta-connector.lock"), "left by a run that was killed\n");
        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ZERO)) {
            assertThat(dir.resolve(TestCsv.LOCK_FILE)).exists();
            write(sink, "after");
            sink.commit();
        }
        assertThat(labels()).containsOnly("after");
        assertThat(dir.resolve(TestCsv.LOCK_FILE)).doesNotExist();
    }

    @Test
    void aLockPathThatIsNotAFileIsOneClearIoError() throws IOException {
        Files.createDirectory(dir.resolve(".okta-connector.lock"));
        assertThatThrownBy(() -> CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ZERO))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IO);
                    assertThat(e.getMessage()).isEqualTo("cannot lock the output directory " + dir.toAbsolutePath()
                            + ": .okta-connector.lock is not a regular file; remove it");
                });
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWaitingRunProceedsAsSoonAsTheOtherProcessReleases() throws Exception {
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        try (Child child = Child.start(dir, "other", events)) {
            child.send("open 0");
            assertThat(next(events)).containsExactly("other", "ready 0");
            CompletableFuture<Void> mine = CompletableFuture.runAsync(() -> {
                try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ofSeconds(60))) {
                    write(sink, "mine");
                    sink.commit();
                }
            });
            Thread.sleep(300);
            assertThat(mine).as("waits for the other process").isNotDone();
            child.send("commit");
            assertThat(next(events)).containsExactly("other", "done 0");
            mine.get(60, TimeUnit.SECONDS);
            child.send("quit");
        }
        assertThat(labels()).containsOnly("mine");
    }

    /**
     * Across processes: two child JVMs ({@link ConcurrentCommit}) commit in rounds, lined up by this test as closely
     * as the lock allows: a child that is ready waits {@value #BARRIER_MS} ms for the other before it is told to
     * commit. 200 rounds of the sink; the whole CLI across processes runs a few times in the examples module (a JVM
     * per export costs about a second).
     */
    @Test
    @Timeout(600)
    void twoProcessesNeverPublishAMixedSet() throws Exception {
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        try (Child a = Child.start(dir, "A", events); Child b = Child.start(dir, "B", events)) {
            Map<String, Child> children = Map.of("A", a, "B", b);
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, String> state = new HashMap<>();
                for (Map.Entry<String, Child> c : children.entrySet()) {
                    c.getValue().send("open " + round);
                    state.put(c.getKey(), "opening");
                }
                while (state.containsValue("opening") || state.containsValue("ready") || state.containsValue("committing")) {
                    boolean someoneReady = state.containsValue("ready");
                    String[] e = events.poll(someoneReady ? BARRIER_MS : 60_000, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        assertThat(someoneReady).as("round %d: a child answered within a minute: %s", round, state).isTrue();
                        commitReady(children, state, round); // the other is waiting for the directory
                        continue;
                    }
                    if (e[1].equals("ready " + round)) {
                        state.put(e[0], "ready");
                        if (!state.containsValue("opening")) {
                            commitReady(children, state, round); // both ready: the closest two commits can be
                        }
                    } else if (e[1].equals("done " + round)) {
                        state.put(e[0], "done");
                    } else {
                        throw new AssertionError("round " + round + ": child " + e[0] + " said: " + e[1]);
                    }
                }
                List<String> labels = labels();
                assertThat(Set.copyOf(labels)).as("round %d: the five files come from one run: %s", round, labels)
                        .hasSize(1).first().isIn("A" + round, "B" + round);
            }
            a.send("quit");
            b.send("quit");
        }
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(TABLES.stream().map(t -> t + ".csv").toList());
        assertThat(dir.resolve(TestCsv.LOCK_FILE)).doesNotExist();
    }

    private static void commitReady(Map<String, Child> children, Map<String, String> state, int round) {
        state.replaceAll((name, s) -> {
            if (s.equals("ready")) {
                children.get(name).send("commit");
                return "committing";
            }
            return s;
        });
    }

    private static String[] next(BlockingQueue<String[]> events) throws InterruptedException {
        String[] e = events.poll(60, TimeUnit.SECONDS);
        assertThat(e).as("the child answered").isNotNull();
        return e;
    }

    /** A child JVM running {@link ConcurrentCommit}, driven line by line; its lines go to a shared queue. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final PrintStream in;

        private Child(Process process, String label, BlockingQueue<String[]> events) {
            this.process = process;
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        events.add(new String[] {label, line});
                    }
                } catch (IOException e) {
                    events.add(new String[] {label, "reader failed: " + e});
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path dir, String label, BlockingQueue<String[]> events) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new Child(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ConcurrentCommit.class.getName(), dir.toString(), label)
                    .redirectErrorStream(true).start(), label, events);
        }

        void send(String command) {
            in.println(command);
        }

        @Override
        public void close() throws InterruptedException {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
