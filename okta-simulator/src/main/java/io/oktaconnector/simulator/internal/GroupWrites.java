package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** Group create/replace/delete and membership changes: only OKTA_GROUPs can be changed. */
final class GroupWrites {
    private GroupWrites() {
    }

    static Reply create(Ctx c) {
        ObjectNode body = c.jsonBody();
        ObjectNode profile = profile(c, body);
        synchronized (c.store.lock()) {
            requireUniqueName(c, profile.get("name").asText(), null);
            String now = c.store.now();
            ObjectNode g = Json.object();
            g.put("id", "");
            g.put("created", now);
            g.put("lastUpdated", now);
            g.put("lastMembershipUpdated", now);
            g.putArray("objectClass").add("okta:user_group");
            g.put("type", "OKTA_GROUP");
            g.set("profile", profile);
            c.store.insertGroup(g);
            return Reply.raw(Wire.withExtra(g, Links.group(c.origin, g, null)));
        }
    }

    static Reply replace(Ctx c, String id) {
        ObjectNode body = c.jsonBody();
        synchronized (c.store.lock()) {
            OrgStore.GroupRec g = GroupEndpoints.require(c, id);
            requireOktaGroup(g);
            ObjectNode profile = profile(c, body);
            requireUniqueName(c, profile.get("name").asText(), g.id());
            ObjectNode n = g.json().deepCopy();
            n.set("profile", profile);
            n.put("lastUpdated", c.store.now());
            c.store.replaceGroup(g, n);
            return Reply.raw(Wire.withExtra(n, Links.group(c.origin, n, null)));
        }
    }

    static Reply delete(Ctx c, String id) {
        synchronized (c.store.lock()) {
            OrgStore.GroupRec g = GroupEndpoints.require(c, id);
            if (g.type().equals("BUILT_IN")) {
                throw new ApiError(403, "E0000006", "You do not have permission to perform the requested action",
                        "Groups of type BUILT_IN cannot be deleted");
            }
            c.store.deleteGroup(g);
        }
        return Reply.noContent();
    }

    static Reply addMember(Ctx c, String groupId, String userId) {
        synchronized (c.store.lock()) {
            OrgStore.GroupRec g = GroupEndpoints.require(c, groupId);
            long u = UserEndpoints.require(c, userId);
            requireOktaGroup(g);
            c.store.addMember(g, u);
        }
        return Reply.noContent();
    }

    static Reply removeMember(Ctx c, String groupId, String userId) {
        synchronized (c.store.lock()) {
            OrgStore.GroupRec g = GroupEndpoints.require(c, groupId);
            long u = UserEndpoints.require(c, userId);
            requireOktaGroup(g);
            c.store.removeMember(g, u);
        }
        return Reply.noContent();
    }

    private static void requireOktaGroup(OrgStore.GroupRec g) {
        if (g.type().equals("BUILT_IN")) {
            throw new ApiError(403, "E0000006", "You do not have permission to perform the requested action",
                    "Groups of type BUILT_IN cannot be modified");
        }
        if (!g.type().equals("OKTA_GROUP")) {
            throw new ApiError(400, "E0000001", "Api validation failed: group",
                    "group: Groups of type " + g.type() + " are managed by their application and cannot be modified");
        }
    }

    private static void requireUniqueName(Ctx c, String name, String exceptId) {
        boolean taken = c.store.allGroups().anyMatch(g -> !g.id().equals(exceptId)
                && g.type().equals("OKTA_GROUP") && g.json().path("profile").path("name").asText().equalsIgnoreCase(name));
        if (taken) {
            throw new ApiError(400, "E0000001", "Api validation failed: name",
                    "name: An object with this field already exists in the current organization");
        }
    }

    private static ObjectNode profile(Ctx c, ObjectNode body) {
        JsonNode p = body.get("profile");
        if (p == null || !p.isObject()) {
            throw ApiError.validation("profile", "The field cannot be left blank");
        }
        ObjectNode profile = ((ObjectNode) p).deepCopy();
        JsonNode name = profile.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiError.validation("name", "The field cannot be left blank");
        }
        JsonNode defs = c.store.groupSchema().path("definitions");
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!defs.path("base").path("properties").has(k) && !defs.path("custom").path("properties").has(k)) {
                throw ApiError.validation(k, "Property name '" + k + "' is not defined in the profile");
            }
            if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                throw ApiError.validation(k, "Does not match required type string");
            }
        }
        return profile;
    }
}
