package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of membership changes reads each much-changed group's members once (not each user's groups once per order),
 * still reports an existing link as a no-op, and never trusts what it does not know.
 */
class MembershipsTest extends SimTestBase {

    private List<String> nonMembers(String group, int n) {
        return sim.org().users().map(u -> u.path("id").asText()).filter(u -> !sim.org().isMember(group, u)).limit(n)
                .toList();
    }

    private long requests(String method, Predicate<String> path) {
        return sim.requests().count(r -> r.method().equals(method) && path.test(r.path()));
    }

    private static Predicate<String> is(String path) {
        return path::equals;
    }

    private static void executed(FulfillResult r) {
        assertThat(r.state()).as(r.message()).isEqualTo(ProvisioningState.Executed);
    }

    @Test
    void manyChangesOnOneGroupReadItsMembersOnceAndReportExistingLinks() {
        String g = group("OKTA_GROUP", 0);
        List<String> users = nonMembers(g, 6);
        sim.org().addMember(g, users.get(0)); // already in: a no-op with a note
        String leaving = users.get(5);
        sim.org().addMember(g, leaving);
        sim.requests().clear();
        List<OrderJson> orders = new ArrayList<>();
        for (String u : users.subList(0, 5)) {
            orders.add(OrderJson.modified("add-" + u, "User", u).link("Groups_add", g));
        }
        orders.add(OrderJson.modified("remove-" + leaving, "User", leaving).link("Groups_remove", g));
        orders.add(OrderJson.modified("undo-" + users.get(4), "User", users.get(4)).link("Groups_remove", g));

        List<FulfillResult> r = fulfill(orders.toArray(OrderJson[]::new));

        r.forEach(MembershipsTest::executed);
        assertThat(r.get(0).message()).contains("already in group " + g);
        assertThat(r.get(1).message()).contains("added to group " + g);
        assertThat(r.get(5).message()).contains("removed from group " + g);
        for (String u : users.subList(0, 4)) {
            assertThat(sim.org().isMember(g, u)).as(u).isTrue();
        }
        assertThat(sim.org().isMember(g, leaving)).isFalse();
        // users[4] was added by its first order and removed by its second: same lane, given order
        assertThat(sim.org().isMember(g, users.get(4))).isFalse();
        assertThat(r.get(6).message()).contains("removed from group " + g);
        // one read of the group's members served all seven orders; no per-user reads
        assertThat(requests("GET", is("/api/v1/groups/" + g + "/users"))).isEqualTo(1);
        assertThat(requests("GET", p -> p.endsWith("/groups") && p.startsWith("/api/v1/users/"))).isZero();
        assertThat(requests("PUT", p -> p.startsWith("/api/v1/groups/" + g + "/users/"))).isEqualTo(4);
        assertThat(requests("DELETE", p -> p.startsWith("/api/v1/groups/" + g + "/users/"))).isEqualTo(2);
    }

    @Test
    void aGroupOrderAndUserOrdersShareOneReadAndSeeEachOthersWrites() {
        String g = group("OKTA_GROUP", 0);
        List<String> users = nonMembers(g, 3);
        sim.requests().clear();

        List<FulfillResult> r = fulfill(
                OrderJson.modified("g", "Group", g).link("Users_add", users.get(0), users.get(1)),
                OrderJson.modified("u", "User", users.get(2)).link("Groups_add", g));

        r.forEach(MembershipsTest::executed);
        assertThat(users).allMatch(u -> sim.org().isMember(g, u));
        assertThat(requests("GET", is("/api/v1/groups/" + g + "/users"))).isEqualTo(1);
        assertThat(requests("GET", p -> p.endsWith("/groups") && p.startsWith("/api/v1/users/"))).isZero();

        // a later batch reads again: what a run knows is not kept beyond it
        sim.requests().clear();
        r = fulfill(OrderJson.modified("g2", "Group", g).link("Users_add", users.get(0), users.get(2)));
        executed(r.get(0));
        assertThat(r.get(0).message()).contains("already members: " + users.get(0) + ", " + users.get(2));
        assertThat(requests("GET", is("/api/v1/groups/" + g + "/users"))).isEqualTo(1);
        assertThat(requests("PUT", p -> true)).isZero();
    }

    @Test
    void aGroupOrderAndAUserOrderOnTheSameLinkRunInTheirGivenOrder() {
        String g = group("OKTA_GROUP", 0);
        String u = nonMembers(g, 1).get(0);
        sim.org().addMember(g, u);
        // the first order's removal is slow: the second order's add must still come after it, not race it
        sim.faults().add(FaultRule.on("DELETE", "/api/v1/groups/*/users/*").times(1).delay(Duration.ofMillis(500)));
        sim.requests().clear();

        List<FulfillResult> r = fulfill(OrderJson.modified("1", "Group", g).link("Users_remove", u),
                OrderJson.modified("2", "User", u).link("Groups_add", g));

        r.forEach(MembershipsTest::executed);
        assertThat(sim.org().isMember(g, u)).isTrue();
        assertThat(writes()).extracting(RecordedRequest::method).containsExactly("DELETE", "PUT");
        assertThat(r.get(1).message()).contains("added to group " + g);
    }

