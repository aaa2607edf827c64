package io.oktaconnector.okta.fulfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.UserDeleteMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One file of 500 orders mixing every change kind ends in exactly the expected org. */
class FiveHundredOrdersTest extends SimTestBase {

    @TempDir
    Path dir;

    @Test
    void fiveHundredMixedOrdersEndInTheExpectedOrg() throws IOException {
        useSimulator(OktaSimulator.builder().seed(21).users(600).groups(12).apps(24).start());

        List<String> active = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE"))
                .map(u -> u.path("id").asText()).toList();
        assertThat(active.size()).isGreaterThan(300);
        List<String> oktaGroups = sim.org().groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP"))
                .map(g -> g.path("id").asText()).toList();
        List<String> extraGroups = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            extraGroups.add(sim.org().createGroup(OrderJson.JSON.createObjectNode().put("name", "Extra " + i)
                    .put("description", "e")).path("id").asText());
        }
        List<String> apps = sim.org().apps().map(a -> a.path("id").asText()).toList();
        // disjoint sets of existing users, so no two lanes touch one user
        List<String> profileUsers = active.subList(0, 100);
        List<String> suspendUsers = active.subList(100, 150);
        List<String> deleteUsers = active.subList(150, 180);
        List<String> memberUsers = active.subList(180, 220);
        List<String> linkUsers = active.subList(220, 270);
        for (String u : linkUsers) {
            oktaGroups.forEach(g -> sim.org().removeMember(g, u));
        }

        List<OrderJson> orders = new ArrayList<>();
        Map<String, ProvisioningState> expected = new LinkedHashMap<>();
        int n = 0;
        for (int i = 0; i < 100; i++) {                                   // 100 user creates
            OrderJson o = newUser("A" + i, "new" + i + "@example.com").set("profile.city", "City " + i);
            if (i % 2 == 0) {
                o.link("Groups_add", oktaGroups.get(i % oktaGroups.size()));
            }
            if (i % 3 == 0) {
                o.set("password", "Pw-" + i + "-Long-Enough");
            }
            orders.add(o);
        }
        for (int i = 0; i < 100; i++) {                                   // 100 profile updates
            orders.add(OrderJson.modified("P" + i, "User", profileUsers.get(i)).set("profile.title", "Title " + i)
                    .set("profile.city", null));
        }
        for (int i = 0; i < 50; i++) {                                    // 50 suspensions
            orders.add(OrderJson.modified("S" + i, "User", suspendUsers.get(i)).set("status", "SUSPENDED"));
        }
        for (int i = 0; i < 30; i++) {                                    // 30 user deletes
            orders.add(OrderJson.deleted("D" + i, "User", deleteUsers.get(i)));
        }
        for (int i = 0; i < 50; i++) {                                    // 50 membership changes from the user
            orders.add(OrderJson.modified("L" + i, "User", linkUsers.get(i))
                    .link("Groups_add", oktaGroups.get(i % oktaGroups.size())));
        }
        for (int i = 0; i < 20; i++) {                                    // 20 group creates with members
            orders.add(OrderJson.added("GA" + i, "Group").set("profile.name", "New group " + i)
                    .link("Users_add", memberUsers.get(i * 2), memberUsers.get(i * 2 + 1))
                    .link("Applications_add", apps.get(i % 12)));
        }
        for (int i = 0; i < 20; i++) {                                    // 20 group updates
            orders.add(OrderJson.modified("GM" + i, "Group", extraGroups.get(i)).set("profile.description", "D" + i)
                    .set("profile.groupContact", "c" + i + "@example.com"));
        }
        for (int i = 0; i < 20; i++) {                                    // 20 group deletes
            orders.add(OrderJson.deleted("GD" + i, "Group", extraGroups.get(20 + i)));
        }
        for (int i = 0; i < 30; i++) {                                    // 30 app creates
            orders.add(OrderJson.added("AA" + i, "Application").set("label", "New app " + i)
                    .set("signOnMode", "BOOKMARK").set("settings.app.url", "https://app" + i + ".example.com")
                    .link("Groups_add", extraGroups.get(i % 20)));
        }
        for (int i = 0; i < 12; i++) {                                    // 12 app updates
            orders.add(OrderJson.modified("AM" + i, "Application", apps.get(i)).set("label", "Renamed " + i)
                    .set("status", i % 2 == 0 ? "INACTIVE" : "ACTIVE"));
        }
        for (int i = 0; i < 12; i++) {                                    // 12 app deletes
            orders.add(OrderJson.deleted("AD" + i, "Application", apps.get(12 + i)));
        }
        for (OrderJson o : orders) {
            expected.put(o.node().path("AssignedResourceTypeId").asText(), ProvisioningState.Executed);
        }
        while (orders.size() < 500) {                                     // the rest: malformed
            n++;
            OrderJson bad = n % 2 == 0 ? OrderJson.modified("X" + n, "User", active.get(0)).link("Roles_add", "r")
                    : OrderJson.added("X" + n, "Group").set("profile.description", "no name");
            orders.add(bad);
            expected.put("X" + n, ProvisioningState.Errored);
        }
        long usersBefore = sim.org().userCount();
        Path file = dir.resolve("orders.json");
        Files.writeString(file, OrderJson.file(orders));
        Path resultsFile = dir.resolve("results.csv");

