package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillMode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProvisioningOrders;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file's rejected entries are as plain as its accepted ones: both with their positions, and a fulfill of the whole
 * file gives every entry its result in its place.
 */
class ProvisioningOrdersFulfillTest {

    private OktaSimulator sim;
    private String groupId;

    @BeforeEach
    void start() {
        sim = OktaSimulator.builder().seed(17).users(4).groups(3).apps(1).start();
        groupId = sim.org().groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP")).findFirst()
                .orElseThrow().path("id").asText();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private OktaSettings settings() {
        return OktaSettings.builder().connectionId("Acme").server(sim.baseUrl()).apiKey(Secret.of(sim.token()))
                .allowInsecureHttp(true).build();
    }

    /** Entry 0 creates a user in a group, entry 1 is malformed, entry 2 suspends an existing user. */
    private ProvisioningOrders file() {
        String existing = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE")).findFirst()
                .orElseThrow().path("id").asText();
        return ProvisioningOrders.parse(OrderJson.file(List.of(
                OrderJson.added("A1", "User").set("profile.login", "ada@example.com").set("profile.email",
                        "ada@example.com").set("profile.firstName", "Ada").set("profile.lastName", "Lovelace")
                        .link("Groups_add", groupId),
                OrderJson.modified("A2", "User", null).set("profile.city", "Lisbon"),
                OrderJson.modified("A3", "User", existing).set("status", "SUSPENDED"))),
                "orders.json", EntityMapping.DEFAULTS);
    }

    @Test
    void acceptedAndRejectedEntriesBothCarryTheirPositions() {
        ProvisioningOrders orders = file();

        assertThat(orders.accepted()).extracting(ProvisioningOrders.Accepted::index).containsExactly(0, 2);
        assertThat(orders.accepted()).extracting(ProvisioningOrders.Accepted::assignmentId)
                .containsExactly("A1", "A3");
        assertThat(orders.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.assignmentId()).isEqualTo("A2");
            assertThat(r.reason()).contains("has no Resource.id");
            assertThat(r.result().state()).isEqualTo(ProvisioningState.Errored);
        });
        assertThat(orders.orders()).extracting(o -> o.assignmentId()).containsExactly("A1", "A3");
        assertThat(orders.size()).isEqualTo(3);
    }

    @Test
    void fulfillingTheWholeFileGivesEveryEntryItsResultInItsPlace() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        FulfillSummary summary;
        try (OktaConnector okta = OktaConnector.create(settings())) {
            summary = okta.fulfill(file(), EntityMapping.DEFAULTS, FulfillMode.APPLY, new ProgressListener() {
                @Override
                public void ordersCounted(int count) {
                    heard.add("count " + count);
                }

                @Override
                public void orderCompleted(FulfillResult result, int completed) {
                    heard.add(result.assignmentId() + " " + result.state());
                }
            });
        }

        assertThat(summary.results()).extracting(FulfillResult::assignmentId).containsExactly("A1", "A2", "A3");
        assertThat(summary.results()).extracting(FulfillResult::state).containsExactly(ProvisioningState.Executed,
                ProvisioningState.Errored, ProvisioningState.Executed);
        assertThat(summary.results().get(1).message()).contains("has no Resource.id");
        assertThat(heard).startsWith("count 3").contains("A2 Errored").hasSize(4);
        String ada = sim.org().user("ada@example.com").orElseThrow().path("id").asText();
        assertThat(summary.results().get(0).resourceId()).isEqualTo(ada);
        assertThat(sim.org().isMember(groupId, ada)).isTrue();
    }

    @Test
    void aDryRunOfTheFilePlansAndSendsNoWrite() {
        FulfillSummary summary;
        try (OktaConnector okta = OktaConnector.create(settings())) {
            summary = okta.fulfill(file(), EntityMapping.DEFAULTS, FulfillMode.DRY_RUN, ProgressListener.NONE);
        }

        assertThat(summary.results()).extracting(FulfillResult::state).containsExactly(ProvisioningState.Executed,
                ProvisioningState.Errored, ProvisioningState.Executed);
        assertThat(summary.plan()).extracting(p -> p.method() + " " + p.target())
                .contains("POST /api/v1/users?activate=false");
        assertThat(sim.requests().matching(r -> !r.method().equals("GET"))).isEmpty();
        assertThat(sim.org().user("ada@example.com")).isEmpty();
    }
}
