package io.oktaconnector.okta.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.SimOrg;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One provisioning order in the host's JSON form, with the org state it must produce: {@link #applied} tells, from the
 * simulator's ground truth, whether the order's change is in the org.
 *
 * @param id      the order's {@code AssignedResourceTypeId}
 * @param json    the order
 * @param what    a short description for messages
 * @param applied whether the org shows the change
 */
record Order(String id, ObjectNode json, String what, Predicate<SimOrg> applied) {

    static final ObjectMapper JSON = new ObjectMapper();

    Order {
        Objects.requireNonNull(id);
        Objects.requireNonNull(json);
        Objects.requireNonNull(applied);
    }

    @Override
    public String toString() {
        return id + " (" + what + ")";
    }

    static ObjectNode base(String id, String changeType, String entity, String resourceId) {
        ObjectNode n = JSON.createObjectNode();
        n.put("AssignedResourceTypeId", id);
        n.put("ChangeType", changeType);
        n.putObject("ResourceType").put("Identifier", "Okta_" + entity).putObject("TargetEntityType")
                .put("Identifier", entity);
        if (!changeType.equals("Deleted")) {
            n.putObject("Changes");
        }
        if (resourceId != null) {
            n.putObject("Resource").put("id", resourceId);
        }
        return n;
    }

    static ObjectNode changes(ObjectNode order) {
        return (ObjectNode) order.get("Changes");
    }

    static ArrayNode ids(ObjectNode changes, String key, String... ids) {
        ArrayNode a = changes.putArray(key);
        for (String i : ids) {
            a.add(i);
        }
        return a;
    }

    /** A new user with this login (and city); applied when exactly one user has the login and the city. */
    static Order createUser(String id, String login, String city) {
        ObjectNode n = base(id, "Added", "User", null);
        changes(n).put("profile.login", login).put("profile.email", login).put("profile.firstName", "Rel")
                .put("profile.lastName", "Iability").put("profile.city", city);
        return new Order(id, n, "create user " + login,
                org -> org.user(login).map(u -> city.equals(u.path("profile").path("city").asText())).orElse(false));
    }

    /** A new OKTA_GROUP with this name; applied when exactly one group has it. */
    static Order createGroup(String id, String name) {
        ObjectNode n = base(id, "Added", "Group", null);
        changes(n).put("profile.name", name).put("profile.description", "made by " + id);
        return new Order(id, n, "create group " + name, org -> groupsNamed(org, name) == 1);
    }

    /** A new bookmark app with this label; applied when exactly one app has it. */
    static Order createApp(String id, String label) {
        ObjectNode n = base(id, "Added", "Application", null);
        changes(n).put("label", label).put("signOnMode", "BOOKMARK").put("settings.app.url",
                "https://example.com/" + id);
        return new Order(id, n, "create app " + label, org -> appsLabelled(org, label) == 1);
    }

    /** Sets a user's city. */
    static Order updateUser(String id, String userId, String city) {
        ObjectNode n = base(id, "Modified", "User", userId);
        changes(n).put("profile.city", city);
        return new Order(id, n, "set city of " + userId, org -> org.user(userId)
                .map(u -> city.equals(u.path("profile").path("city").asText())).orElse(false));
    }

    /** Sets a user's status. */
    static Order userStatus(String id, String userId, String status) {
        ObjectNode n = base(id, "Modified", "User", userId);
        changes(n).put("status", status);
        return new Order(id, n, "status " + status + " for " + userId, org -> org.user(userId)
                .map(u -> status.equals(u.path("status").asText())).orElse(false));
    }

    /** Sets a group's description. */
    static Order updateGroup(String id, String groupId, String description) {
        ObjectNode n = base(id, "Modified", "Group", groupId);
        changes(n).put("profile.description", description);
        return new Order(id, n, "describe group " + groupId, org -> org.group(groupId)
                .map(g -> description.equals(g.path("profile").path("description").asText())).orElse(false));
    }

    /** Adds or removes a user's membership in a group, from the user's side. */
    static Order userGroups(String id, String userId, String groupId, boolean add) {
        ObjectNode n = base(id, "Modified", "User", userId);
        ids(changes(n), add ? "Groups_add" : "Groups_remove", groupId);
        return new Order(id, n, (add ? "add " : "remove ") + userId + (add ? " to " : " from ") + groupId,
                org -> org.isMember(groupId, userId) == add);
    }

    /** Assigns or unassigns a group to an app, from the app's side. */
    static Order appGroups(String id, String appId, String groupId, boolean add) {
        ObjectNode n = base(id, "Modified", "Application", appId);
        ids(changes(n), add ? "Groups_add" : "Groups_remove", groupId);
        return new Order(id, n, (add ? "assign " : "unassign ") + groupId + (add ? " to " : " from ") + appId,
                org -> org.appGroupAssignments(appId).anyMatch(a -> a.path("id").asText().equals(groupId)) == add);
    }

    /** Deletes a group. */
    static Order deleteGroup(String id, String groupId) {
        return new Order(id, base(id, "Deleted", "Group", groupId), "delete group " + groupId,
                org -> org.group(groupId).isEmpty());
    }

    /** Deletes an app (Okta needs it deactivated first). */
    static Order deleteApp(String id, String appId) {
        return new Order(id, base(id, "Deleted", "Application", appId), "delete app " + appId,
                org -> org.app(appId).isEmpty());
    }

    /** Deactivates a user (the default UserDeleteMode). */
    static Order deleteUser(String id, String userId) {
        return new Order(id, base(id, "Deleted", "User", userId), "deactivate user " + userId,
                org -> org.user(userId).map(u -> u.path("status").asText().equals("DEPROVISIONED")).orElse(true));
    }

    static long groupsNamed(SimOrg org, String name) {
        return org.groups().filter(g -> g.path("profile").path("name").asText().equals(name)).count();
    }

    static long appsLabelled(SimOrg org, String label) {
        return org.apps().filter(a -> a.path("label").asText().equals(label)).count();
    }

    /** @return the orders file text */
    static String file(List<Order> orders) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("ProvisioningOrdersList");
        for (Order o : orders) {
            list.add(o.json());
        }
        return root.toPrettyString();
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
