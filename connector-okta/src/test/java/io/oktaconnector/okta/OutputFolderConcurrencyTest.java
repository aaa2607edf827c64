package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;
import io.oktaconnector.csv.CsvOptions;
import io.oktaconnector.csv.CsvTableSink;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static io.oktaconnector.okta.TestSupport.readCsv;
import static io.oktaconnector.okta.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two exports of two different orgs (two simulators, one connection identifier, so the same five file names) into
 * one output folder in one JVM (issue 13, broken #2): the published set always comes from one of them. Each export's
 * commit waits briefly at a barrier for the other's, which lines the two commits up whenever both runs are writing at
 * once; with the folder lock the second run is still waiting for the folder, so the barrier stays half empty.
 */
class OutputFolderConcurrencyTest {
    private static final String ID = "Shared";
    private static final List<String> FILES = Stream.of("users", "groups", "apps", "groupsusers", "groupsapps")
            .map(t -> ID + "_" + t + ".csv").toList();
    /**
     * 40 rounds in {@code mvn verify} (two exports cost 0.2 to 0.7 s a round on a busy 2-core machine); the issue's
     * 200 with {@code -Dconcurrency.rounds=200}. The sink-level test ({@code CsvTableSinkLockTest}) runs 200 rounds
     * in one JVM and 200 across two processes in every build.
     */
    private static final int ROUNDS = Integer.getInteger("concurrency.rounds", 40);

    /** The five files as sorted rows: the export of one org, whatever the order of its link rows. */
    private static Map<String, List<List<String>>> files(Path dir) throws Exception {
        Map<String, List<List<String>>> all = new LinkedHashMap<>();
        for (String f : FILES) {
            TestSupport.Csv csv = readCsv(dir.resolve(f));
            List<List<String>> rows = new ArrayList<>();
            rows.add(csv.header());
            rows.addAll(csv.sortedRows());
            all.put(f, rows);
        }
        return all;
    }

    @Test
    @Timeout(600)
    void twoExportsOfTwoOrgsIntoOneFolderNeverPublishAMixedSet(@TempDir Path dir) throws Exception {
        try (OktaSimulator simA = OktaSimulator.builder().seed(101).users(4).groups(2).apps(1).start();
             OktaSimulator simB = OktaSimulator.builder().seed(202).users(3).groups(3).apps(2).start();
             OktaConnector a = OktaConnector.create(settings(simA, ID).build());
             OktaConnector b = OktaConnector.create(settings(simB, ID).build())) {
            a.export(dir.resolve("a"), EntityMapping.DEFAULTS, ProgressListener.NONE);
            b.export(dir.resolve("b"), EntityMapping.DEFAULTS, ProgressListener.NONE);
            Map<String, List<List<String>>> truthA = files(dir.resolve("a"));
            Map<String, List<List<String>>> truthB = files(dir.resolve("b"));
            for (String f : FILES.subList(0, 3)) {
                assertThat(truthA.get(f)).as("the orgs differ in %s", f).isNotEqualTo(truthB.get(f));
            }
            Path shared = dir.resolve("shared");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    Phaser beforeCommit = new Phaser(2);
                    List<Future<?>> runs = new ArrayList<>();
                    for (OktaConnector okta : List.of(a, b)) {
                        runs.add(pool.submit(() -> {
                            // as OktaConnector.export(Path, …) opens it, with a barrier before the commit
                            try (CsvTableSink sink = CsvTableSink.open(shared, CsvOptions.DEFAULTS, Duration.ofMinutes(1))) {
                                okta.export(new ExportRequest(new BarrierSink(sink, beforeCommit), EntityMapping.DEFAULTS,
                                        ProgressListener.NONE));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> r : runs) {
                        r.get(2, TimeUnit.MINUTES);
                    }
                    Map<String, List<List<String>>> published = files(shared);
                    List<String> from = new ArrayList<>();
                    for (String f : FILES) {
                        List<List<String>> rows = published.get(f);
                        from.add(rows.equals(truthA.get(f)) ? "A" : rows.equals(truthB.get(f)) ? "B" : "neither");
                    }
                    assertThat(from).as("round %d: which org each of the five files comes from", round)
                            .containsAnyOf("A", "B").doesNotContain("neither").containsOnly(from.get(0));
                }
            } finally {
                pool.shutdownNow();
            }
            try (Stream<Path> left = Files.list(shared)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file, manifest or lock file")
                        .containsExactlyInAnyOrderElementsOf(FILES);
            }
        }
    }

    @Test
    void anExportThatCannotHaveTheFolderInTimeFailsWithTimeoutAndLeavesTheFilesAlone(@TempDir Path dir) throws Exception {
        try (OktaSimulator sim = OktaSimulator.builder().seed(7).users(3).groups(1).apps(1).start();
             OktaConnector okta = OktaConnector.create(settings(sim, ID).outputLockWait(Duration.ofMillis(400)).build())) {
            okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
            Map<String, List<List<String>>> before = files(dir);
            sim.requests().clear();
            try (CsvTableSink holder = CsvTableSink.open(dir)) { // another run, writing
                long start = System.nanoTime();
                assertThatThrownBy(() -> okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE))
                        .isInstanceOfSatisfying(ConnectorException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                            assertThat(e.getMessage()).isEqualTo("the output directory " + dir.toAbsolutePath()
                                    + " is in use by another export (it holds .okta-connector.lock); gave up after "
                                    + "waiting 400 ms");
                        });
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
                assertThat(sim.requests().size()).as("no request before the folder was ours").isZero();
                holder.abort();
            }
            assertThat(files(dir)).isEqualTo(before);
            CompletableFuture.runAsync(() -> okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE))
                    .get(1, TimeUnit.MINUTES);
        }
    }

    /** Delegates to a sink; its commit first waits briefly for the other run's commit. */
    private record BarrierSink(TableSink sink, Phaser beforeCommit) implements TableSink {
        @Override
        public TableWriter open(String table, List<String> columns) {
            return sink.open(table, columns);
        }

        @Override
        public void commit() {
            int phase = beforeCommit.arrive();
            try {
                beforeCommit.awaitAdvanceInterruptibly(phase, 25, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // the other run is not writing now: it is waiting for the folder
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sink.commit();
        }

        @Override
        public void abort() {
            sink.abort();
        }
    }
}
