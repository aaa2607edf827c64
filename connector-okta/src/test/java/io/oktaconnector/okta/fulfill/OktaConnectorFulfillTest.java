package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillRequest;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.api.Secret;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.UserDeleteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public fulfill entry points of {@link OktaConnector} and the fulfill settings keys. */
class OktaConnectorFulfillTest extends SimTestBase {
    @TempDir
    Path dir;

    @Test
    void settingsKeysAreReadWithDefaultsAndChecked() throws IOException {
        Path file = dir.resolve("appsettings.agent.json");
        Files.writeString(file, "{\"Connections\":{\"Okta\":{\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"x\","
                + "\"UserDeleteMode\":\"DeactivateAndDelete\",\"activateOnCreate\":false,\"SendActivationEmail\":true,"
                + "\"AdoptExistingOnCreate\":true,\"MaxDeletesPerRun\":7}}}");
        OktaSettings s = OktaSettings.load(file, "Okta");
        assertThat(s.fulfill()).isEqualTo(new FulfillSettings(false, true, true, 7));
        assertThat(s.userDeleteMode()).isEqualTo(UserDeleteMode.DEACTIVATE_AND_DELETE);
        assertThat(s.toString()).contains("maxDeletesPerRun=7");

        Files.writeString(file, "{\"Connections\":{\"Okta\":{\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"x\"}}}");
        assertThat(OktaSettings.load(file, "Okta").fulfill()).isEqualTo(FulfillSettings.DEFAULTS);

        Files.writeString(file, "{\"Connections\":{\"Okta\":{\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"x\","
                + "\"MaxDeletesPerRun\":-1,\"AdoptExistingOnCreate\":\"perhaps\"}}}");
        assertThatThrownBy(() -> OktaSettings.load(file, "Okta")).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).contains("MaxDeletesPerRun").contains("AdoptExistingOnCreate");
                });
    }

    @Test
    void typedOrdersThroughTheFulfillerWithAMappingAndAListener() {
        EntityMapping mapping = new EntityMapping(List.of(new TableMapping("OktaExportFulfillment_users", "Person",
                List.of(new ColumnMapping("id", "id", "OktaExportFulfillment_users_id"),
                        new ColumnMapping("City", "profile.city", "profile_city")))));
        String u = user("ACTIVE");
        String g = group("OKTA_GROUP", 0);
        sim.org().removeMember(g, u);
        Map<String, AttributeValue> changes = new LinkedHashMap<>();
        changes.put("profile_city", AttributeValue.of("Lisbon"));
        List<ProvisioningOrder> orders = List.of(
                new ProvisioningOrder("1", "Person", new OrderChange.Modified(u, changes,
                        List.of(new LinkChange("Groups", LinkChange.Operation.ADD, List.of(g))))),
                new ProvisioningOrder("2", "Person", new OrderChange.Modified(u, Map.of("status",
                        AttributeValue.of("SUSPENDED")), List.of())),
                new ProvisioningOrder("3", "Robot", new OrderChange.Deleted("x")));
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        try (OktaConnector okta = OktaConnector.create(settings(sim).build())) {
            FulfillSummary s = okta.fulfill(new FulfillRequest(orders, io.oktaconnector.api.FulfillMode.APPLY, new ProgressListener() {
                @Override
                public void ordersCounted(int count) {
                    heard.add("count " + count);
                }

                @Override
                public void orderCompleted(FulfillResult result, int completed) {
                    heard.add(completed + " " + result.assignmentId());
                    throw new IllegalStateException("a failing listener is ignored");
                }
            }), mapping);
            assertThat(s.results()).extracting(FulfillResult::assignmentId).containsExactly("1", "2", "3");
            assertThat(s.results().get(0).state()).isEqualTo(ProvisioningState.Executed);
            assertThat(s.results().get(1).state()).isEqualTo(ProvisioningState.Executed);
            assertThat(s.results().get(2).message()).contains("unknown entity type \"Robot\"");
            assertThat(s.requests()).isPositive();
            assertThat(s.plan()).isNotEmpty();
        }
        assertThat(heard).startsWith("count 3").hasSize(4);
        assertThat(heard.subList(1, 4)).extracting(h -> h.substring(0, 1)).containsExactly("1", "2", "3");
        assertThat(sim.org().user(u).orElseThrow().path("profile").path("city").asText()).isEqualTo("Lisbon");
        assertThat(sim.org().user(u).orElseThrow().path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(sim.org().isMember(g, u)).isTrue();
    }

    @Test
    void theFulfillerInterfaceUsesTheMappingTheRequestCarries() {
        // a host holding only the SPI types: the request's mapping resolves "Person" and profile_city, no downcast
        EntityMapping mapping = new EntityMapping(List.of(new TableMapping("OktaExportFulfillment_users", "Person",
                List.of(new ColumnMapping("id", "id", "OktaExportFulfillment_users_id"),
                        new ColumnMapping("City", "profile.city", "profile_city")))));
        String u = user("ACTIVE");
        List<ProvisioningOrder> orders = List.of(new ProvisioningOrder("1", "Person", new OrderChange.Modified(u,
                Map.of("profile_city", AttributeValue.of("Porto")), List.of())));
        try (OktaConnector okta = OktaConnector.create(settings(sim).build())) {
            io.oktaconnector.api.Fulfiller fulfiller = okta;
            FulfillSummary s = fulfiller.fulfill(FulfillRequest.of(orders).withMapping(mapping));
            assertThat(s.results()).singleElement().satisfies(r -> {
                assertThat(r.state()).as(r.message()).isEqualTo(ProvisioningState.Executed);
                assertThat(r.resourceId()).isEqualTo(u);
            });
            // without the mapping the entity type is unknown, as before
            assertThat(fulfiller.fulfill(FulfillRequest.of(orders)).results().get(0).message())
                    .contains("unknown entity type \"Person\"");
        }
        assertThat(sim.org().user(u).orElseThrow().path("profile").path("city").asText()).isEqualTo("Porto");
    }

    @Test
    void aDryRunOfAFolderMovesWritesAndSendsNothing() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Files.writeString(orders.resolve("a.json"), OrderJson.file(List.of(
                newUser("1", "dry@example.com").set("password", "Top-Secret-1"),
                OrderJson.deleted("2", "User", user("ACTIVE")))));
        Path results = dir.resolve("results.csv");
        try (OktaConnector okta = OktaConnector.create(settings(sim).build())) {
            FulfillSummary s = okta.fulfill(orders, results, EntityMapping.DEFAULTS, true, ProgressListener.NONE);
            assertThat(s.results()).hasSize(2).allSatisfy(r -> assertThat(r.message()).startsWith("dry run"));
            assertThat(s.plan()).extracting(p -> p.method() + " " + p.target()).contains(
                    "POST /api/v1/users?activate=false");
            assertThat(s.plan().toString()).doesNotContain("Top-Secret-1");
        }
        assertThat(writes()).isEmpty();
        assertThat(results).doesNotExist();
        assertThat(orders.resolve("a.json")).exists();
        assertThat(orders.resolve("Completed")).doesNotExist();
    }

    @Test
    void refusedCredentialsStopTheRunAndTheNextRunResumes() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Files.writeString(orders.resolve("a.json"), OrderJson.file(List.of(newUser("1", "late@example.com"),
                OrderJson.added("2", "Oops"))));
        Path results = dir.resolve("results.csv");
        try (OktaConnector bad = OktaConnector.create(settings(sim).apiKey(Secret.of("wrong-token")).build())) {
            assertThatThrownBy(() -> bad.fulfill(orders, results, EntityMapping.DEFAULTS, false,
                    ProgressListener.NONE)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("wrong-token");
                    });
        }
        // the malformed order got its result; the create got none and waits in Completed/ for the next run
        assertThat(CsvAppender.readAll(results)).hasSize(2);
        assertThat(orders.resolve("Completed/a.json.journal")).exists();
        try (OktaConnector okta = OktaConnector.create(settings(sim).build())) {
            FulfillSummary s = okta.fulfill(orders, results, EntityMapping.DEFAULTS, false, ProgressListener.NONE);
            assertThat(s.results()).extracting(FulfillResult::state).containsExactly(ProvisioningState.Executed,
                    ProvisioningState.Errored);
        }
        assertThat(CsvAppender.readAll(results)).hasSize(3);
        assertThat(userByLogin("late@example.com")).isNotNull();
        assertThat(orders.resolve("Completed/a.json.journal.done")).exists();
    }
}
