package io.oktaconnector.okta.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Builds orders in the host's JSON form. */
final class OrderJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode node = JSON.createObjectNode();
    private final ObjectNode changes;

    private OrderJson(String id, String changeType, String entity, String resourceId) {
        node.put("AssignedResourceTypeId", id);
        node.put("ChangeType", changeType);
        node.putObject("ResourceType").put("Identifier", "Okta_" + entity)
                .putObject("TargetEntityType").put("Identifier", entity);
        changes = node.putObject("Changes");
        if (resourceId != null) {
            node.putObject("Resource").put("id", resourceId);
        }
    }

    static OrderJson added(String id, String entity) {
        return new OrderJson(id, "Added", entity, null);
    }

    static OrderJson modified(String id, String entity, String resourceId) {
        return new OrderJson(id, "Modified", entity, resourceId);
    }

    static OrderJson deleted(String id, String entity, String resourceId) {
        OrderJson o = new OrderJson(id, "Deleted", entity, resourceId);
        o.node.remove("Changes");
        return o;
    }

    OrderJson set(String key, Object value) {
        changes.set(key, JSON.valueToTree(value));
        return this;
    }

    OrderJson link(String key, String... ids) {
        ArrayNode a = changes.putArray(key);
        for (String id : ids) {
            a.add(id);
        }
        return this;
    }

    ObjectNode node() {
        return node;
    }

    /** @return the orders file text */
    static String file(List<?> orders) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("ProvisioningOrdersList");
        for (Object o : orders) {
            list.add(o instanceof OrderJson oj ? oj.node : (JsonNode) o);
        }
        return root.toPrettyString();
    }
}