    @Test
    void aUserNamedByLoginMakesTheRunForgetWhatItKnewOfTheGroup() {
        // the orders run one after the other, in their given order
        settings = settings.toBuilder().maxConcurrency(1).build();
        String g = group("OKTA_GROUP", 0);
        List<String> users = nonMembers(g, 2);
        String u = users.get(1);
        String login = sim.org().user(u).orElseThrow().path("profile").path("login").asText();
        sim.requests().clear();

        List<FulfillResult> r = fulfill(OrderJson.modified("0", "User", users.get(0)).link("Groups_add", g),
                OrderJson.modified("1", "User", login).link("Groups_add", g),
                OrderJson.modified("2", "Group", g).link("Users_remove", u));

        r.forEach(MembershipsTest::executed);
        // the first order read the members; the add by login made that read useless (which id is it?), so the
        // removal read them again instead of trusting a list without u
        assertThat(requests("GET", is("/api/v1/groups/" + g + "/users"))).isEqualTo(2);
        assertThat(r.get(2).message()).contains("removed user " + u);
        assertThat(sim.org().isMember(g, u)).isFalse();
    }

    @Test
    void aSingleChangeOnAGroupReadsTheUsersGroupsAsBefore() {
        String g = group("OKTA_GROUP", 0);
        String u = nonMembers(g, 1).get(0);
        sim.requests().clear();

        executed(fulfill(OrderJson.modified("u", "User", u).link("Groups_add", g)).get(0));

        assertThat(requests("GET", is("/api/v1/users/" + u + "/groups"))).isEqualTo(1);
        assertThat(requests("GET", p -> p.startsWith("/api/v1/groups/"))).isZero();
        assertThat(sim.org().isMember(g, u)).isTrue();
    }

    @Test
    void aLinkWhoseWriteHadAnUnknownOutcomeIsReadAgainNotAssumed() {
        String g = group("OKTA_GROUP", 0);
        String u = nonMembers(g, 1).get(0);
        // the first PUT is applied but its answer is lost: the order ends Errored, the link state is unknown
        sim.faults().add(FaultRule.on("PUT", "/api/v1/groups/*/users/*").times(1).ambiguousWrite());
        sim.requests().clear();

        List<FulfillResult> r = fulfill(OrderJson.modified("1", "User", u).link("Groups_add", g),
                OrderJson.modified("2", "User", u).link("Groups_add", g));

        assertThat(r.get(0).state()).isEqualTo(ProvisioningState.Errored);
        executed(r.get(1));
        // the second order did not trust the snapshot (taken before the write): it read the user's groups again
        assertThat(requests("GET", is("/api/v1/users/" + u + "/groups"))).isEqualTo(1);
        assertThat(r.get(1).message()).contains("already in group " + g);
        assertThat(sim.org().isMember(g, u)).isTrue();
    }

    @Test
    void aGroupTooLargeForItsFewChangesIsNotRead() {
        useSimulator(io.oktaconnector.simulator.OktaSimulator.builder().seed(11).users(2_600).groups(2).apps(0)
                .start());
        // Everyone has 2,600 members: 3 pages of 1,000, more than its two changes are worth
        String everyone = sim.org().groups().filter(x -> x.path("type").asText().equals("BUILT_IN")).findFirst()
                .orElseThrow().path("id").asText();
        List<String> users = sim.org().users().limit(2).map(x -> x.path("id").asText()).toList();
        sim.requests().clear();

        List<FulfillResult> r = fulfill(OrderJson.modified("1", "User", users.get(0)).link("Groups_add", everyone),
                OrderJson.modified("2", "User", users.get(1)).link("Groups_add", everyone));

        // the read stopped after one page (it may read at most as many pages as it saves), then each order read
        // its user's groups; every user is already in Everyone
        assertThat(requests("GET", is("/api/v1/groups/" + everyone + "/users"))).isEqualTo(1);
        assertThat(requests("GET", p -> p.endsWith("/groups") && p.startsWith("/api/v1/users/"))).isEqualTo(2);
        assertThat(r).allSatisfy(x -> assertThat(x.message()).contains("already in group " + everyone));
        assertThat(sim.requests().matching(x -> x.method().equals("PUT"))).extracting(RecordedRequest::path)
                .isEmpty();
    }
}
