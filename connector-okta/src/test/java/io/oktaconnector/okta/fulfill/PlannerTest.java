package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.UserDeleteMode;
import io.oktaconnector.okta.internal.fulfill.EntityResolver;
import io.oktaconnector.okta.internal.fulfill.Operation;
import io.oktaconnector.okta.internal.fulfill.OrderPlan;
import io.oktaconnector.okta.internal.fulfill.Passwords;
import io.oktaconnector.okta.internal.fulfill.Planner;
import io.oktaconnector.okta.internal.fulfill.UserLifecycle;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {
    private static final EntityMapping MAPPING = new EntityMapping(List.of(
            new TableMapping("OktaExportFulfillment_users", "User", List.of(
                    new ColumnMapping("id", "id", "OktaExportFulfillment_users_id"),
                    new ColumnMapping("city", "profile.city", "profile_city"))),
            new TableMapping("OktaExportFulfillment_groups", "Team", List.of(
                    new ColumnMapping("name", "profile.name", "profile_name")))));

    private final Planner planner = new Planner(new EntityResolver(MAPPING), FulfillSettings.DEFAULTS,
            UserDeleteMode.DEACTIVATE_ONLY, Passwords.OKTA_EMAIL);

    private static Map<String, AttributeValue> attrs(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (AttributeValue) kv[i + 1]);
        }
        return m;
    }

    private static AttributeValue t(String s) {
        return AttributeValue.of(s);
    }

    @Test
    void addedUserIsCreatedStagedThenActivatedWithoutEmailAndMaskedPassword() {
        OrderPlan plan = planner.plan(new ProvisioningOrder("1", "User", new OrderChange.Added(attrs(
                "profile.login", t("a@example.com"), "profile_city", t("Oslo"), "password", t("S3cret!pw"),
                "OktaExportFulfillment_users_id", t("")),
                List.of(new LinkChange("Groups", LinkChange.Operation.ADD, List.of("00g1"))))));
        assertThat(plan.operations()).hasSize(2);
        Operation.CreateUser create = (Operation.CreateUser) plan.operations().get(0);
        assertThat(create.activate()).isFalse();
        assertThat(create.body().reveal().toString()).contains("S3cret!pw").contains("\"city\":\"Oslo\"")
                .contains("\"groupIds\":[\"00g1\"]");
        assertThat(create.body().masked()).doesNotContain("S3cret!pw").contains("[hidden]");
        assertThat(create.toString()).doesNotContain("S3cret!pw");
        assertThat(plan.operations().get(1)).isEqualTo(new Operation.SetUserStatus(Operation.NEW_ID,
                UserLifecycle.Status.ACTIVE));
        assertThat(plan.notes()).containsExactly("ignored read-only attribute OktaExportFulfillment_users_id");
    }

    @Test
    void addedUserStagedOrWithEmailSetting() {
        OrderPlan staged = planner.plan(new ProvisioningOrder("1", "User", new OrderChange.Added(attrs(
                "profile.login", t("a@example.com"), "status", t("staged")), List.of())));
        assertThat(staged.operations()).hasSize(1);
        assertThat(((Operation.CreateUser) staged.operations().get(0)).activate()).isFalse();

        Planner withEmail = new Planner(new EntityResolver(MAPPING), FulfillSettings.DEFAULTS.withActivation(true, true),
                UserDeleteMode.DEACTIVATE_ONLY, Passwords.OKTA_EMAIL);
        OrderPlan plan = withEmail.plan(new ProvisioningOrder("1", "User", new OrderChange.Added(attrs(
                "profile.login", t("a@example.com")), List.of())));
        assertThat(plan.operations()).hasSize(1);
        assertThat(((Operation.CreateUser) plan.operations().get(0)).activate()).isTrue();
    }

    @Test
    void modifiedUserReactivatesBeforeAndSuspendsAfterProfileChanges() {
        OrderPlan up = planner.plan(new ProvisioningOrder("1", "User", new OrderChange.Modified("00u1", attrs(
                "status", t("ACTIVE"), "profile.city", AttributeValue.NULL), List.of())));
        assertThat(up.operations()).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("SetUserStatus", "UpdateUser");
        assertThat(((Operation.UpdateUser) up.operations().get(1)).body().reveal().toString())
                .isEqualTo("{\"profile\":{\"city\":null}}");
        OrderPlan down = planner.plan(new ProvisioningOrder("1", "User", new OrderChange.Modified("00u1", attrs(
                "profile.city", t("x"), "status", t("SUSPENDED")),
                List.of(new LinkChange("Groups", LinkChange.Operation.REMOVE, List.of("00g1"))))));
        assertThat(down.operations()).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("UpdateUser", "UserGroupLinks", "SetUserStatus");
    }

    @Test
    void mappedEntityTypeAndGroupLinks() {
        OrderPlan plan = planner.plan(new ProvisioningOrder("1", "Team", new OrderChange.Added(attrs(
                "profile_name", t("Pilots"), "profile.description", t("d")),
                List.of(new LinkChange("Users", LinkChange.Operation.ADD, List.of("00u1")),
                        new LinkChange("Applications", LinkChange.Operation.ADD, List.of("0oa1"))))));
        assertThat(plan.operations()).hasSize(3);
        assertThat(plan.operations().get(0)).isInstanceOf(Operation.CreateGroup.class);
        assertThat(((Operation.CreateGroup) plan.operations().get(0)).name()).isEqualTo("Pilots");
        assertThat(plan.operations().get(1)).isEqualTo(new Operation.GroupUserLinks(Operation.NEW_ID,
                LinkChange.Operation.ADD, List.of("00u1")));
    }

    @Test
    void appCreateAndUpdateFromDottedPaths() {
        OrderPlan plan = planner.plan(new ProvisioningOrder("1", "Application", new OrderChange.Added(attrs(
                "label", t("Wiki"), "signOnMode", t("BOOKMARK"), "settings.app.url", t("https://wiki.example.com"),
                "status", t("INACTIVE")), List.of())));
        Operation.CreateApp create = (Operation.CreateApp) plan.operations().get(0);
        assertThat(create.activate()).isFalse();
        assertThat(create.body().reveal().toString()).isEqualTo(
                "{\"label\":\"Wiki\",\"signOnMode\":\"BOOKMARK\",\"settings\":{\"app\":{\"url\":\"https://wiki.example.com\"}}}");
        OrderPlan mod = planner.plan(new ProvisioningOrder("2", "Application", new OrderChange.Modified("0oa1", attrs(
                "label", t("Wiki 2"), "status", t("ACTIVE")),
                List.of(new LinkChange("Groups", LinkChange.Operation.REMOVE, List.of("00g1"))))));
        assertThat(mod.operations()).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("UpdateApp", "AppGroupLinks", "SetAppStatus");
    }

    @Test
    void invalidOrdersAreRefusedWithTheReason() {
        assertInvalid(new ProvisioningOrder("1", "User", new OrderChange.Added(attrs("profile.city", t("x")),
                List.of())), "needs profile.login");
        assertInvalid(new ProvisioningOrder("1", "User", new OrderChange.Modified("00u1", attrs("city", t("x")),
                List.of())), "unknown attribute \"city\"");
        assertInvalid(new ProvisioningOrder("1", "User", new OrderChange.Modified("00u1", attrs("status", t("HAPPY")),
                List.of())), "must be a user status");
        assertInvalid(new ProvisioningOrder("1", "User", new OrderChange.Modified("00u1",
                attrs("status", new AttributeValue.Num(java.math.BigDecimal.ONE)), List.of())), "must be a string");
        assertInvalid(new ProvisioningOrder("1", "Group", new OrderChange.Modified("00g1", attrs(), List.of(
                new LinkChange("Groups", LinkChange.Operation.ADD, List.of("x"))))), "unknown navigation \"Groups\"");
        assertInvalid(new ProvisioningOrder("1", "Printer", new OrderChange.Deleted("x")), "unknown entity type");
        assertInvalid(new ProvisioningOrder("1", "User", new OrderChange.Modified("00u1",
                attrs("password", AttributeValue.NULL), List.of())), "cannot be cleared");
        assertInvalid(new ProvisioningOrder("1", "Application", new OrderChange.Added(attrs("label", t("x")),
                List.of())), "needs a signOnMode");
        assertInvalid(new ProvisioningOrder("1", "Application", new OrderChange.Modified("0oa1",
                attrs("status", t("DELETED")), List.of())), "ACTIVE or INACTIVE");
    }

    private void assertInvalid(ProvisioningOrder order, String reason) {
        assertThatThrownBy(() -> planner.plan(order)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void lifecycleTransitionsFollowOktaRules() {
        assertThat(UserLifecycle.next(UserLifecycle.Status.STAGED, UserLifecycle.Status.ACTIVE))
                .isEqualTo(new UserLifecycle.Call(UserLifecycle.Action.ACTIVATE, UserLifecycle.Status.ACTIVE));
        assertThat(UserLifecycle.next(UserLifecycle.Status.DEPROVISIONED, UserLifecycle.Status.ACTIVE))
                .isEqualTo(new UserLifecycle.Call(UserLifecycle.Action.ACTIVATE, UserLifecycle.Status.ACTIVE));
        assertThat(UserLifecycle.next(UserLifecycle.Status.SUSPENDED, UserLifecycle.Status.ACTIVE))
                .isEqualTo(new UserLifecycle.Call(UserLifecycle.Action.UNSUSPEND, UserLifecycle.Status.ACTIVE));
        assertThat(UserLifecycle.next(UserLifecycle.Status.LOCKED_OUT, UserLifecycle.Status.ACTIVE))
                .isEqualTo(new UserLifecycle.Call(UserLifecycle.Action.UNLOCK, UserLifecycle.Status.ACTIVE));
        assertThat(UserLifecycle.next(UserLifecycle.Status.PROVISIONED, UserLifecycle.Status.ACTIVE))
                .isInstanceOf(UserLifecycle.Reached.class);
        assertThat(UserLifecycle.next(UserLifecycle.Status.ACTIVE, UserLifecycle.Status.SUSPENDED))
                .isEqualTo(new UserLifecycle.Call(UserLifecycle.Action.SUSPEND, UserLifecycle.Status.SUSPENDED));
        assertThat(UserLifecycle.next(UserLifecycle.Status.LOCKED_OUT, UserLifecycle.Status.SUSPENDED))
                .isEqualTo(new UserLifecycle.Call(UserLifecycle.Action.UNLOCK, UserLifecycle.Status.ACTIVE));
        assertThat(UserLifecycle.next(UserLifecycle.Status.PROVISIONED, UserLifecycle.Status.SUSPENDED))
                .isInstanceOfSatisfying(UserLifecycle.Impossible.class, i -> assertThat(i.reason())
                        .contains("suspends only ACTIVE users"));
        for (UserLifecycle.Status s : UserLifecycle.Status.values()) {
            UserLifecycle.Next n = UserLifecycle.next(s, UserLifecycle.Status.DEPROVISIONED);
            assertThat(n).isEqualTo(s == UserLifecycle.Status.DEPROVISIONED ? new UserLifecycle.Reached("")
                    : new UserLifecycle.Call(UserLifecycle.Action.DEACTIVATE, UserLifecycle.Status.DEPROVISIONED));
        }
        assertThat(UserLifecycle.next(UserLifecycle.Status.ACTIVE, UserLifecycle.Status.STAGED))
                .isInstanceOf(UserLifecycle.Impossible.class);
        assertThat(UserLifecycle.next(UserLifecycle.Status.ACTIVE, UserLifecycle.Status.LOCKED_OUT))
                .isInstanceOf(UserLifecycle.Impossible.class);
    }
}
