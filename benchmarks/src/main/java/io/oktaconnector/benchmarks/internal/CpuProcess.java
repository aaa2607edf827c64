package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU-floor measurement, in a JVM of its own, against a simulator with no latency and no limits: our exporter's
 * process CPU time per 1,000 users versus {@link CpuFloor} on the same JSON bytes (fetched once beforehand). Both are
 * warmed up, then measured alternately; the median round counts. Prints {@code RESULT {json}}.
 */
public final class CpuProcess {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final List<String> USER_FIXED = List.of("id", "status", "created", "activated", "statusChanged",
            "lastLogin", "lastUpdated", "passwordChanged", "type.id");

    private CpuProcess() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Args.parse(argv);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().strip();
        String url = Args.require(a, "--url");
        Path work = Path.of(Args.require(a, "--out"));
        // an export makes only ~100 requests, so its per-request code (HTTP, headers, pacing) reaches the JIT's
        // thresholds slowly: with 8 warm-up rounds the compiler threads were still the largest CPU user in the measured
        // rounds (async-profiler); 40 rounds reach a steady state
        int warmup = Integer.parseInt(a.getOrDefault("--warmup", "40"));
        int rounds = Integer.parseInt(a.getOrDefault("--rounds", "15"));
        Files.createDirectories(work);

        HttpClient http = HttpClient.newHttpClient();
        List<String> columns = new ArrayList<>(USER_FIXED);
        JsonNode schema = Json.read(get(http, url + "/api/v1/meta/schemas/user/default", token).body());
        for (String part : List.of("base", "custom")) {
            for (Iterator<String> it = schema.path("definitions").path(part).path("properties").fieldNames(); it.hasNext(); ) {
                String c = "profile." + it.next();
                if (!columns.contains(c)) {
                    columns.add(c);
                }
            }
        }
        List<byte[]> pages = new ArrayList<>();
        String next = url + "/api/v1/users?limit=200&search=" + URLEncoder.encode("status pr", StandardCharsets.UTF_8);
        long bytes = 0;
        while (next != null) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "SSWS " + token).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET users: HTTP " + r.statusCode());
            }
            pages.add(r.body());
            bytes += r.body().length;
            next = null;
            for (String link : r.headers().allValues("link")) {
                Matcher m = NEXT.matcher(link);
                if (m.find()) {
                    next = m.group(1);
                }
            }
        }

        OktaSettings settings = OktaSettings.builder().connectionId(ExportProcess.CONNECTION_ID).server(url)
                .apiKey(Secret.of(token)).allowInsecureHttp(true).build();
        CpuFloor floor = new CpuFloor(columns);
        long[] oursCpu = new long[rounds];
        long[] floorCpu = new long[rounds];
        long[] oursWall = new long[rounds];
        long[] floorWall = new long[rounds];
        long users = 0;
        long floorRows = 0;
        try (OktaConnector okta = OktaConnector.create(settings)) {
            for (int i = 0; i < warmup + rounds; i++) {
                Path dir = work.resolve("ours-" + i);
                long c0 = cpu();
                long w0 = System.nanoTime();
                ExportSummary s = okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
                long oc = cpu() - c0;
                long ow = System.nanoTime() - w0;
                users = s.rowsPerTable().get(ExportProcess.CONNECTION_ID + "_users");
                c0 = cpu();
                w0 = System.nanoTime();
                floorRows = floor.run(pages, work.resolve("floor-" + i + ".csv"));
                long fc = cpu() - c0;
                long fw = System.nanoTime() - w0;
                if (i >= warmup) {
                    oursCpu[i - warmup] = oc;
                    floorCpu[i - warmup] = fc;
                    oursWall[i - warmup] = ow;
                    floorWall[i - warmup] = fw;
                }
            }
        }
        // the floor must produce the file ours produces, or it is not the same work
        int last = warmup + rounds - 1;
        long differs = firstDifferingLine(work.resolve("floor-" + last + ".csv"),
                work.resolve("ours-" + last).resolve(ExportProcess.CONNECTION_ID + "_users.csv"));
        ObjectNode r = Json.object().put("ok", true).put("firstDifferingLine", differs).put("users", users).put("floorRows", floorRows)
                .put("pages", pages.size()).put("jsonBytes", bytes).put("columns", columns.size())
                .put("warmup", warmup).put("rounds", rounds)
                .put("oursCpuMs", median(oursCpu) / 1e6).put("floorCpuMs", median(floorCpu) / 1e6)
                .put("oursWallMs", median(oursWall) / 1e6).put("floorWallMs", median(floorWall) / 1e6);
        ArrayNode all = r.putArray("oursCpuMsRounds");
        Arrays.stream(oursCpu).forEach(v -> all.add(v / 1e6));
        ArrayNode allF = r.putArray("floorCpuMsRounds");
        Arrays.stream(floorCpu).forEach(v -> allF.add(v / 1e6));
        out.println("RESULT " + Json.write(r));
        System.exit(0);
    }

    /** @return 0 when the files are equal, else the 1-based number of the first line that differs */
    private static long firstDifferingLine(Path a, Path b) throws java.io.IOException {
        try (BufferedReader ra = Files.newBufferedReader(a); BufferedReader rb = Files.newBufferedReader(b)) {
            long n = 0;
            while (true) {
                n++;
                String la = ra.readLine();
                String lb = rb.readLine();
                if (la == null && lb == null) {
                    return 0;
                }
                if (la == null || !la.equals(lb)) {
                    return n;
                }
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "SSWS " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
