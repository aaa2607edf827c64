package io.oktaconnector.okta.internal.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request layer carries writes too (for fulfill): JSON bodies, 204s, no retry of writes, ambiguous outcomes. */
class OktaHttpWriteTest {

    static OktaSimulator sim;
    static OktaClientFactory.Built client;
    static OktaHttp http;
    static RequestStats stats = new RequestStats();

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(2).users(30).groups(4).apps(2).token("00tok-writes").start();
        OktaSettings settings = OktaSettings.builder().connectionId("W").server(sim.baseUrl())
                .apiKey(Secret.of(sim.token())).allowInsecureHttp(true).build();
        client = OktaClientFactory.create(settings);
        http = new OktaHttp(client.apiClient(), settings.server(), Governor.of(settings), stats);
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
    }

    @Test
    void postsJsonBodiesAndHandles204() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("profile").put("name", "Écrivains, \"quoted\"").put("description", "d");
        OktaHttp.Response created = http.send("POST", "/api/v1/groups", List.of(), body);
        String id = created.body().get("id").asText();
        assertThat(created.body().path("profile").path("name").asText()).isEqualTo("Écrivains, \"quoted\"");
        assertThat(created.info().status()).isEqualTo(200);
        assertThat(sim.org().group(id)).isPresent();

        String user = sim.org().users().findFirst().orElseThrow().get("id").asText();
        OktaHttp.Response added = http.send("PUT", "/api/v1/groups/" + OktaHttp.segment(id) + "/users/"
                + OktaHttp.segment(user), List.of(), null);
        assertThat(added.body()).isNull();
        assertThat(added.info().status()).isEqualTo(204);
        assertThat(sim.org().isMember(id, user)).isTrue();

        OktaHttp.Response deleted = http.send("DELETE", "/api/v1/groups/" + OktaHttp.segment(id), List.of(), null);
        assertThat(deleted.info().status()).isEqualTo(204);
        assertThat(sim.org().group(id)).isEmpty();

        assertThatThrownBy(() -> http.send("DELETE", "/api/v1/groups/" + OktaHttp.segment(id), List.of(), null))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void writesAreNotRetriedOnServerErrorsAndADroppedConnectionIsOutcomeUnknown() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("profile").put("name", "never");
        // any 5xx to a write leaves its effect unknown: the caller must look before it sends again
        for (int status : new int[] {500, 502, 503, 504}) {
            var fault = sim.faults().add(FaultRule.on("POST", "/api/v1/groups").status(status));
            assertThatThrownBy(() -> http.send("POST", "/api/v1/groups", List.of(), body))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).as("HTTP " + status).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
                        assertThat(e.getMessage()).contains("HTTP " + status);
                    });
            assertThat(fault.hits()).isEqualTo(1);
            sim.faults().clear();
        }
        // a 2xx whose body is cut short or broken: applied, but what it made is unknown
        for (FaultRule rule : List.of(FaultRule.on("POST", "/api/v1/groups").truncatedBody(),
                FaultRule.on("POST", "/api/v1/groups").malformedJson())) {
            body.putObject("profile").put("name", "cut " + rule);
            sim.faults().add(rule);
            assertThatThrownBy(() -> http.send("POST", "/api/v1/groups", List.of(), body))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).as(rule.toString())
                            .isEqualTo(ErrorCode.OUTCOME_UNKNOWN));
            sim.faults().clear();
        }

        var ambiguous = sim.faults().add(FaultRule.on("POST", "/api/v1/groups").ambiguousWrite());
        body.putObject("profile").put("name", "maybe");
        assertThatThrownBy(() -> http.send("POST", "/api/v1/groups", List.of(), body))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
                    assertThat(e.getMessage()).contains("may or may not have been applied");
                });
        assertThat(ambiguous.hits()).isEqualTo(1);
    }

    @Test
    void aRefusedWriteCarriesOktasSummaryCausesAndRequestId() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("profile");
        assertThatThrownBy(() -> http.send("POST", "/api/v1/groups", List.of(), body))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REJECTED);
                    assertThat(e.getMessage()).contains("POST /api/v1/groups").contains("HTTP 400")
                            .contains("E0000001").contains("causes:").contains("X-Okta-Request-Id");
                });
    }
}
