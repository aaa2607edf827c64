package io.oktaconnector.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.SimOrg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds an orders file in the host's JSON form ({@code ProvisioningOrdersList}), and picks ids from an org. */
final class Orders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode list = root.putArray("ProvisioningOrdersList");

    /** @return the {@code Changes} object of a new order */
    ObjectNode add(String id, String changeType, String entity, String resourceId) {
        ObjectNode o = list.addObject();
        o.put("AssignedResourceTypeId", id);
        o.put("ChangeType", changeType);
        o.put("WorkflowInstanceId", "ignored-" + id); // a field the connector does not use, as hosts send
        o.putObject("ResourceType").put("Identifier", "Okta_" + entity)
                .putObject("TargetEntityType").put("Identifier", entity);
        ObjectNode changes = o.putObject("Changes");
        if (resourceId != null) {
            o.putObject("Resource").put("id", resourceId);
        }
        return changes;
    }

    /** @return the {@code Changes} object of a new user order with login, e-mail and names */
    ObjectNode newUser(String id, String login) {
        return add(id, "Added", "User", null).put("profile.login", login).put("profile.email", login)
                .put("profile.firstName", "Ada").put("profile.lastName", "Lovelace");
    }

    int size() {
        return list.size();
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, root.toPrettyString(), StandardCharsets.UTF_8);
        return file;
    }

    // ---------------------------------------------------------------- ids from the org's ground truth

    static String user(SimOrg org, String status, int n) {
        return org.users().filter(u -> u.path("status").asText().equals(status)).skip(n).findFirst()
                .orElseThrow().path("id").asText();
    }

    static String group(SimOrg org, int n) {
        return org.groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP")).skip(n).findFirst()
                .orElseThrow().path("id").asText();
    }

    static String activeApp(SimOrg org) {
        return org.apps().filter(a -> a.path("status").asText().equals("ACTIVE")).findFirst()
                .orElseThrow().path("id").asText();
    }

    static String login(SimOrg org, String userId) {
        return org.user(userId).orElseThrow().path("profile").path("login").asText();
    }

    /** @return the id of the user with this login, or null */
    static String userIdByLogin(SimOrg org, String login) {
        return org.user(login).map(u -> u.path("id").asText()).orElse(null);
    }
}
