package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The harness's side of a {@link SimulatorProcess}: start, query, stop. Not thread-safe. */
final class SimulatorClient implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path log;
    private final String baseUrl;

    private SimulatorClient(Process process, Path log, String token) throws IOException {
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        in.write(token + "\n");
        in.flush();
        JsonNode ready = readAnswer("start");
        this.baseUrl = ready.get("baseUrl").asText();
    }

    /**
     * @param conditions limits and latency
     * @param users      users to generate
     * @param groups     groups to generate (Everyone included)
     * @param apps       apps to generate
     * @param seed       the org's seed
     * @param token      the API token to accept (sent on stdin)
     * @param heap       the child's -Xmx
     * @param log        the child's stderr
     */
    static SimulatorClient start(Conditions conditions, int users, int groups, int apps, long seed, String token,
                                 String heap, Path log) {
        List<String> args = new ArrayList<>(conditions.args());
        args.addAll(List.of("--users", Integer.toString(users), "--groups", Integer.toString(groups),
                "--apps", Integer.toString(apps), "--seed", Long.toString(seed)));
        Process p = ChildJvm.start(SimulatorProcess.class, List.of("-Xmx" + heap, "-XX:+UseParallelGC"), args, log);
        try {
            return new SimulatorClient(p, log, token);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the simulator did not start: " + e.getMessage() + "\n"
                    + ChildJvm.tail(log, 20), e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode command(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the simulator process is gone\n" + ChildJvm.tail(log, 20), e);
        }
        JsonNode answer = readAnswer(line);
        if (answer.has("error")) {
            throw new IllegalStateException("simulator command '" + line + "' failed: " + answer.get("error").asText());
        }
        return answer;
    }

    private JsonNode readAnswer(String what) {
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the simulator process ended during '" + what + "'\n"
                        + ChildJvm.tail(log, 20));
            }
            return Json.read(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OrgTruth truth() {
        return OrgTruth.of(command("truth"));
    }

    SimCounters counters() {
        return SimCounters.of(command("counters"));
    }

    void reset() {
        command("reset");
    }

    @Override
    public void close() {
        try {
            command("quit");
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            // stopping anyway
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
