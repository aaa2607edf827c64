package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.OktaStats;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One measured export in a JVM of its own: ours ({@code --impl ours}) or the SDK baseline ({@code --impl baseline}).
 * The token comes on stdin. Prints one line {@code RESULT {json}} with wall and CPU time, peak heap, rows per table
 * and (ours) the connector's own counters.
 */
public final class ExportProcess {
    static final String CONNECTION_ID = "Bench";

    private ExportProcess() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Args.parse(argv);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        String impl = Args.require(a, "--impl");
        String url = Args.require(a, "--url");
        Path dir = Path.of(Args.require(a, "--out"));
        ObjectNode r = Json.object().put("impl", impl).put("maxHeapBytes", Measure.maxHeapBytes());
        Measure m = new Measure();
        try {
            if (impl.equals("ours")) {
                OktaSettings.Builder b = OktaSettings.builder().connectionId(CONNECTION_ID).server(url)
                        .apiKey(Secret.of(token.strip())).allowInsecureHttp(true);
                if (a.containsKey("--concurrency")) {
                    b.maxConcurrency(Integer.parseInt(a.get("--concurrency")));
                }
                if (a.containsKey("--share")) {
                    b.rateLimitShare(Double.parseDouble(a.get("--share")));
                }
                OktaSettings settings = b.build();
                r.put("maxConcurrency", settings.maxConcurrency()).put("rateLimitShare", settings.rateLimitShare());
                try (OktaConnector okta = OktaConnector.create(settings)) {
                    ExportSummary s = okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
                    m.close();
                    ObjectNode rows = r.putObject("rows");
                    s.rowsPerTable().forEach((k, v) -> rows.put(k.substring(CONNECTION_ID.length() + 1), v));
                    OktaStats st = okta.stats();
                    ObjectNode stats = r.putObject("connector").put("requests", st.requests())
                            .put("retries", st.retries()).put("rateLimitedAnswers", st.rateLimitedAnswers());
                    ObjectNode per = stats.putObject("perBucket");
                    st.requestsPerBucket().forEach(per::put);
                }
            } else if (impl.equals("baseline")) {
                Map<String, Long> rows = BaselineExport.run(url, token.strip(), dir, CONNECTION_ID);
                m.close();
                ObjectNode rn = r.putObject("rows");
                rows.forEach(rn::put);
            } else {
                throw new IllegalArgumentException("--impl must be ours or baseline: " + impl);
            }
            r.put("ok", true);
        } catch (Throwable e) {
            m.close();
            r.put("ok", false).put("error", e.getClass().getName() + ": " + e.getMessage());
            e.printStackTrace();
        }
        r.put("wallMs", m.wallMillis()).put("cpuMs", m.cpuMillis()).put("peakHeapBytes", m.peakHeapBytes())
                .put("youngGcs", m.youngCollections()).put("fullGcs", m.fullCollections()).put("gcMs", m.gcMillis());
        out.println("RESULT " + Json.write(r));
        System.exit(0);
    }
}