        List<FulfillResult> results;
        try (OktaConnector okta = OktaConnector.create(settings(sim).maxConcurrency(4)
                .userDeleteMode(UserDeleteMode.DEACTIVATE_AND_DELETE).build())) {
            results = okta.fulfill(file, resultsFile, EntityMapping.DEFAULTS, false, ProgressListener.NONE).results();
        }

        assertThat(results).hasSize(500);
        List<List<String>> rows = CsvAppender.readAll(resultsFile);
        assertThat(rows).hasSize(501);
        assertThat(rows.subList(1, 501).stream().map(r -> r.get(0) + " " + r.get(1)).collect(Collectors.toSet()))
                .isEqualTo(expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.toSet()));
        Map<String, FulfillResult> byId = new HashMap<>();
        results.forEach(r -> byId.put(r.assignmentId(), r));
        assertThat(byId).hasSize(500);
        expected.forEach((id, state) -> assertThat(byId.get(id).state()).as(id + ": " + byId.get(id).message())
                .isEqualTo(state));

        assertThat(sim.org().userCount()).isEqualTo(usersBefore + 100 - 30);
        for (int i = 0; i < 100; i++) {
            ObjectNode u = userByLogin("new" + i + "@example.com");
            assertThat(byId.get("A" + i).resourceId()).isEqualTo(u.path("id").asText());
            assertThat(u.path("status").asText()).isEqualTo(i % 3 == 0 ? "ACTIVE" : "PROVISIONED");
            assertThat(u.path("profile").path("city").asText()).isEqualTo("City " + i);
            if (i % 2 == 0) {
                assertThat(sim.org().isMember(oktaGroups.get(i % oktaGroups.size()), u.path("id").asText())).isTrue();
            }
        }
        for (int i = 0; i < 100; i++) {
            ObjectNode u = sim.org().user(profileUsers.get(i)).orElseThrow();
            assertThat(u.path("profile").path("title").asText()).isEqualTo("Title " + i);
            assertThat(u.path("profile").path("city").isNull()).isTrue();
        }
        suspendUsers.forEach(u -> assertThat(sim.org().user(u).orElseThrow().path("status").asText())
                .isEqualTo("SUSPENDED"));
        deleteUsers.forEach(u -> assertThat(sim.org().user(u)).isEmpty());
        for (int i = 0; i < 50; i++) {
            assertThat(sim.org().isMember(oktaGroups.get(i % oktaGroups.size()), linkUsers.get(i))).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            String g = byId.get("GA" + i).resourceId();
            assertThat(sim.org().group(g).orElseThrow().path("profile").path("name").asText())
                    .isEqualTo("New group " + i);
            assertThat(sim.org().groupMemberIds(g)).containsExactlyInAnyOrder(memberUsers.get(i * 2),
                    memberUsers.get(i * 2 + 1));
            assertThat(sim.org().appGroupAssignments(apps.get(i % 12)).map(a -> a.path("id").asText()))
                    .contains(g);
            ObjectNode e = sim.org().group(extraGroups.get(i)).orElseThrow();
            assertThat(e.path("profile").path("description").asText()).isEqualTo("D" + i);
            assertThat(e.path("profile").path("name").asText()).isEqualTo("Extra " + i);
            assertThat(sim.org().group(extraGroups.get(20 + i))).isEmpty();
        }
        Set<String> newApps = sim.org().apps().filter(a -> a.path("label").asText().startsWith("New app "))
                .map(a -> a.path("id").asText()).collect(Collectors.toSet());
        assertThat(newApps).hasSize(30);
        for (int i = 0; i < 30; i++) {
            assertThat(sim.org().appGroupAssignments(byId.get("AA" + i).resourceId()).map(a -> a.path("id").asText()))
                    .containsExactly(extraGroups.get(i % 20));
        }
        for (int i = 0; i < 12; i++) {
            ObjectNode a = sim.org().app(apps.get(i)).orElseThrow();
            assertThat(a.path("label").asText()).isEqualTo("Renamed " + i);
            assertThat(a.path("status").asText()).isEqualTo(i % 2 == 0 ? "INACTIVE" : "ACTIVE");
            assertThat(sim.org().app(apps.get(12 + i))).isEmpty();
        }
    }
}
