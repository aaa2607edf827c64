package io.oktaconnector.okta.fulfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.okta.ProvisioningOrders;
import io.oktaconnector.okta.internal.fulfill.DeleteBudget;
import io.oktaconnector.okta.internal.fulfill.FulfillEngine;
import io.oktaconnector.okta.internal.fulfill.HttpWire;
import io.oktaconnector.okta.internal.fulfill.OktaWire;
import io.oktaconnector.okta.internal.fulfill.Passwords;
import io.oktaconnector.okta.internal.http.Governor;
import io.oktaconnector.okta.internal.http.OktaClientFactory;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.http.RequestStats;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh simulated org per test, and helpers to run orders against it through the connector's real request layer
 * (the SDK's ApiClient, the production request governor, our error translation).
 */
abstract class SimTestBase {
    OktaSimulator sim;
    OktaWire wire;
    RequestStats stats;
    /** The connection's settings, defaults for the simulator; a test changes them after {@link #useSimulator}. */
    OktaSettings settings;
    FulfillEngine.Outcome last;
    private OktaClientFactory.Built client;

    @BeforeEach
    void startSimulator() {
        useSimulator(OktaSimulator.builder().seed(11).users(20).groups(8).apps(6).start());
    }

    void useSimulator(OktaSimulator started) {
        stopSimulator();
        sim = started;
        settings = settings(sim).build();
        client = OktaClientFactory.create(settings);
        stats = new RequestStats();
        // the production request path: the governor the connector builds for these settings
        wire = new HttpWire(new OktaHttp(client.apiClient(), sim.baseUrl(), Governor.of(settings), stats));
    }

    static OktaSettings.Builder settings(OktaSimulator sim) {
        return OktaSettings.builder().connectionId("OktaExportFulfillment").server(sim.baseUrl())
                .apiKey(Secret.of(sim.token())).allowInsecureHttp(true);
    }

    @AfterEach
    void stopSimulator() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }

    List<FulfillResult> fulfill(OrderJson... orders) {
        return run(false, orders);
    }

    List<FulfillResult> run(boolean dryRun, OrderJson... orders) {
        ProvisioningOrders parsed = ProvisioningOrders.parse(OrderJson.file(List.of(orders)), "test.json",
                EntityMapping.DEFAULTS);
        List<FulfillEngine.Item> items = new ArrayList<>();
        parsed.entries().forEach(e -> items.add(new FulfillEngine.Item(e.index(), e, false)));
        last = new FulfillEngine(wire, EntityMapping.DEFAULTS, settings, Passwords.OKTA_EMAIL).run(items, dryRun,
                new DeleteBudget(settings.fulfill().maxDeletesPerRun()), (item, result) -> { });
        return last.results();
    }

    /** @return the n-th group of the generated org that has this type */
    String group(String type, int n) {
        return sim.org().groups().filter(g -> g.path("type").asText().equals(type)).skip(n).findFirst()
                .orElseThrow().path("id").asText();
    }

    String app(String status, int n) {
        return sim.org().apps().filter(a -> a.path("status").asText().equals(status)).skip(n).findFirst()
                .orElseThrow().path("id").asText();
    }

    String user(String status) {
        return sim.org().users().filter(u -> u.path("status").asText().equals(status)).findFirst()
                .orElseThrow().path("id").asText();
    }

    ObjectNode userByLogin(String login) {
        return sim.org().user(login).orElseThrow(() -> new AssertionError("no user " + login));
    }

    List<RecordedRequest> writes() {
        return sim.requests().matching(r -> !r.method().equals("GET"));
    }

    static Map<String, Object> profile(String login) {
        return Map.of("login", login, "email", login, "firstName", "Ada", "lastName", "Lovelace");
    }

    static OrderJson newUser(String id, String login) {
        OrderJson o = OrderJson.added(id, "User");
        profile(login).forEach((k, v) -> o.set("profile." + k, v));
        return o;
    }
}
