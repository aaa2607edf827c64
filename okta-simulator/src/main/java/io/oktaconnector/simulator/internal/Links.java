package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The HAL {@code _links} (and {@code _embedded}) the wire adds to stored objects. */
final class Links {
    private Links() {
    }

    static ObjectNode userCollection(String origin, String id) {
        ObjectNode extra = Json.object();
        extra.putObject("_links").set("self", Wire.href(origin + "/api/v1/users/" + id));
        return extra;
    }

    static ObjectNode userFull(String origin, ObjectNode user) {
        String id = user.get("id").asText();
        String base = origin + "/api/v1/users/" + id;
        ObjectNode extra = Json.object();
        ObjectNode l = extra.putObject("_links");
        String status = user.path("status").asText();
        switch (status) {
            case "ACTIVE" -> {
                op(l, base, "suspend");
                op(l, base, "resetPassword", "reset_password");
                op(l, base, "expirePassword", "expire_password");
                op(l, base, "resetFactors", "reset_factors");
                op(l, base, "deactivate");
            }
            case "SUSPENDED" -> {
                op(l, base, "unsuspend");
                op(l, base, "deactivate");
            }
            case "STAGED" -> {
                op(l, base, "activate");
                op(l, base, "deactivate");
            }
            case "PROVISIONED" -> {
                op(l, base, "reactivate");
                op(l, base, "deactivate");
            }
            case "DEPROVISIONED" -> op(l, base, "activate");
            case "LOCKED_OUT" -> {
                op(l, base, "unlock");
                op(l, base, "resetPassword", "reset_password");
                op(l, base, "deactivate");
            }
            default -> {
                op(l, base, "resetPassword", "reset_password");
                op(l, base, "deactivate");
            }
        }
        String type = user.path("type").path("id").asText();
        l.set("schema", Wire.href(origin + "/api/v1/meta/schemas/user/" + type));
        l.set("type", Wire.href(origin + "/api/v1/meta/types/user/" + type));
        l.set("self", Wire.href(base));
        return extra;
    }

    private static void op(ObjectNode l, String base, String rel) {
        op(l, base, rel, rel);
    }

    private static void op(ObjectNode l, String base, String rel, String path) {
        l.set(rel, Wire.href(base + "/lifecycle/" + path).put("method", "POST"));
    }

    static ObjectNode group(String origin, ObjectNode group, ObjectNode stats) {
        String id = group.get("id").asText();
        ObjectNode extra = Json.object();
        if (stats != null) {
            extra.putObject("_embedded").set("stats", stats);
        }
        ObjectNode l = extra.putObject("_links");
        l.putArray("logo")
                .add(Json.object().put("name", "medium").put("href", origin + "/img/logos/groups/okta-medium.png")
                        .put("type", "image/png"))
                .add(Json.object().put("name", "large").put("href", origin + "/img/logos/groups/okta-large.png")
                        .put("type", "image/png"));
        l.set("users", Wire.href(origin + "/api/v1/groups/" + id + "/users"));
        l.set("apps", Wire.href(origin + "/api/v1/groups/" + id + "/apps"));
        return extra;
    }

    static ObjectNode app(String origin, ObjectNode app) {
        String id = app.get("id").asText();
        String base = origin + "/api/v1/apps/" + id;
        ObjectNode extra = Json.object();
        ObjectNode l = extra.putObject("_links");
        l.set("groups", Wire.href(base + "/groups"));
        l.set("users", Wire.href(base + "/users"));
        l.putArray("logo").add(Json.object().put("name", "medium")
                .put("href", origin + "/assets/img/logos/default.png").put("type", "image/png"));
        l.putArray("appLinks");
        boolean active = "ACTIVE".equals(app.path("status").asText());
        l.set(active ? "deactivate" : "activate",
                Wire.href(base + "/lifecycle/" + (active ? "deactivate" : "activate")));
        l.set("self", Wire.href(base));
        return extra;
    }

    static ObjectNode assignment(String origin, String appId, String groupId) {
        ObjectNode extra = Json.object();
        ObjectNode l = extra.putObject("_links");
        l.set("app", Wire.href(origin + "/api/v1/apps/" + appId));
        l.set("group", Wire.href(origin + "/api/v1/groups/" + groupId));
        return extra;
    }

    static ObjectNode schema(String origin, String path) {
        ObjectNode extra = Json.object();
        extra.putObject("_links").set("self", Wire.href(origin + path).put("method", "GET").put("rel", "self"));
        return extra;
    }
}
