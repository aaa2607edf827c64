package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.UserDeleteMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which orders of a batch wait for each other: an order's lanes are its own resource and every link it changes, read
 * from the steps' {@link Operation#links()} and, for a create, its {@link Operation#naturalKey()}.
 */
class LanesTest {
    private final Planner planner = new Planner(new EntityResolver(EntityMapping.DEFAULTS), FulfillSettings.DEFAULTS,
            UserDeleteMode.DEACTIVATE_ONLY, Passwords.OKTA_EMAIL);

    private OrderPlan plan(String entityType, OrderChange change) {
        return planner.plan(new ProvisioningOrder("1", entityType, change));
    }

    private static LinkChange link(String navigation, LinkChange.Operation op, String... ids) {
        return new LinkChange(navigation, op, List.of(ids));
    }

    @Test
    void aModifiedOrderRunsInTheLaneOfItsResourceAndOfEachLinkItChanges() {
        OrderPlan user = plan("User", new OrderChange.Modified("00u1", Map.of(), List.of(
                link("Groups", LinkChange.Operation.ADD, "00g1", "00g2"))));
        assertThat(FulfillEngine.lanes(user)).containsExactly("USER:00u1", "member:00g1|00u1", "member:00g2|00u1");

        OrderPlan group = plan("Group", new OrderChange.Modified("00g1", Map.of(), List.of(
                link("Users", LinkChange.Operation.REMOVE, "00u1"), link("Applications", LinkChange.Operation.ADD,
                        "0oa1"))));
        assertThat(FulfillEngine.lanes(group)).containsExactly("GROUP:00g1", "member:00g1|00u1",
                "assignment:00g1|0oa1");

        OrderPlan app = plan("Application", new OrderChange.Modified("0oa1", Map.of(), List.of(
                link("Groups", LinkChange.Operation.ADD, "00g1"))));
        assertThat(FulfillEngine.lanes(app)).containsExactly("APP:0oa1", "assignment:00g1|0oa1");
    }

    @Test
    void anAddedOrderRunsInTheLaneOfItsNaturalKeyAndItsNewLinksInNone() {
        OrderPlan group = plan("Group", new OrderChange.Added(Map.of("profile.name",
                AttributeValue.of("Pilots")), List.of(link("Users", LinkChange.Operation.ADD, "00u1"))));
        assertThat(FulfillEngine.lanes(group)).containsExactly("GROUP:new:pilots");

        OrderPlan user = plan("User", new OrderChange.Added(Map.of("profile.login",
                AttributeValue.of("Ada@Example.com")), List.of()));
        assertThat(FulfillEngine.lanes(user)).containsExactly("USER:new:ada@example.com");
    }

    @Test
    void onlyGroupsWithTwoOrMoreMembershipChangesOfKnownObjectsAreIndexed() {
        OrderPlan a = plan("User", new OrderChange.Modified("00u1", Map.of(), List.of(
                link("Groups", LinkChange.Operation.ADD, "00g1", "00g2"))));
        OrderPlan b = plan("Group", new OrderChange.Modified("00g1", Map.of(), List.of(
                link("Applications", LinkChange.Operation.ADD, "0oa1"))));
        OrderPlan c = plan("Group", new OrderChange.Added(Map.of("profile.name", AttributeValue.of("New")),
                List.of(link("Users", LinkChange.Operation.ADD, "00u1", "00u2"))));
        assertThat(Memberships.of(List.of(a, b, c))).isSameAs(Memberships.NONE);

        OrderPlan d = plan("Group", new OrderChange.Modified("00g2", Map.of(), List.of(
                link("Users", LinkChange.Operation.REMOVE, "00u3"))));
        assertThat(Memberships.of(List.of(a, b, c, d))).isNotSameAs(Memberships.NONE);
    }
}
