package io.oktaconnector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {
    private static final LinkChange ADD_GROUP = new LinkChange("Groups", LinkChange.Operation.ADD, List.of("00g1"));

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankResourceIdsAreRejected(String id) {
        assertThatThrownBy(() -> new OrderChange.Modified(id, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resourceId");
        assertThatThrownBy(() -> new OrderChange.Deleted(id))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resourceId");
    }

    @Test
    void nullResourceIdsAreRejected() {
        assertThatThrownBy(() -> new OrderChange.Modified(null, Map.of(), List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderChange.Deleted(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void changeTypesMatchTheKinds() {
        assertThat(new OrderChange.Added(Map.of(), List.of()).type()).isEqualTo(ChangeType.Added);
        assertThat(new OrderChange.Modified("00u1", Map.of(), List.of()).type()).isEqualTo(ChangeType.Modified);
        assertThat(new OrderChange.Deleted("00u1").type()).isEqualTo(ChangeType.Deleted);
    }

    @Test
    void attributesKeepTheirOrderAndAreCopied() {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        attrs.put("profile.login", AttributeValue.of("jbond@example.com"));
        attrs.put("profile.firstName", AttributeValue.of("James"));
        attrs.put("profile.city", AttributeValue.NULL);
        attrs.put("profile.age", new AttributeValue.Num(new BigDecimal("42")));
        List<LinkChange> links = new ArrayList<>(List.of(ADD_GROUP));
        OrderChange.Added added = new OrderChange.Added(attrs, links);
        attrs.put("profile.extra", AttributeValue.of("late"));
        links.clear();

        assertThat(added.attributes().keySet())
                .containsExactly("profile.login", "profile.firstName", "profile.city", "profile.age");
        assertThat(added.links()).containsExactly(ADD_GROUP);
        assertThatThrownBy(() -> added.attributes().put("x", AttributeValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> added.links().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullAttributeKeysAndValuesAreRejected() {
        Map<String, AttributeValue> nullValue = new HashMap<>();
        nullValue.put("profile.city", null);
        assertThatThrownBy(() -> new OrderChange.Added(nullValue, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("AttributeValue.NULL");
        Map<String, AttributeValue> nullKey = new HashMap<>();
        nullKey.put(null, AttributeValue.NULL);
        assertThatThrownBy(() -> new OrderChange.Modified("00u1", nullKey, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderChange.Added(null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderChange.Added(Map.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void modifiedCopiesToo() {
        Map<String, AttributeValue> attrs = new HashMap<>(Map.of("status", AttributeValue.of("SUSPENDED")));
        OrderChange.Modified m = new OrderChange.Modified("00u1", attrs, List.of());
        attrs.clear();
        assertThat(m.attributes()).containsEntry("status", AttributeValue.of("SUSPENDED"));
    }

    @Test
    void linkChangeCopiesTargetIds() {
        List<String> ids = new ArrayList<>(List.of("00g1", "00g2"));
        LinkChange c = new LinkChange("Groups", LinkChange.Operation.REMOVE, ids);
        ids.add("00g3");
        assertThat(c.targetIds()).containsExactly("00g1", "00g2");
        assertThatThrownBy(() -> new LinkChange(null, LinkChange.Operation.ADD, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LinkChange("Groups", null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LinkChange("Groups", LinkChange.Operation.ADD, null)).isInstanceOf(NullPointerException.class);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new LinkChange("Groups", LinkChange.Operation.ADD, withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void attributeValuesCheckNullsAndCopy() {
        assertThatThrownBy(() -> new AttributeValue.Text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AttributeValue.Num(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AttributeValue.Multi(null)).isInstanceOf(NullPointerException.class);
        List<AttributeValue> values = new ArrayList<>(List.of(AttributeValue.of("a"), new AttributeValue.Bool(true)));
        AttributeValue.Multi multi = new AttributeValue.Multi(values);
        values.clear();
        assertThat(multi.values()).containsExactly(new AttributeValue.Text("a"), new AttributeValue.Bool(true));
        assertThat(AttributeValue.NULL).isEqualTo(new AttributeValue.Null());
    }

    @Test
    void changeKindsAreSealed() {
        assertThat(AttributeValue.class.isSealed()).isTrue();
        assertThat(AttributeValue.class.getPermittedSubclasses()).containsExactlyInAnyOrder(AttributeValue.Text.class,
                AttributeValue.Num.class, AttributeValue.Bool.class, AttributeValue.Null.class, AttributeValue.Multi.class);
        assertThat(OrderChange.class.getPermittedSubclasses()).containsExactlyInAnyOrder(OrderChange.Added.class,
                OrderChange.Modified.class, OrderChange.Deleted.class);
    }

    @Test
    void provisioningOrderChecksNulls() {
        OrderChange change = new OrderChange.Deleted("00u1");
        assertThat(new ProvisioningOrder("3930001", "User", change).change()).isSameAs(change);
        assertThatThrownBy(() -> new ProvisioningOrder(null, "User", change)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProvisioningOrder("1", null, change)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProvisioningOrder("1", "User", null)).isInstanceOf(NullPointerException.class);
    }
}
