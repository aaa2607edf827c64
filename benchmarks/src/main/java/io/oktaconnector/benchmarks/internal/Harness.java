package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.OktaStats;
import io.oktaconnector.simulator.RateLimitBucket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario: the simulator in a child JVM, then our export (and the baseline) each in a child JVM of its own,
 * the simulator's counters reset before each run; checks the files' row counts against the org's ground truth; and
 * renders the report.
 */
public final class Harness {
    private final Options options;
    private final PrintStream progress;

    /**
     * @param options  what to run
     * @param progress where progress lines go (stderr in the CLI)
     */
    public Harness(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** @return the report; {@link Report#ok()} is false when a run failed or a file's row count is wrong */
    public Report run() {
        Scenario sc = Scenario.of(options);
        Path dir = options.work().toAbsolutePath()
                .resolve(sc.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Report r = switch (sc.kind()) {
            case EXPORT -> export(sc, dir);
            case CPU -> cpu(sc, dir);
            case FULFILL -> fulfill(sc, dir);
        };
        try {
            Files.writeString(dir.resolve("report.txt"), r.text());
            Files.writeString(dir.resolve("report.json"), Json.write(r.json()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    // ------------------------------------------------------------------ export

    /** One measured run and what the simulator saw of it. */
    record Run(String name, JsonNode result, SimCounters counters, Map<String, Long> files, boolean rowsOk,
               String xmx, long neighbourRequests, long neighbour429) {
        boolean ok() {
            return result.path("ok").asBoolean(false) && rowsOk;
        }

        long wallMs() {
            return result.path("wallMs").asLong();
        }
    }

    private Report export(Scenario sc, Path dir) {
        String token = token();
        double boundShare = boundShare();
        log("scenario %s: %,d users, %,d groups, %,d apps; %s", sc.name(), sc.users(), sc.groups(), sc.apps(),
                sc.conditions().describe());
        List<Run> runs = new ArrayList<>();
        OrgTruth truth;
        LowerBound bound;
        long t0 = System.nanoTime();
        try (SimulatorClient sim = SimulatorClient.start(sc.conditions(), sc.users(), sc.groups(), sc.apps(),
                options.seed(), token, sc.simHeap(), dir.resolve("simulator.log"))) {
            truth = sim.truth();
            log("simulator up at %s in %.1f s; org truth: %s rows", sim.baseUrl(), (System.nanoTime() - t0) / 1e9,
                    truth.expectedRows());
            bound = LowerBound.of(truth, sc.conditions(), boundShare, sc.neighbourShare());
            runs.add(exportRun(sc, sim, truth, token, "ours", options.oursXmx(), dir));
            if (sc.baseline()) {
                pauseForFreshWindows(sc);
                runs.add(exportRun(sc, sim, truth, token, "baseline", options.baselineXmx(), dir));
            }
        }
        return Report.export(sc, truth, bound, boundShare, governorPresent(), runs, options, dir);
    }

    private Run exportRun(Scenario sc, SimulatorClient sim, OrgTruth truth, String token, String impl, String xmx,
                          Path dir) {
        Path out = dir.resolve(impl);
        List<String> args = new ArrayList<>(List.of("--impl", impl, "--url", sim.baseUrl(), "--out", out.toString()));
        if (impl.equals("ours") && options.concurrency() != null) {
            args.addAll(List.of("--concurrency", options.concurrency().toString()));
        }
        if (impl.equals("ours") && options.rateLimitShare() != null) {
            args.addAll(List.of("--share", options.rateLimitShare().toString()));
        }
        sim.reset();
        log("running %s (-Xmx%s)…", impl, xmx);
        Neighbour nb = sc.neighbourShare() > 0 ? new Neighbour(sim.baseUrl(), token, sc.conditions().rateLimits(),
                sc.neighbourShare(), truth.groupIds().get(0)) : null;
        JsonNode result;
        try {
            result = runChild(ExportProcess.class, List.of("-Xmx" + xmx), args, token, dir.resolve(impl + ".log"));
        } finally {
            if (nb != null) {
                nb.close();
            }
        }
        SimCounters c = sim.counters();
        long nbReq = 0;
        long nb429 = 0;
        if (nb != null) {
            c = c.minus(nb.requests(), nb.tooMany());
            nbReq = nb.requests().values().stream().mapToLong(Long::longValue).sum();
            nb429 = nb.tooMany().values().stream().mapToLong(Long::longValue).sum();
        }
        Map<String, Long> files;
        try {
            files = CsvCounts.of(out, ExportProcess.CONNECTION_ID);
        } catch (IOException e) {
            files = Map.of();
        }
        boolean rowsOk = files.equals(truth.expectedRows());
        log("%s: %s in %.1f s, %d requests, %d × 429, rows %s", impl,
                result.path("ok").asBoolean() ? "done" : "FAILED (" + result.path("error").asText() + ")",
                result.path("wallMs").asLong() / 1000.0, c.requests(), c.tooMany(), rowsOk ? "match" : "DIFFER " + files);
        return new Run(impl, result, c, files, rowsOk, xmx, nbReq, nb429);
    }

    private void pauseForFreshWindows(Scenario sc) {
        if (sc.conditions().limits().equals("none")) {
            return;
        }
        // the next run starts with every bucket's window fresh, as the first one did
        sleep(sc.conditions().rateLimits().windowMillis() + 1000);
    }

    // ------------------------------------------------------------------ cpu

    private Report cpu(Scenario sc, Path dir) {
        String token = token();
        log("scenario cpu: %,d users, %s", sc.users(), sc.conditions().describe());
        try (SimulatorClient sim = SimulatorClient.start(sc.conditions(), sc.users(), sc.groups(), sc.apps(),
                options.seed(), token, sc.simHeap(), dir.resolve("simulator.log"))) {
            log("measuring (40 warm-up rounds, then 15 measured rounds of our export and of the floor)…");
            JsonNode r = runChild(CpuProcess.class, List.of("-Xmx512m"), List.of("--url", sim.baseUrl(), "--out",
                    dir.resolve("cpu").toString()), token, dir.resolve("cpu.log"));
            return Report.cpu(sc, r, options);
        }
    }

    // ------------------------------------------------------------------ fulfill

    private Report fulfill(Scenario sc, Path dir) {
        if (!FulfillProcess.available()) {
            String text = "scenario fulfill: NOT RUNNABLE YET: io.oktaconnector.okta.OktaConnector does not implement "
                    + "io.oktaconnector.api.Fulfiller in this build. The scenario is wired (FulfillProcess: "
                    + options.changes() + " single-membership User orders against the M org) and runs once it does.\n";
            return new Report(text, Json.object().put("scenario", "fulfill").put("runnable", false), false);
        }
        String token = token();
        try (SimulatorClient sim = SimulatorClient.start(sc.conditions(), sc.users(), sc.groups(), sc.apps(),
                options.seed(), token, sc.simHeap(), dir.resolve("simulator.log"))) {
            Path pairs = dir.resolve("pairs.json");
            JsonNode p = sim.command("pairs " + options.changes() + " " + pairs);
            log("fulfill: %d membership changes over %d OKTA_GROUPs", p.get("pairs").asInt(), p.get("groups").asInt());
            sim.reset();
            List<String> args = new ArrayList<>(List.of("--url", sim.baseUrl(), "--pairs", pairs.toString()));
            if (options.concurrency() != null) {
                args.addAll(List.of("--concurrency", options.concurrency().toString()));
            }
            JsonNode r = runChild(FulfillProcess.class, List.of("-Xmx" + options.oursXmx()), args, token,
                    dir.resolve("fulfill.log"));
            SimCounters c = sim.counters();
            JsonNode dup = sim.command("duplicates");
            JsonNode check = sim.command("check-pairs " + pairs);
            LowerBound bound = LowerBound.ofWrites(p.get("pairs").asLong(), RateLimitBucket.OTHER, sc.conditions(),
                    boundShare());
            return Report.fulfill(sc, r, c, dup, check, bound, boundShare(), governorPresent(), options);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Whether connector-okta has a request governor: its counters then report waits (issue 6). */
    static boolean governorPresent() {
        return Arrays.stream(OktaStats.class.getRecordComponents())
                .anyMatch(c -> c.getName().toLowerCase(Locale.ROOT).contains("wait"));
    }

    private double boundShare() {
        if (options.boundShare() != null) {
            return options.boundShare();
        }
        if (!governorPresent()) {
            return 1.0;
        }
        return options.rateLimitShare() != null ? options.rateLimitShare() : OktaSettings.DEFAULT_RATE_LIMIT_SHARE;
    }

    private JsonNode runChild(Class<?> main, List<String> jvmArgs, List<String> args, String token, Path log) {
        Process p = ChildJvm.start(main, jvmArgs, args, log);
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((token + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the child died at once; its log says why
        }
        boolean done;
        try {
            done = p.waitFor(options.timeoutMinutes(), TimeUnit.MINUTES);
            if (done) {
                reader.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            p.destroyForcibly();
            return Json.object().put("ok", false).put("error", "timed out after " + options.timeoutMinutes()
                    + " min (--timeout-minutes)");
        }
        synchronized (lines) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("RESULT ")) {
                    JsonNode n = Json.read(lines.get(i).substring(7));
                    if (!n.path("ok").asBoolean()) {
                        ((ObjectNode) n).put("logTail", ChildJvm.tail(log, 15));
                    }
                    return n;
                }
            }
        }
        return Json.object().put("ok", false).put("error", "no result (exit " + p.exitValue() + "): "
                + ChildJvm.tail(log, 15));
    }

    private static String token() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("00bench");
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 35; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private void log(String format, Object... args) {
        progress.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
