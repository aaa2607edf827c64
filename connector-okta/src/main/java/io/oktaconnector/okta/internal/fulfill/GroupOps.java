package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.okta.FulfillSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps on groups: create, profile update, delete, members and app assignments. Stateless. */
final class GroupOps {
    private final FulfillSettings settings;

    GroupOps(FulfillSettings settings) {
        this.settings = settings;
    }

    void create(OrderRun r, Operation.CreateGroup op) {
        String name = op.name();
        JsonNode wanted = op.body().reveal().path("profile");
        CreateReconciler.create(r, new CreateReconciler.Kind("group", "name " + name, "a group named " + name,
                "no group named " + name + " was found", wanted, CreateReconciler.Recheck.BEFORE_RESEND,
                lost -> findByName(r, name),
                () -> {
                    JsonNode created = r.wire().send("POST", "/api/v1/groups", Map.of(), op.body());
                    String id = OrderRun.createdId(created, "group");
                    r.created().made(id);
                    r.remember("group", id, created);
                    r.report().did("created group " + name);
                },
                (existing, dropped) -> {
                    String id = Json.text(existing, "id");
                    r.created().found(id);
                    r.remember("group", id, existing);
                    r.report().did("created group " + Json.text(existing.get("profile"), "name"));
                    r.report().note(dropped ? "the answer to the create was lost; group " + id + " named "
                            + name + " was found, so it was not created again"
                            : "group " + id + " named " + name + " was found: taken as created by the interrupted"
                            + " run, not created again");
                },
                existing -> {
                    String id = Json.text(existing, "id");
                    r.created().found(id);
                    r.remember("group", id, existing);
                    r.report().note("adopted the existing group " + id + " named " + name + " (AdoptExistingOnCreate)");
                    updateProfile(r, id, (ObjectNode) wanted);
                }), settings.adoptExistingOnCreate());
    }

    private static JsonNode findByName(OrderRun r, String name) {
        // q is a prefix match on the name: keep the exact (case-insensitive) match among Okta groups
        for (JsonNode g : r.wire().getAll("/api/v1/groups", Map.of("q", name, "limit", OrderRun.PAGE))) {
            JsonNode profile = g.get("profile");
            if (name.equalsIgnoreCase(Json.text(profile, "name")) && "OKTA_GROUP".equals(Json.text(g, "type"))) {
                return g;
            }
        }
        return null;
    }

    private static JsonNode group(OrderRun r, String id) {
        return r.known("group", id, path(id));
    }

    private static JsonNode requireOktaGroup(JsonNode group) {
        String type = Json.text(group, "type");
        if (type == null || type.equals("OKTA_GROUP")) {
            return group;
        }
        String name = Json.text(group.get("profile"), "name");
        String what = "group " + Json.text(group, "id") + (name == null ? "" : " (" + name + ")") + " is " + type;
        throw new ConnectorException(ErrorCode.REJECTED, what + (type.equals("APP_GROUP")
                ? ": Okta changes only OKTA_GROUP groups; an APP_GROUP is managed in the application it comes from"
                : ": Okta changes only OKTA_GROUP groups; a BUILT_IN group (such as Everyone) cannot be changed"));
    }

    void updateProfile(OrderRun r, String id, ObjectNode changes) {
        JsonNode group = requireOktaGroup(group(r, id));
        JsonNode before = group.has("profile") ? group.get("profile") : Json.object();
        ObjectNode profile = before.deepCopy();
        changes.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                profile.remove(e.getKey());
            } else {
                profile.set(e.getKey(), e.getValue());
            }
        });
        if (profile.equals(before)) {
            r.report().note("profile already as requested");
            return;
        }
        ObjectNode body = Json.object();
        body.set("profile", profile);
        JsonNode updated = r.wire().send("PUT", path(id), Map.of(), JsonBody.of(body));
        if (updated.has("id")) {
            r.remember("group", id, updated);
        }
        List<String> names = new ArrayList<>();
        changes.fieldNames().forEachRemaining(names::add);
        r.report().did("updated " + String.join(", ", names));
    }

    void delete(OrderRun r, String id) {
        JsonNode group = r.find(path(id));
        if (group == null) {
            r.report().note("group " + id + " not found: nothing to delete");
            return;
        }
        requireOktaGroup(group);
        r.reserveDestructive("deleting group " + id);
        r.deleteUnlessGone("group", id, path(id), Map.of());
    }

    void userLinks(OrderRun r, Operation.GroupUserLinks op) {
        String gid = r.created().id(op.groupId());
        boolean add = op.op() == LinkChange.Operation.ADD;
        Set<String> current;
        if (r.created().isNew(op.groupId())) {
            current = Set.of();
        } else {
            requireOktaGroup(group(r, gid));
            // read once per run when several orders change this group's members (Memberships)
            current = r.memberships().members(r.wire(), gid).orElseGet(() -> OrderRun.ids(r.wire().getAll(
                    path(gid) + "/users", Map.of("limit", Integer.toString(Memberships.MEMBERS_PAGE)))));
        }
        Tally.apply(r, add ? "added " : "removed ", "user", op.op(), current, op.userIds(),
                u -> path(gid) + "/users/" + Json.segment(u), false, add ? "already members: " : "not members: ",
                (u, known) -> {
                    if (!r.wire().dryRun()) {
                        r.memberships().wrote(gid, u, op.op(), known);
                    }
                });
    }

    void appLinks(OrderRun r, Operation.GroupAppLinks op) {
        String gid = r.created().id(op.groupId());
        boolean add = op.op() == LinkChange.Operation.ADD;
        Tally.apply(r, add ? "assigned " : "unassigned ", "app", op.op(), current(r, op.groupId(), gid, "/apps"),
                op.appIds(), a -> "/api/v1/apps/" + Json.segment(a) + "/groups/" + Json.segment(gid), true,
                add ? "already assigned: " : "not assigned: ");
    }

    /** @return the ids linked to the group under {@code sub}; none for a group this order just made */
    private static Set<String> current(OrderRun r, String ref, String gid, String sub) {
        if (r.created().isNew(ref)) {
            return Set.of();
        }
        requireOktaGroup(group(r, gid));
        return OrderRun.ids(r.wire().getAll(path(gid) + sub, Map.of("limit", OrderRun.PAGE)));
    }

    static String path(String id) {
        return "/api/v1/groups/" + Json.segment(id);
    }
}
