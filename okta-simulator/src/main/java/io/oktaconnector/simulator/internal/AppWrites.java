package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** App create/replace/delete/lifecycle and group assignments. */
final class AppWrites {
    private AppWrites() {
    }

    static Reply create(Ctx c) {
        ObjectNode body = c.jsonBody();
        boolean activate = c.flag("activate", true);
        validate(body);
        synchronized (c.store.lock()) {
            String now = c.store.now();
            ObjectNode a = Json.object();
            a.put("id", "");
            String mode = body.get("signOnMode").asText();
            a.put("name", body.path("name").asText(defaultName(mode)));
            a.put("label", body.get("label").asText());
            a.put("status", activate ? "ACTIVE" : "INACTIVE");
            a.put("lastUpdated", now);
            a.put("created", now);
            copyOrDefault(body, a);
            a.put("signOnMode", mode);
            c.store.insertApp(a);
            ObjectNode stored = a;
            return Reply.raw(Wire.withExtra(stored, Links.app(c.origin, stored)));
        }
    }

    static Reply replace(Ctx c, String id) {
        ObjectNode body = c.jsonBody();
        validate(body);
        synchronized (c.store.lock()) {
            OrgStore.AppRec rec = AppEndpoints.require(c, id);
            ObjectNode cur = rec.json();
            ObjectNode a = Json.object();
            // system fields are ignored on PUT: id, name, status, created, lastUpdated
            a.put("id", cur.get("id").asText());
            a.put("name", cur.get("name").asText());
            a.put("label", body.get("label").asText());
            a.put("status", cur.get("status").asText());
            a.put("lastUpdated", c.store.now());
            a.put("created", cur.get("created").asText());
            copyOrDefault(body, a);
            a.put("signOnMode", body.get("signOnMode").asText());
            c.store.replaceApp(rec, a);
            return Reply.raw(Wire.withExtra(a, Links.app(c.origin, a)));
        }
    }

    static Reply delete(Ctx c, String id) {
        synchronized (c.store.lock()) {
            OrgStore.AppRec rec = AppEndpoints.require(c, id);
            if (!"INACTIVE".equals(rec.json().path("status").asText())) {
                throw new ApiError(403, "E0000056", "Delete application forbidden.",
                        "The application must be deactivated before deletion.");
            }
            c.store.deleteApp(rec);
        }
        return Reply.noContent();
    }

    static Reply lifecycle(Ctx c, String id, String op) {
        String status = switch (op) {
            case "activate" -> "ACTIVE";
            case "deactivate" -> "INACTIVE";
            default -> throw Api.pathNotFound();
        };
        synchronized (c.store.lock()) {
            OrgStore.AppRec rec = AppEndpoints.require(c, id);
            if (!status.equals(rec.json().path("status").asText())) {
                ObjectNode a = rec.json().deepCopy();
                a.put("status", status);
                a.put("lastUpdated", c.store.now());
                c.store.replaceApp(rec, a);
            }
        }
        return Reply.emptyOk();
    }

    static Reply assign(Ctx c, String appId, String groupId) {
        ObjectNode body = c.optionalJsonBody();
        synchronized (c.store.lock()) {
            OrgStore.AppRec rec = AppEndpoints.require(c, appId);
            OrgStore.GroupRec g = GroupEndpoints.require(c, groupId);
            ObjectNode existing = rec.assignments.get(g.id());
            int priority;
            JsonNode p = body.get("priority");
            if (p != null && !p.isNull()) {
                if (!p.isIntegralNumber() || p.asInt() < 0) {
                    throw ApiError.validation("priority", "must be a non-negative integer");
                }
                priority = p.asInt();
            } else if (existing != null) {
                priority = existing.get("priority").asInt();
            } else {
                priority = rec.assignments.values().stream().mapToInt(n -> n.get("priority").asInt() + 1)
                        .max().orElse(0);
            }
            ObjectNode as = OrgStore.assignment(g.id(), priority, c.store.now());
            JsonNode prof = body.get("profile");
            if (prof != null && prof.isObject()) {
                as.set("profile", prof.deepCopy());
            } else if (existing != null) {
                as.set("profile", existing.get("profile").deepCopy());
            }
            rec.assignments.put(g.id(), as);
            return Reply.raw(Wire.withExtra(as, Links.assignment(c.origin, rec.id(), g.id())));
        }
    }

    static Reply unassign(Ctx c, String appId, String groupId) {
        synchronized (c.store.lock()) {
            OrgStore.AppRec rec = AppEndpoints.require(c, appId);
            if (rec.assignments.remove(groupId) == null) {
                throw ApiError.notFound(groupId, "ApplicationGroupAssignment");
            }
        }
        return Reply.noContent();
    }

    private static void validate(ObjectNode body) {
        JsonNode label = body.get("label");
        if (label == null || !label.isTextual() || label.asText().isBlank()) {
            throw ApiError.validation("label", "The field cannot be left blank");
        }
        JsonNode mode = body.get("signOnMode");
        if (mode == null || !mode.isTextual() || mode.asText().isBlank()) {
            throw ApiError.validation("signOnMode", "The field cannot be left blank");
        }
    }

    private static void copyOrDefault(ObjectNode body, ObjectNode a) {
        a.set("accessibility", body.has("accessibility") ? body.get("accessibility").deepCopy()
                : Json.object().put("selfService", false));
        if (body.has("visibility")) {
            a.set("visibility", body.get("visibility").deepCopy());
        } else {
            ObjectNode vis = a.putObject("visibility");
            vis.put("autoSubmitToolbar", false);
            vis.putObject("hide").put("iOS", false).put("web", false);
            vis.putObject("appLinks");
        }
        a.set("features", body.has("features") ? body.get("features").deepCopy() : Json.array());
        a.set("credentials", body.has("credentials") ? body.get("credentials").deepCopy()
                : Json.object().set("userNameTemplate",
                        Json.object().put("template", "${source.login}").put("type", "BUILT_IN")));
        a.set("settings", body.has("settings") ? body.get("settings").deepCopy()
                : Json.object().set("app", Json.object()));
        if (body.has("profile")) {
            a.set("profile", body.get("profile").deepCopy());
        }
    }

    private static String defaultName(String mode) {
        return switch (mode) {
            case "BOOKMARK" -> "bookmark";
            case "OPENID_CONNECT" -> "oidc_client";
            case "BROWSER_PLUGIN" -> "template_swa";
            case "SECURE_PASSWORD_STORE" -> "template_sps";
            case "BASIC_AUTH" -> "template_basic_auth";
            case "WS_FEDERATION" -> "template_wsfed";
            default -> "custom_" + mode.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
