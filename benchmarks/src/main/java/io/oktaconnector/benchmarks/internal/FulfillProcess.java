package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.FulfillRequest;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.Fulfiller;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One measured fulfill in a JVM of its own: one order per membership change ("User" Modified, {@code Groups_add} of
 * one group), read from {@code --pairs FILE} ({@code [[userId, groupId], …]}). Prints {@code RESULT {json}}.
 */
public final class FulfillProcess {
    private FulfillProcess() {
    }

    /** @return whether this build's connector fulfills orders at all */
    static boolean available() {
        return Fulfiller.class.isAssignableFrom(OktaConnector.class);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Args.parse(argv);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().strip();
        JsonNode pairs = Json.read(Files.readString(Path.of(Args.require(a, "--pairs"))));
        List<ProvisioningOrder> orders = new ArrayList<>();
        int k = 0;
        for (JsonNode p : pairs) {
            orders.add(new ProvisioningOrder("F" + (++k), "User", new OrderChange.Modified(p.get(0).asText(), Map.of(),
                    List.of(new LinkChange("Groups", LinkChange.Operation.ADD, List.of(p.get(1).asText()))))));
        }
        OktaSettings.Builder b = OktaSettings.builder().connectionId(ExportProcess.CONNECTION_ID)
                .server(Args.require(a, "--url")).apiKey(Secret.of(token)).allowInsecureHttp(true);
        if (a.containsKey("--concurrency")) {
            b.maxConcurrency(Integer.parseInt(a.get("--concurrency")));
        }
        ObjectNode r = Json.object().put("impl", "ours-fulfill").put("orders", orders.size())
                .put("maxHeapBytes", Measure.maxHeapBytes());
        Measure m = new Measure();
        try (OktaConnector okta = OktaConnector.create(b.build())) {
            Object connector = okta;
            if (!(connector instanceof Fulfiller f)) {
                throw new UnsupportedOperationException("OktaConnector does not implement Fulfiller in this build");
            }
            FulfillSummary s = f.fulfill(new FulfillRequest(orders, io.oktaconnector.api.FulfillMode.APPLY, ProgressListener.NONE));
            m.close();
            r.put("ok", true).put("results", s.results().size()).put("errored", s.errored())
                    .put("connectorRequests", s.requests());
            s.results().stream().filter(x -> !x.executed()).limit(3)
                    .forEach(x -> r.withArray("erroredExamples").add(x.assignmentId() + ": " + x.message()));
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
