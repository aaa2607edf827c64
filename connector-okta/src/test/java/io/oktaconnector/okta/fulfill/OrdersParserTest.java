package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.okta.ProvisioningOrders;
import io.oktaconnector.okta.internal.fulfill.OrdersParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OrdersParserTest {

    static String order(String id, String changeType, String entity, String changes, String resourceId) {
        return "{\"AssignedResourceTypeId\":\"" + id + "\",\"ChangeType\":\"" + changeType + "\","
                + "\"WorkflowInstanceId\":42,\"ResourceType\":{\"Identifier\":\"Okta_" + entity + "\",\"Id\":7,"
                + "\"TargetEntityType\":{\"Identifier\":\"" + entity + "\"}}"
                + (changes == null ? "" : ",\"Changes\":" + changes)
                + (resourceId == null ? "" : ",\"Resource\":{\"id\":\"" + resourceId + "\"}") + "}";
    }

    static String file(String... orders) {
        return "{\"Owner\":{\"x\":1},\"ProvisioningOrdersList\":[\n" + String.join(",\n", orders) + "\n]}";
    }

    @Test
    void readsEveryChangeKindWithTypedValuesAndLinks() {
        ProvisioningOrders orders = ProvisioningOrders.parse(file(
                order("1", "Added", "User", "{\"profile.login\":\"a@example.com\",\"profile.badgeNumber\":12,"
                        + "\"profile.isContractor\":true,\"profile.city\":null,\"profile.skills\":[\"x\",\"y\"],"
                        + "\"Groups_add\":[\"00g1\",\"00g2\"]}", null),
                order("2", "Modified", "Group", "{\"profile.description\":\"d\",\"Users_remove\":[\"00u1\"],"
                        + "\"Applications_add\":[\"0oa1\"]}", "00g9"),
                order("3", "Deleted", "Application", null, "0oa5")), "t.json", EntityMapping.DEFAULTS);

        assertThat(orders.rejected()).isEmpty();
        List<ProvisioningOrder> list = orders.orders();
        assertThat(list).hasSize(3);
        OrderChange.Added added = (OrderChange.Added) list.get(0).change();
        assertThat(added.attributes()).containsEntry("profile.login", AttributeValue.of("a@example.com"))
                .containsEntry("profile.badgeNumber", new AttributeValue.Num(new BigDecimal("12")))
                .containsEntry("profile.isContractor", new AttributeValue.Bool(true))
                .containsEntry("profile.city", AttributeValue.NULL)
                .containsEntry("profile.skills", new AttributeValue.Multi(List.of(AttributeValue.of("x"),
                        AttributeValue.of("y"))));
        assertThat(added.links()).containsExactly(new LinkChange("Groups", LinkChange.Operation.ADD,
                List.of("00g1", "00g2")));
        OrderChange.Modified mod = (OrderChange.Modified) list.get(1).change();
        assertThat(mod.resourceId()).isEqualTo("00g9");
        assertThat(mod.links()).containsExactly(
                new LinkChange("Users", LinkChange.Operation.REMOVE, List.of("00u1")),
                new LinkChange("Applications", LinkChange.Operation.ADD, List.of("0oa1")));
        assertThat(list.get(2).change()).isEqualTo(new OrderChange.Deleted("0oa5"));
        assertThat(list.get(2).entityType()).isEqualTo("Application");
    }

    @Test
    void eachMalformedOrderBecomesOneRejectedEntryInPlace() {
        ProvisioningOrders orders = ProvisioningOrders.parse(file(
                order("1", "Updated", "User", "{}", "00u1"),
                order("2", "Modified", "User", "{\"profile.city\":\"x\"}", null),
                order("3", "Added", "Printer", "{}", null),
                order("4", "Modified", "User", "{\"Roles_add\":[\"r1\"]}", "00u1"),
                order("5", "Modified", "User", "{\"Groups_add\":\"00g1\"}", "00u1"),
                order("6", "Modified", "User", "{\"Groups_add\":[{\"id\":\"00g1\"}]}", "00u1"),
                "[1,2]",
                "{\"ChangeType\":\"Added\"}",
                order("9", "Modified", "User", "{\"password\":[{\"secret\":\"hunter2\"}]}", "00u1"),
                order("10", "Deleted", "User", null, "00u1")), "bad.json", EntityMapping.DEFAULTS);

        assertThat(orders.size()).isEqualTo(10);
        List<ProvisioningOrders.Rejected> rejected = orders.rejected();
        assertThat(rejected).extracting(ProvisioningOrders.Rejected::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(rejected.get(0).reason()).contains("order #1").contains("unknown ChangeType \"Updated\"");
        assertThat(rejected.get(1).reason()).contains("is Modified but has no Resource.id");
        assertThat(rejected.get(1).changeType()).isEqualTo(ChangeType.Modified);
        assertThat(rejected.get(2).reason()).contains("unknown entity type \"Printer\"");
        assertThat(rejected.get(3).reason()).contains("unknown navigation \"Roles\"").contains("Groups");
        assertThat(rejected.get(4).reason()).contains("Groups_add must be an array");
        assertThat(rejected.get(5).reason()).contains("Groups_add must be an array of Okta ids");
        assertThat(rejected.get(6).reason()).contains("order #7").contains("is not a JSON object");
        assertThat(rejected.get(7).reason()).contains("has no AssignedResourceTypeId");
        assertThat(rejected.get(8).reason()).doesNotContain("hunter2");
        assertThat(rejected.get(0).result().state()).isEqualTo(ProvisioningState.Errored);
        assertThat(rejected.get(0).result().assignmentId()).isEqualTo("1");
        assertThat(rejected.get(4).result().resourceId()).isEqualTo("00u1");
        // line numbers help a person find the order
        assertThat(rejected.get(3).reason()).contains("(line 5)");
        assertThat(orders.orders()).hasSize(1);
    }

    @Test
    void notJsonOrNoListIsInvalidOrderNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("orders.json");
        Files.writeString(bad, "{\"ProvisioningOrdersList\": [\n {\"a\": 1},\n {oops}\n]}");
        assertThatThrownBy(() -> ProvisioningOrders.read(bad, EntityMapping.DEFAULTS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
                    assertThat(e.getMessage()).contains(bad.toString()).contains("not valid JSON").contains("line 3");
                });
        assertThatThrownBy(() -> ProvisioningOrders.parse("{\"Orders\":[]}", "x.json", EntityMapping.DEFAULTS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
                    assertThat(e.getMessage()).contains("x.json").contains("has no ProvisioningOrdersList");
                });
        assertThatThrownBy(() -> ProvisioningOrders.parse("hello", "y.json", EntityMapping.DEFAULTS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_ORDER));
        assertThatThrownBy(() -> ProvisioningOrders.parse("", "z.json", EntityMapping.DEFAULTS))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> ProvisioningOrders.parse("{\"ProvisioningOrdersList\":{}}", "w.json",
                EntityMapping.DEFAULTS)).hasMessageContaining("not an array");
    }

    @Test
    void invalidJsonMessageNamesLineAndColumnButNeverTheOffendingToken(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("orders.json");
        Files.writeString(bad, "{\"ProvisioningOrdersList\": [\n {\"Changes\": {\"password\": Hunter2Secret}}\n]}");
        assertThatThrownBy(() -> ProvisioningOrders.read(bad, EntityMapping.DEFAULTS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
                    assertThat(e.getMessage()).contains(bad.toString()).contains("not valid JSON")
                            .contains("line 2").contains("column").doesNotContain("Hunter2Secret")
                            .doesNotContain("Hunter2");
                    assertThat(e.getCause()).isNull();
                });
        assertThatThrownBy(() -> ProvisioningOrders.parse("{\"ProvisioningOrdersList\": [{\"a\": \"S3cr3t",
                "cut.json", EntityMapping.DEFAULTS)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
                    assertThat(e.getMessage()).contains("not valid JSON").doesNotContain("S3cr3t");
                });
    }

    @Test
    void rejectionMessagesDescribeOnlyTheTypeOfAWrongValueNeverItsContent() {
        String secret = "{\"credentials\":{\"password\":{\"value\":\"S3cr3t\"}}}";
        ProvisioningOrders orders = ProvisioningOrders.parse(file(
                order("1", "Modified", "User", "[" + secret + "]", "00u1"),
                "[" + secret + "]",
                "{\"AssignedResourceTypeId\":\"3\",\"ChangeType\":" + secret + "}",
                order("4", "Modified", "User", "{\"Groups_add\":" + secret + "}", "00u1"),
                order("5", "Modified", "User", "{\"Groups_add\":[" + secret + "]}", "00u1"),
                order("6", "Modified", "User", "{\"profile.x\":[" + secret + "]}", "00u1"),
                order("7", "Modified", "User", "{\"Groups_add\":[\"00g1\", 12345678]}", "00u1")),
                "t.json", EntityMapping.DEFAULTS);
        List<ProvisioningOrders.Rejected> rejected = orders.rejected();
        assertThat(rejected).hasSize(7);
        for (ProvisioningOrders.Rejected r : rejected) {
            assertThat(r.reason()).doesNotContain("S3cr3t").doesNotContain("credentials")
                    .doesNotContain("12345678");
            assertThat(r.result().state()).isEqualTo(ProvisioningState.Errored);
            assertThat(r.result().message()).doesNotContain("S3cr3t");
        }
        assertThat(rejected.get(0).reason()).contains("Changes that are not a JSON object but an array");
        assertThat(rejected.get(1).reason()).contains("is not a JSON object but an array");
        assertThat(rejected.get(2).reason()).contains("ChangeType that is not a string: an object");
        assertThat(rejected.get(3).reason()).contains("Groups_add must be an array of Okta ids, not an object");
        assertThat(rejected.get(6).reason()).contains("but holds a number");
    }

    @Test
    void readsUtf8WithByteOrderMarkAndNumericIds(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("o.json");
        String json = "{\"ProvisioningOrdersList\":[{\"AssignedResourceTypeId\":3930001,\"ChangeType\":\"deleted\","
                + "\"ResourceType\":{\"TargetEntityType\":{\"Identifier\":\"user\"}},\"Resource\":{\"id\":\"00u東\"}}]}";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        ProvisioningOrder o = ProvisioningOrders.read(f, EntityMapping.DEFAULTS).orders().get(0);
        assertThat(o.assignmentId()).isEqualTo("3930001");
        assertThat(o.change()).isEqualTo(new OrderChange.Deleted("00u東"));
    }

    @Test
    void mappingNamesEntityTypesAndKeepsPropertyLinksApart() {
        EntityMapping mapping = new EntityMapping(List.of(
                new TableMapping("OktaExportFulfillment_users", "Person", List.of(
                        new ColumnMapping("id", "id", "OktaExportFulfillment_users_id"),
                        new ColumnMapping("city", "profile.city", "profile_city"),
                        new ColumnMapping("x", "profile.costCenter", "cost_add")))));
        ProvisioningOrders orders = ProvisioningOrders.parse(file(
                order("1", "Modified", "Person", "{\"profile_city\":\"Oslo\",\"cost_add\":\"c\",\"Groups_add\":[\"00g1\"]}",
                        "00u1"),
                order("2", "Modified", "User", "{\"settings\":{\"app\":{\"url\":\"u\"}}}", "00u1")), "m.json", mapping);
        assertThat(orders.rejected()).isEmpty();
        OrderChange.Modified m = (OrderChange.Modified) orders.orders().get(0).change();
        // keys stay as the host wrote them; the planner resolves them through the mapping
        assertThat(m.attributes()).containsOnlyKeys("profile_city", "cost_add");
        assertThat(m.links()).hasSize(1);
        assertThat(((OrderChange.Modified) orders.orders().get(1).change()).attributes())
                .containsOnlyKeys("settings.app.url");
    }

    @Test
    void theStreamingPassesCountWithoutBuildingAndGiveOneOrderAtATime() throws IOException {
        String text = file(order("1", "Deleted", "User", null, "00u1"), "\"not an order\"",
                order("3", "Modified", "Group", "{\"profile.name\":\"n\"}", "00g3"));
        OrdersParser.Scan scan = OrdersParser.scan(stream(text), "t.json");
        assertThat(scan.count()).isEqualTo(3);
        assertThat(scan.oversized().isEmpty()).isTrue();
        List<ProvisioningOrders.Entry> seen = new ArrayList<>();
        long[] bytes = {0};
        assertThat(OrdersParser.parse(stream(text), "t.json", EntityMapping.DEFAULTS, scan.oversized(), (e, n) -> {
            seen.add(e);
            bytes[0] += n;
        })).isEqualTo(3);
        assertThat(seen).isEqualTo(ProvisioningOrders.parse(text, "t.json", EntityMapping.DEFAULTS).entries());
        assertThat(bytes[0]).isBetween(text.length() - 60L, (long) text.length());

        // the check pass finds a fault anywhere in the file, with the parse's own message
        String broken = text.substring(0, text.length() - 3) + ",{\"A\":}]}";
        ConnectorException fromParse = catchThrowableOfType(ConnectorException.class,
                () -> ProvisioningOrders.parse(broken, "t.json", EntityMapping.DEFAULTS));
        assertThatThrownBy(() -> OrdersParser.scan(stream(broken), "t.json"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
                    assertThat(e.getMessage()).isEqualTo(fromParse.getMessage());
                });
        // the parse pass gives each order as it reads it: those before the fault have been given
        seen.clear();
        assertThatThrownBy(() -> OrdersParser.parse(stream(broken), "t.json", EntityMapping.DEFAULTS, new BitSet(),
                (e, n) -> seen.add(e))).isInstanceOf(ConnectorException.class);
        assertThat(seen).hasSize(3);
    }

    @Test
    void anOrderLargerThan512KilobytesIsMalformedAndNeverBuilt() throws IOException {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 50_000; i++) { // 1.1 MB
            ids.append(i == 0 ? "" : ",").append("\"00g").append(String.format("%017d", i)).append('"');
        }
        String big = "{\"Owner\":{\"x\":[1,2]},\"ChangeType\":\"modified\",\"AssignedResourceTypeId\":4711,"
                + "\"ResourceType\":{\"TargetEntityType\":{\"Identifier\":\"User\"}},\"Changes\":{\"Groups_add\":["
                + ids + "]},\"Resource\":{\"name\":\"n\",\"id\":\"00u1\"}}";
        String text = file(order("1", "Deleted", "User", null, "00u1"), big, order("3", "Deleted", "User", null, "00u3"));

        OrdersParser.Scan scan = OrdersParser.scan(stream(text), "t.json");
        assertThat(scan.count()).isEqualTo(3);
        assertThat(scan.oversized().stream().boxed().toList()).containsExactly(1);
        List<ProvisioningOrders.Entry> seen = new ArrayList<>();
        OrdersParser.parse(stream(text), "t.json", EntityMapping.DEFAULTS, scan.oversized(), (e, n) -> seen.add(e));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isInstanceOf(ProvisioningOrders.Accepted.class);
        assertThat(seen.get(2)).isInstanceOf(ProvisioningOrders.Accepted.class);
        ProvisioningOrders.Rejected rejected = (ProvisioningOrders.Rejected) seen.get(1);
        assertThat(rejected.result()).isEqualTo(new io.oktaconnector.api.FulfillResult("4711", ProvisioningState.Errored,
                "malformed order #2 (line 3) 4711: is 1,124 KB, more than the 512 KB an order may hold; split its "
                        + "changes over several orders", ChangeType.Modified, "00u1"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
