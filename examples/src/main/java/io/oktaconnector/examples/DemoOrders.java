package io.oktaconnector.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.SimOrg;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's sample of provisioning orders, in the host's JSON form, built against the seeded org so that they name
 * real ids: new users with groups, an update, a suspension, a new group with members, an application assignment and
 * one order that fails on purpose (a login that exists already).
 */
final class DemoOrders {

    /** The assignment id of the order that fails on purpose. */
    static final String DUPLICATE = "DEMO-08";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoOrders() {
    }

    /**
     * @param json        the orders file's text
     * @param description what the orders do, for a person
     * @param count       how many orders
     */
    record Sample(String json, String description, int count) {
        Sample {
            Objects.requireNonNull(json, "json == null");
            Objects.requireNonNull(description, "description == null");
        }
    }

    /**
     * @param org the demo org (its ground truth: ids of existing users, groups and applications)
     * @return the sample
     * @throws IllegalStateException when the org lacks what the sample needs (two OKTA_GROUPs, three ACTIVE users, an
     *                               ACTIVE application); the seeded demo org always has them
     */
    static Sample build(SimOrg org) {
        List<String> groups = org.groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP"))
                .limit(2).map(g -> g.path("id").asText()).toList();
        List<ObjectNode> active = org.users().filter(u -> u.path("status").asText().equals("ACTIVE")).limit(3).toList();
        ObjectNode app = org.apps().filter(a -> a.path("status").asText().equals("ACTIVE")).findFirst().orElse(null);
        if (groups.size() < 2 || active.size() < 3 || app == null) {
            throw new IllegalStateException("the demo org lacks two OKTA_GROUPs, three ACTIVE users or an ACTIVE app");
        }
        String appId = app.path("id").asText();
        Set<String> assigned = org.appGroupAssignments(appId).map(a -> a.path("id").asText()).collect(Collectors.toSet());
        // a group the application does not have yet, so the assignment is a real change
        String toAssign = org.groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP"))
                .map(g -> g.path("id").asText()).filter(id -> !assigned.contains(id)).findFirst().orElse(groups.get(0));
        String updated = active.get(0).path("id").asText();
        String suspended = active.get(1).path("id").asText();
        String existingLogin = active.get(2).path("profile").path("login").asText();

        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("ProvisioningOrdersList");
        newUser(list, "DEMO-01", "ada.lovelace@demo.example.com", "Ada", "Lovelace", groups);
        newUser(list, "DEMO-02", "grace.hopper@demo.example.com", "Grace", "Hopper", groups.subList(0, 1));
        newUser(list, "DEMO-03", "alan.turing@demo.example.com", "Alan", "Turing", groups.subList(1, 2));
        order(list, "DEMO-04", "Modified", "User", updated).put("profile.title", "Demo lead")
                .put("profile.city", "Lisbon");
        order(list, "DEMO-05", "Modified", "User", suspended).put("status", "SUSPENDED");
        order(list, "DEMO-06", "Added", "Group", null).put("profile.name", "Demo pilots")
                .put("profile.description", "created by the demo").putArray("Users_add").add(updated).add(suspended);
        order(list, "DEMO-07", "Modified", "Application", appId).putArray("Groups_add").add(toAssign);
        newUser(list, DUPLICATE, existingLogin, "Dup", "Licate", List.of());
        String description = "3 new users with groups (DEMO-01..03), an update (DEMO-04), a suspension (DEMO-05), "
                + "a new group with 2 members (DEMO-06), a group assigned to an application (DEMO-07), "
                + "and a new user whose login exists already (" + DUPLICATE + ", fails on purpose)";
        return new Sample(root.toPrettyString(), description, list.size());
    }

    private static void newUser(ArrayNode list, String id, String login, String first, String last,
                                List<String> groups) {
        ObjectNode changes = order(list, id, "Added", "User", null);
        changes.put("profile.login", login).put("profile.email", login).put("profile.firstName", first)
                .put("profile.lastName", last);
        if (!groups.isEmpty()) {
            ArrayNode add = changes.putArray("Groups_add");
            groups.forEach(add::add);
        }
    }

    /** Appends an order to the list; returns its {@code Changes} object, to be filled. */
    private static ObjectNode order(ArrayNode list, String id, String changeType, String entity, String resourceId) {
        ObjectNode o = list.addObject();
        o.put("AssignedResourceTypeId", id);
        o.put("ChangeType", changeType);
        o.putObject("ResourceType").put("Identifier", "Okta_" + entity)
                .putObject("TargetEntityType").put("Identifier", entity);
        ObjectNode changes = o.putObject("Changes");
        if (resourceId != null) {
            o.putObject("Resource").put("id", resourceId);
        }
        return changes;
    }
}
