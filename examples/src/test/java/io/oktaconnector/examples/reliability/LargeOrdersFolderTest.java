package io.oktaconnector.examples.reliability;

import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, broken #5: an orders folder too large for the heap was stuck for ever (two files of 105,000 orders died
 * with {@code OutOfMemoryError} at {@code -Xmx64m}, and so did every retry). The CLI runs here as a host runs it, in
 * a child JVM with a small heap, killed in the middle of the first file and run again with the same heap.
 *
 * <p>Scaled down to stay well within a minute: 2 x 6,000 orders at {@code -Xmx20m} instead of 2 x 105,000 at
 * {@code -Xmx64m}. The growth is the same: the old run held every order of every file (parsed before any ran), every
 * plan of a file and every result, some 1 KB an order, which exhausts 20 MB (the CLI itself lives in some 10 MB) at a
 * few thousand orders, as it exhausted 64 MB at some hundred thousand; a run whose memory does not grow with the
 * orders passes at any count. The serial collector makes the old behaviour an {@code OutOfMemoryError} within
 * seconds, where G1 would first crawl near the limit. The figures at full size are in docs/RELIABILITY.md.
 */
class LargeOrdersFolderTest {
    static final String ID = "OktaExportFulfillment";
    static final String HEAP = "-Xmx20m";
    static final int PER_FILE = 6_000;
    static final int KILL_AFTER = 2_500;

    /**
     * A RAM-backed folder where there is one: the test is about memory, not the device, and each order forces three
     * rows to disk (some 35,000 fsyncs, minutes on a slow disk). Elsewhere the usual temporary folder.
     */
    static final class MemoryBackedTempDir implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "okta-large-")
                    : Files.createTempDirectory("okta-large-");
        }
    }

    @TempDir(factory = MemoryBackedTempDir.class)
    Path dir;

    OktaSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aFolderLargerThanTheHeapRunsAndResumesInTheSameHeap() throws Exception {
        sim = OktaSimulator.builder().seed(13).users(200).groups(2).apps(1).start();
        List<String> users = sim.org().users().map(u -> u.path("id").asText()).toList();
        Path settings = dir.resolve("appsettings.agent.json");
        Files.writeString(settings, "{\"Connections\":{\"" + ID + "\":{\"Server\":\"" + sim.baseUrl()
                + "\",\"ApiKey\":\"" + sim.token() + "\",\"AllowInsecureHttp\":true}}}");
        Path orders = Files.createDirectories(dir.resolve("orders"));
        for (int f = 0; f < 2; f++) {
            writeOrders(orders.resolve("o" + f + ".json"), f, users);
        }

        // the first run is killed in the middle of the first file
        Process first = cli(settings, orders, dir.resolve("results-1.csv"), "1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (rows(dir.resolve("results-1.csv")) < KILL_AFTER) {
            assertThat(first.isAlive()).as("the first run ended early: %s", Files.readString(dir.resolve("err-1.txt")))
                    .isTrue();
            assertThat(System.nanoTime()).as("the first run did not reach %d results in time", KILL_AFTER)
                    .isLessThan(deadline);
            Thread.sleep(20); // polling the file the child writes; not an assertion
        }
        first.destroyForcibly().waitFor();
        int killedAt = sim.requests().size();
        List<List<String>> before = results(dir.resolve("results-1.csv"));
        assertThat(before.size()).isBetween(KILL_AFTER, PER_FILE - 1);
        assertThat(Files.readString(dir.resolve("err-1.txt"))).as("stderr of the first run").isEmpty();

        // the next run, in the same heap, resumes the first file (its results go to a new results file) and runs the
        // second
        Process second = cli(settings, orders, dir.resolve("results-2.csv"), "2");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second run ended").isTrue();
        assertThat(Files.readString(dir.resolve("err-2.txt"))).as("stderr of the second run").isEmpty();
        assertThat(second.exitValue()).isZero();
        List<String> out = Files.readAllLines(dir.resolve("out-2.txt"));
        int pending = Integer.parseInt(out.get(0).substring("OrdersCount:".length()));
        // the journal may hold one result more than the results file: the kill can fall between the two rows
        assertThat(2 * PER_FILE - pending).isBetween(before.size(), before.size() + 1);
        assertThat(out).contains("Progress:" + pending);

        List<List<String>> after = results(dir.resolve("results-2.csv"));
        Set<String> ids = new HashSet<>();
        after.forEach(r -> ids.add(r.get(0)));
        assertThat(after).as("one row per order").hasSize(2 * PER_FILE);
        assertThat(ids).as("every order").hasSize(2 * PER_FILE);
        assertThat(after).containsAll(before);
        assertThat(listing(orders)).containsExactly("Completed", "Completed/o0.json", "Completed/o0.json.journal.done",
                "Completed/o1.json", "Completed/o1.json.journal.done");

        // an order with a result before the kill sent nothing afterwards
        Set<String> done = new HashSet<>();
        before.forEach(r -> done.add(r.get(0)));
        List<RecordedRequest> resumed = sim.requests().all().subList(killedAt, sim.requests().size());
        assertThat(resumed).isNotEmpty().noneMatch(q -> done.contains(orderOf(q)));
    }

    /** Modified orders: one in four on a user of the org (Executed), the others on users it lacks (Errored, 404). */
    static void writeOrders(Path file, int f, List<String> users) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"ProvisioningOrdersList\": [\n");
            for (int i = 0; i < PER_FILE; i++) {
                String user = i % 4 == 0 ? users.get((i / 4) % users.size()) : "00uMissing" + f + "x" + i;
                w.write((i == 0 ? "" : ",\n") + "{\"AssignedResourceTypeId\":\"L" + f + "-" + i + "\","
                        + "\"ChangeType\":\"Modified\",\"ResourceType\":{\"TargetEntityType\":{\"Identifier\":\"User\"}},"
                        + "\"Resource\":{\"id\":\"" + user + "\"},\"Changes\":{\"profile.city\":\"L" + f + "-" + i + "\"}}");
            }
            w.write("\n]}\n");
        }
    }

    /** @return the order a request was sent for: its city names it */
    static String orderOf(RecordedRequest q) {
        int at = q.body().indexOf("\"city\":\"");
        return at < 0 ? "" : q.body().substring(at + 8, q.body().indexOf('"', at + 8));
    }

    Process cli(Path settings, Path orders, Path results, String run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-cp", cp, "io.oktaconnector.examples.Main", "fulfill",
                "--settings", settings.toString(), "--connection", ID, "--orders", orders.toString(),
                "--results", results.toString())
                .redirectOutput(dir.resolve("out-" + run + ".txt").toFile())
                .redirectError(dir.resolve("err-" + run + ".txt").toFile()).start();
    }

    /** @return the complete rows of a results file the child is writing (a row being written is not counted) */
    static long rows(Path results) throws IOException {
        if (!Files.exists(results)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(results);
        long lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        return Math.max(0, lines - 1);
    }

    static List<List<String>> results(Path file) {
        List<List<String>> all = new ArrayList<>(CsvAppender.readAll(file));
        assertThat(all.get(0)).containsExactly("AssignmentId", "ProvisioningState", "Message", "ChangeType",
                "ResourceId");
        return all.subList(1, all.size());
    }

    static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> !p.equals(d)).map(p -> d.relativize(p).toString()).sorted().toList();
        }
    }
}
