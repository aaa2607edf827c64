package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.RateLimitBucket;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scenario's outcome: the printed text (Markdown tables, pasteable into RESULTS.md), the same figures as JSON, and
 * whether every run completed with the right row counts.
 *
 * @param text the report
 * @param json the figures
 * @param ok   whether every run completed and every file had the expected rows
 */
public record Report(String text, ObjectNode json, boolean ok) {
    private static final List<RateLimitBucket> SHOWN = List.of(RateLimitBucket.USERS, RateLimitBucket.GROUPS,
            RateLimitBucket.OTHER, RateLimitBucket.APPS);

    /** @return the machine the run happened on, in one line */
    public static String machine() {
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        // other processes share the CPUs: the load average says how much the figures may be off
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%d CPUs, %.1f GiB RAM, %s %s (%s), %s %s, load average %.1f at the end",
                Runtime.getRuntime().availableProcessors(), mem / (1024.0 * 1024 * 1024),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                load);
    }

    static Report export(Scenario sc, OrgTruth truth, LowerBound bound, double boundShare, boolean governor,
                         List<Harness.Run> runs, Options o, Path dir) {
        StringBuilder t = new StringBuilder();
        ObjectNode j = Json.object().put("scenario", sc.name()).put("machine", machine())
                .put("conditions", sc.conditions().describe()).put("work", dir.toString());
        t.append(f("### Scenario %s: %,d users, %,d groups, %,d apps%n%n", sc.name(), sc.users(), sc.groups(), sc.apps()));
        t.append(f("Conditions: %s.%s%n", sc.conditions().describe(), sc.neighbourShare() > 0
                ? f(" Noisy neighbour: the same token's budget, %.0f%% of the users, other and apps buckets per window.",
                sc.neighbourShare() * 100) : ""));
        t.append(f("Machine: %s.%n", machine()));
        t.append(f("Expected rows (simulator ground truth): %s, %,d in all.%n%n", truth.expectedRows(), truth.totalRows()));
        t.append("| run | result | wall s | requests | USERS | GROUPS | OTHER | APPS | 429s received "
                + "| peak heap MB (-Xmx) | CPU s | rows/s | ÷ bound |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        ArrayNode ja = j.putArray("runs");
        Harness.Run ours = null;
        Harness.Run base = null;
        boolean ok = true;
        for (Harness.Run r : runs) {
            ok &= r.ok();
            if (r.name().equals("ours")) {
                ours = r;
            } else {
                base = r;
            }
            JsonNode res = r.result();
            double wall = r.wallMs() / 1000.0;
            long rows = r.files().values().stream().mapToLong(v -> Math.max(0, v)).sum();
            SimCounters c = r.counters();
            t.append(f("| %s | %s | %.1f | %,d |", r.name(), r.ok() ? "ok" : res.path("ok").asBoolean()
                    ? "WRONG ROWS" : "FAILED", wall, c.requests()));
            for (RateLimitBucket b : SHOWN) {
                t.append(f(" %,d |", c.perBucket().get(b)));
            }
            t.append(f(" %,d | %.0f (%s) | %.1f | %,.0f | %s |%n", c.tooMany(),
                    res.path("peakHeapBytes").asLong() / 1048576.0, r.xmx(), res.path("cpuMs").asLong() / 1000.0,
                    wall > 0 ? rows / wall : 0, bound.seconds() >= 0.001 ? f("%.2f", wall / bound.seconds()) : "n/a"));
            ObjectNode jr = ja.addObject().put("name", r.name()).put("ok", r.ok()).put("wallMs", r.wallMs())
                    .put("requests", c.requests()).put("tooMany", c.tooMany())
                    .put("concurrency429", c.concurrency429()).put("peakConcurrency", c.peakConcurrency())
                    .put("peakHeapBytes", res.path("peakHeapBytes").asLong()).put("xmx", r.xmx())
                    .put("cpuMs", res.path("cpuMs").asLong()).put("rows", rows)
                    .put("ratioToBound", bound.seconds() >= 0.001 ? wall / bound.seconds() : null);
            ObjectNode pb = jr.putObject("perBucket");
            c.perBucket().forEach((b, v) -> {
                if (v != 0) {
                    pb.put(b.name(), v);
                }
            });
            ObjectNode p4 = jr.putObject("perBucket429");
            c.perBucket429().forEach((b, v) -> {
                if (v != 0) {
                    p4.put(b.name(), v);
                }
            });
            jr.set("child", res);
            ObjectNode fr = jr.putObject("files");
            r.files().forEach(fr::put);
        }
        t.append('\n');
        for (Harness.Run r : runs) {
            SimCounters c = r.counters();
            t.append(f("- %s: 429s per bucket %s, of which %,d for the org concurrency limit; peak %d requests in flight"
                            + "%s; GC: %d young + %d full collections, %.1f s", r.name(), nonZero(c.perBucket429()),
                    c.concurrency429(), c.peakConcurrency(), r.neighbourRequests() > 0 ? " (the neighbour's included)"
                            : "", r.result().path("youngGcs").asLong(), r.result().path("fullGcs").asLong(),
                    r.result().path("gcMs").asLong() / 1000.0));
            JsonNode conn = r.result().path("connector");
            if (!conn.isMissingNode()) {
                t.append(f("; connector's own counters: %d requests, %d retries, %d × 429, per bucket %s; "
                                + "MaxConcurrency %d, RateLimitShare %s", conn.path("requests").asLong(),
                        conn.path("retries").asLong(), conn.path("rateLimitedAnswers").asLong(), conn.path("perBucket"),
                        r.result().path("maxConcurrency").asInt(), r.result().path("rateLimitShare").asText()));
            }
            if (r.neighbourRequests() > 0) {
                t.append(f("; the neighbour meanwhile sent %,d requests and got %,d × 429 (not counted above)",
                        r.neighbourRequests(), r.neighbour429()));
            }
            if (!r.ok()) {
                t.append(f("; error: %s", r.result().path("error").asText(r.rowsOk() ? "" : "row counts " + r.files())));
            }
            t.append('\n');
        }
        t.append('\n').append(bound.describe());
        t.append(f("  our share in the bound: %.2f (%s)%n", boundShare, o.boundShare() != null ? "--bound-share"
                : governor ? "connector-okta has a governor: its RateLimitShare"
                : "ASSUMED: connector-okta has no request governor yet (OktaStats has no wait counter), so its "
                + "RateLimitShare setting is not enforced"));
        j.put("lowerBoundSeconds", bound.seconds()).put("lowerBoundRequests", bound.requests())
                .put("boundShare", boundShare).put("governorPresent", governor);
        if (ours != null && base != null && ours.ok() && base.ok() && ours.wallMs() > 0) {
            double ratio = (double) base.wallMs() / ours.wallMs();
            t.append(f("%nbaseline ÷ ours (wall time): %.2f×%n", ratio));
            j.put("baselineOverOurs", ratio);
        }
        j.put("ok", ok);
        return new Report(t.toString(), j, ok);
    }

    static Report cpu(Scenario sc, JsonNode r, Options o) {
        StringBuilder t = new StringBuilder();
        ObjectNode j = Json.object().put("scenario", "cpu").put("machine", machine());
        t.append(f("### Scenario cpu: CPU floor, %,d users%n%n", sc.users()));
        t.append(f("Conditions: %s. Machine: %s.%n", sc.conditions().describe(), machine()));
        boolean ok = r.path("ok").asBoolean();
        if (!ok) {
            t.append("FAILED: ").append(r.path("error").asText()).append('\n').append(r.path("logTail").asText());
            j.set("result", r);
            return new Report(t.toString(), j, false);
        }
        double k = r.path("users").asLong() / 1000.0;
        double ours = r.path("oursCpuMs").asDouble() / k;
        double floor = r.path("floorCpuMs").asDouble() / k;
        t.append(f("Process CPU time (all threads, GC included), median of %d rounds after %d warm-up rounds, in one "
                        + "JVM (-Xmx512m); the floor "
                        + "parses the same %,d JSON bytes (%d pages) with Jackson's streaming parser and writes the same "
                        + "%d columns with univocity.%n%n", r.path("rounds").asInt(), r.path("warmup").asInt(),
                r.path("jsonBytes").asLong(), r.path("pages").asInt(), r.path("columns").asInt()));
        t.append("| what | CPU ms per 1,000 users | wall ms per 1,000 users |\n|---|---:|---:|\n");
        t.append(f("| our exporter (HTTP + streaming projection + CSV sink, all five tables) | %.1f | %.1f |%n", ours,
                r.path("oursWallMs").asDouble() / k));
        t.append(f("| floor: streaming parse + univocity write | %.1f | %.1f |%n", floor,
                r.path("floorWallMs").asDouble() / k));
        t.append(f("%nours ÷ floor (CPU): %.2f× (target ≤ 2×). Rounds, ms: ours %s, floor %s.%n", ours / floor,
                r.path("oursCpuMsRounds"), r.path("floorCpuMsRounds")));
        long diff = r.path("firstDifferingLine").asLong();
        t.append(diff == 0 ? "The floor's users file is byte-identical to ours (same work).\n"
                : f("The floor's users file differs from ours from line %d on (check the comparison).%n", diff));
        j.put("oursCpuMsPer1000", ours).put("floorCpuMsPer1000", floor).put("ratio", ours / floor).set("result", r);
        j.put("ok", true);
        return new Report(t.toString(), j, r.path("users").asLong() == sc.users()
                && r.path("floorRows").asLong() == sc.users());
    }

    static Report fulfill(Scenario sc, JsonNode r, SimCounters c, JsonNode dup, JsonNode check, LowerBound bound,
                          double boundShare, boolean governor, Options o) {
        StringBuilder t = new StringBuilder();
        ObjectNode j = Json.object().put("scenario", "fulfill").put("machine", machine());
        long changes = check.path("pairs").asLong();
        t.append(f("### Scenario fulfill: %,d membership changes (one User order each, Groups_add)%n%n", changes));
        t.append(f("Conditions: %s. Machine: %s.%n%n", sc.conditions().describe(), machine()));
        double wall = r.path("wallMs").asLong() / 1000.0;
        boolean ok = r.path("ok").asBoolean() && r.path("errored").asLong() == 0
                && check.path("members").asLong() == changes && dup.path("duplicates").asLong() == 0;
        t.append("| run | result | wall s | requests | OTHER | 429s received | duplicates | memberships present "
                + "| peak heap MB (-Xmx) | CPU s | changes/s | ÷ bound |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        t.append(f("| ours | %s | %.1f | %,d | %,d | %,d | %,d | %,d of %,d | %.0f (%s) | %.1f | %,.0f | %.2f |%n",
                ok ? "ok" : r.path("ok").asBoolean() ? "INCOMPLETE" : "FAILED", wall, c.requests(),
                c.perBucket().get(RateLimitBucket.OTHER), c.tooMany(), dup.path("duplicates").asLong(),
                check.path("members").asLong(), changes, r.path("peakHeapBytes").asLong() / 1048576.0, o.oursXmx(),
                r.path("cpuMs").asLong() / 1000.0, wall > 0 ? changes / wall : 0, wall / bound.seconds()));
        t.append(f("%n- connector: %,d results, %,d errored %s; the connector counted %,d requests; peak %d requests in "
                        + "flight; GC: %d young + %d full collections, %.1f s%n", r.path("results").asLong(),
                r.path("errored").asLong(), r.path("erroredExamples").isMissingNode() ? "" : r.path("erroredExamples"),
                r.path("connectorRequests").asLong(), c.peakConcurrency(), r.path("youngGcs").asLong(),
                r.path("fullGcs").asLong(), r.path("gcMs").asLong() / 1000.0));
        t.append(f("- simulator: 429s per bucket %s, of which %,d for the org concurrency limit; duplicate membership "
                + "PUTs %s%n", nonZero(c.perBucket429()), c.concurrency429(), dup.path("examples")));
        if (!r.path("ok").asBoolean()) {
            t.append("error: ").append(r.path("error").asText()).append('\n').append(r.path("logTail").asText(""))
                    .append('\n');
        }
        t.append('\n').append(bound.describe());
        t.append(f("  our share in the bound: %.2f (%s)%n", boundShare, governor ? "the connector's RateLimitShare"
                : "ASSUMED: no governor yet"));
        j.put("ok", ok).put("wallMs", r.path("wallMs").asLong()).put("lowerBoundSeconds", bound.seconds())
                .put("duplicates", dup.path("duplicates").asLong()).put("requests", c.requests())
                .put("tooMany", c.tooMany());
        j.set("result", r);
        return new Report(t.toString(), j, ok);
    }

    private static String nonZero(Map<RateLimitBucket, Long> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((b, v) -> {
            if (v != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(b).append('=').append(v);
            }
        });
        return sb.append('}').toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
