package io.oktaconnector.okta.reliability;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.FaultHandle;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The export soak (issue 8): the same org exported again and again while the simulator injects random faults of every
 * kind. Every run must end with files equal to the ground truth, or fail cleanly (an expected code, the previous files
 * byte-identical, no temporary file, no thread left); the heap in use after a full GC must not grow from run to run.
 *
 * <p>Faults: each survivable kind (500, 503, 429 without headers, reset before and after the body, truncated body,
 * a short delay, duplicate rate-limit headers, no Date header, an answer dropped after it was made) fires on a share of
 * every GET, together {@code soak.faultRate} (default 1%); each fatal kind (401, 403, malformed JSON, a redirect, a
 * foreign or endless next link, a delay past the read timeout) fires at a rate chosen so that about
 * {@code soak.fatalRuns} (default 0.3) of the runs meet one. Rules are seeded per run ({@code soak.seed}).
 *
 * <p>{@link #shortSoak} (3 runs of a 2,000-user org, 3% faults so that each run meets a few) runs in
 * {@code mvn verify}. {@link #longSoak} is tagged
 * {@code soak}, which connector-okta's surefire configuration leaves out unless asked for:
 * <pre>
 * mvn -B verify -pl connector-okta -Dtest=ExportSoakTest -Dsurefire.excludedGroups=none -Dgroups=soak \
 *     -Dsoak.runs=10 -Dsoak.users=100000 -Dsoak.groups=5000 -Dsoak.apps=300
 * </pre>
 * (the defaults of the long soak are those of benchmark L). Each run's figures are printed and appended to
 * {@code target/soak-report.csv}.
 */
class ExportSoakTest {

    static final String ID = "Soak";

    /** Codes a run may fail with when a fault is fatal (or a survivable one struck every retry). */
    static final Set<ErrorCode> CLEAN_FAILURES = EnumSet.of(ErrorCode.AUTHENTICATION, ErrorCode.PERMISSION_DENIED,
            ErrorCode.PROTOCOL, ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE, ErrorCode.RATE_LIMITED);

    @TempDir
    Path dir;

    @Test
    void shortSoak() throws Exception {
        soak(new Shape(3, 2_000, 120, 30, 0.03, 0.3, 8), Duration.ofMinutes(2));
    }

    @Test
    @Tag("soak")
    void longSoak() throws Exception {
        soak(new Shape(Integer.getInteger("soak.runs", 10), Integer.getInteger("soak.users", 100_000),
                Integer.getInteger("soak.groups", 5_000), Integer.getInteger("soak.apps", 300),
                Double.parseDouble(System.getProperty("soak.faultRate", "0.01")),
                Double.parseDouble(System.getProperty("soak.fatalRuns", "0.3")),
                Integer.getInteger("soak.heapGrowthMb", 64)), Duration.ofMinutes(30));
    }

    /**
     * @param runs          exports with faults (after one clean warm-up run)
     * @param faultRate     the share of GETs that meet a survivable fault
     * @param fatalRuns     the share of runs expected to meet a fatal fault
     * @param heapGrowthMb  how much the heap in use after GC may grow from the first runs to the last ones
     */
    record Shape(int runs, int users, int groups, int apps, double faultRate, double fatalRuns, int heapGrowthMb) {
    }

    /** One fault kind: how to make its rule, and whether a run survives it. */
    record Kind(String name, boolean fatal, Function<FaultRule, FaultRule> fault) {
    }

    static final long READ_TIMEOUT_S = 10;

    static List<Kind> kinds() {
        return List.of(
                new Kind("500", false, r -> r.status(500)),
                new Kind("503", false, r -> r.status(503)),
                new Kind("429", false, r -> r.status(429)),
                new Kind("resetBeforeBody", false, FaultRule::resetBeforeBody),
                new Kind("resetAfterBody", false, FaultRule::resetAfterBody),
                new Kind("truncatedBody", false, FaultRule::truncatedBody),
                new Kind("delay 200 ms", false, r -> r.delay(Duration.ofMillis(200))),
                new Kind("duplicateRateLimitHeaders", false, FaultRule::duplicateRateLimitHeaders),
                new Kind("missingDate", false, FaultRule::missingDate),
                new Kind("ambiguousWrite", false, FaultRule::ambiguousWrite),
                new Kind("401", true, r -> r.status(401)),
                new Kind("403", true, r -> r.status(403)),
                new Kind("malformedJson", true, FaultRule::malformedJson),
                new Kind("redirect", true, r -> r.redirectTo("http://127.0.0.2:9")),
                new Kind("foreignNextLink", true, r -> r.foreignNextLink("http://127.0.0.2:9")),
                new Kind("endlessNextLink", true, FaultRule::endlessNextLink),
                new Kind("delay past the read timeout", true, r -> r.delay(Duration.ofSeconds(READ_TIMEOUT_S + 1))));
    }

    /** What one run did. */
    record RunReport(int run, String outcome, long requests, long faults, long heapMb, long millis) {
    }

    void soak(Shape shape, Duration perRun) throws Exception {
        long seed = Long.getLong("soak.seed", 8);
        List<RunReport> reports = new ArrayList<>();
        try (OktaSimulator sim = OktaSimulator.builder().seed(seed).users(shape.users()).groups(shape.groups())
                .apps(shape.apps()).hostileValues(true).token("00tok-soak-5d1f").start()) {
            Map<String, TableDigest> truth = TableDigest.expected(sim.org());
            OktaSettings settings = OktaSettings.builder().connectionId(ID).server(sim.baseUrl())
                    .apiKey(Secret.of(sim.token())).allowInsecureHttp(true)
                    .readTimeout(Duration.ofSeconds(READ_TIMEOUT_S)).build();
            Path out = dir.resolve("out");

            // a clean warm-up run: the previous files of the first faulty run, and the number of requests of a run
            long t0 = System.nanoTime();
            exportOnce(settings, out, perRun);
            assertEqualsTruth(out, truth);
            long requestsPerRun = sim.requests().size();
            sim.requests().clear(); // the log would grow with every run and look like a leak
            reports.add(new RunReport(0, "clean warm-up", requestsPerRun, 0, usedHeapMb(),
                    (System.nanoTime() - t0) / 1_000_000));

            List<Kind> kinds = kinds();
            long survivable = kinds.stream().filter(k -> !k.fatal()).count();
            long fatal = kinds.size() - survivable;
            double survivableRate = shape.faultRate() / survivable;
            double fatalRate = shape.fatalRuns() / Math.max(1, requestsPerRun) / fatal;
            int failed = 0;
            for (int run = 1; run <= shape.runs(); run++) {
                List<FaultHandle> handles = new ArrayList<>();
                for (int k = 0; k < kinds.size(); k++) {
                    Kind kind = kinds.get(k);
                    handles.add(sim.faults().add(kind.fault().apply(FaultRule.on("GET", "/api/v1/**")
                            .probability(kind.fatal() ? fatalRate : survivableRate, seed * 1_000_003L + run * 101L + k))));
                }
                Map<String, String> previous = new LinkedHashMap<>();
                for (String f : GroundTruth.fileNames(out)) {
                    previous.put(f, TableDigest.sha256(out.resolve(f)));
                }
                Set<Thread> threadsBefore = Leftovers.threads();
                Leftovers.plantCrashLeftover(out, ID);

                t0 = System.nanoTime();
                ConnectorException failure = exportOnce(settings, out, perRun);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                long faults = handles.stream().mapToLong(FaultHandle::hits).sum();
                sim.faults().clear();
                String outcome;
                if (failure == null) {
                    assertEqualsTruth(out, truth);
                    outcome = "files equal the ground truth";
                } else {
                    failed++;
                    assertThat(failure.code()).as(failure.getMessage()).isIn(CLEAN_FAILURES);
                    assertThat(failure.getMessage()).contains(sim.baseUrl()).doesNotContain(sim.token());
                    Map<String, String> now = new LinkedHashMap<>();
                    for (String f : GroundTruth.fileNames(out)) {
                        now.put(f, TableDigest.sha256(out.resolve(f)));
                    }
                    assertThat(now).as("the previous files, byte for byte").isEqualTo(previous);
                    outcome = "failed cleanly: " + failure.code() + " (" + firstWords(failure.getMessage()) + ")";
                }
                Leftovers.assertNoTemporaryFiles(out);
                Leftovers.assertNoNewThreads(threadsBefore, 5_000);
                long requests = sim.requests().size();
                sim.requests().clear();
                RunReport report = new RunReport(run, outcome, requests, faults, usedHeapMb(), millis);
                reports.add(report);
                System.out.println("soak " + report); // the figures of docs/RELIABILITY.md
            }
            writeReport(shape, reports);
            if (shape.runs() >= 5) {
                assertThat(failed).as("runs that failed (each cleanly): most must run to the end").isLessThan(
                        shape.runs() / 2 + 1);
            }
            assertHeapDoesNotGrow(reports.subList(1, reports.size()), shape.heapGrowthMb());
        }
    }

    /** @return the failure, or null when the export succeeded */
    static ConnectorException exportOnce(OktaSettings settings, Path out, Duration deadline) {
        return assertTimeoutPreemptively(deadline, () -> {
            try {
                OktaConnector.export(settings, out);
                return null;
            } catch (ConnectorException e) {
                return e;
            }
        }, "an export did not end within its deadline");
    }

    static void assertEqualsTruth(Path out, Map<String, TableDigest> truth) throws IOException {
        assertThat(GroundTruth.fileNames(out)).containsExactlyElementsOf(
                GroundTruth.SUFFIXES.stream().map(s -> ID + "_" + s + ".csv").sorted().toList());
        for (String s : GroundTruth.SUFFIXES) {
            assertThat(TableDigest.of(out.resolve(ID + "_" + s + ".csv"))).as(s).isEqualTo(truth.get(s));
        }
    }

    /** The heap after GC of the last third of the runs may exceed that of the first third only by the tolerance. */
    static void assertHeapDoesNotGrow(List<RunReport> runs, int toleranceMb) {
        int third = Math.max(1, runs.size() / 3);
        double first = runs.subList(0, third).stream().mapToLong(RunReport::heapMb).average().orElseThrow();
        double last = runs.subList(runs.size() - third, runs.size()).stream().mapToLong(RunReport::heapMb).average()
                .orElseThrow();
        assertThat(last).as("heap in use after GC, MB: first runs %.0f, last runs %.0f; %s", first, last, runs)
                .isLessThanOrEqualTo(first + toleranceMb);
    }

    static long usedHeapMb() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc(); // asking three times and keeping the least: one full collection is not guaranteed
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used / (1024 * 1024);
    }

    static String firstWords(String message) {
        return message.length() > 120 ? message.substring(0, 117) + "..." : message;
    }

    static void writeReport(Shape shape, List<RunReport> reports) throws IOException {
        Path target = Path.of(System.getProperty("soak.report", "target/soak-report.csv"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder();
        if (!Files.exists(target)) {
            sb.append("users,groups,apps,run,outcome,requests,faults,heapMbAfterGc,millis\n");
        }
        for (RunReport r : reports) {
            sb.append(shape.users()).append(',').append(shape.groups()).append(',').append(shape.apps()).append(',')
                    .append(r.run()).append(",\"").append(r.outcome().replace("\"", "'")).append("\",")
                    .append(r.requests()).append(',').append(r.faults()).append(',').append(r.heapMb()).append(',')
                    .append(r.millis()).append('\n');
        }
        Files.writeString(target, sb.toString(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
