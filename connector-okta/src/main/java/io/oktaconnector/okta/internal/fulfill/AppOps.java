package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps on applications: create, update, status, delete and group assignments. Stateless. */
final class AppOps {
    private static final List<String> SYSTEM_FIELDS = List.of("id", "status", "created", "lastUpdated", "_links",
            "_embedded", "orn");

    void create(OrderRun r, Operation.CreateApp op) {
        String label = op.label();
        JsonNode body = op.body().reveal();
        ObjectNode wanted = Json.object();
        wanted.set("label", body.get("label"));
        if (body.has("signOnMode")) {
            wanted.set("signOnMode", body.get("signOnMode"));
        }
        CreateReconciler.create(r, new CreateReconciler.Kind("app", "label " + label, "an app labelled " + label,
                "no app labelled " + label + " was found", wanted, CreateReconciler.Recheck.BEFORE_RESEND,
                lost -> findByLabel(r, label, lost),
                () -> {
                    JsonNode created = r.wire().send("POST", "/api/v1/apps",
                            Map.of("activate", String.valueOf(op.activate())), op.body());
                    String id = OrderRun.createdId(created, "app");
                    r.created().made(id);
                    r.remember("app", id, created);
                    r.report().did("created app " + label + " (" + (op.activate() ? "ACTIVE" : "INACTIVE") + ")");
                },
                (app, dropped) -> {
                    String id = Json.text(app, "id");
                    r.created().found(id);
                    r.remember("app", id, app);
                    r.report().did("created app " + label + " (" + Json.text(app, "status") + ")");
                    r.report().note((dropped ? "the answer to the create was lost; " : "")
                            + "app " + id + " labelled " + label + " was found"
                            + (dropped ? "" : " (left by the interrupted run)") + ", so it was not created again");
                },
                null), false);
    }

    /** Okta does not keep labels unique: the one app with this label, if there is one. */
    private static JsonNode findByLabel(OrderRun r, String label, ConnectorException lost) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : r.wire().getAll("/api/v1/apps", Map.of("q", label, "limit", OrderRun.PAGE))) {
            if (label.equals(Json.text(a, "label"))) {
                found.add(a);
            }
        }
        if (found.size() > 1) {
            throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "cannot tell whether the app was created:"
                    + " " + found.size() + " apps are labelled " + label + " (" + String.join(", ",
                    OrderRun.ids(found)) + ")" + (lost == null ? "" : "; " + lost.getMessage()), lost);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static JsonNode app(OrderRun r, String id) {
        return r.known("app", id, path(id));
    }

    void update(OrderRun r, String id, ObjectNode changes) {
        JsonNode app = app(r, id);
        for (String fixed : List.of("name", "signOnMode")) {
            JsonNode wanted = changes.get(fixed);
            if (wanted != null && !wanted.asText().equals(Json.text(app, fixed))) {
                throw new ConnectorException(ErrorCode.REJECTED, "the " + fixed + " of an existing application cannot"
                        + " change (it is " + Json.text(app, fixed) + ", the order asks for " + wanted.asText() + ")");
            }
        }
        ObjectNode before = app.deepCopy();
        SYSTEM_FIELDS.forEach(before::remove);
        ObjectNode after = before.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = changes.fields();
        List<String> names = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            if (e.getValue().isNull()) {
                Json.removePath(after, e.getKey());
            } else {
                Json.setPath(after, e.getKey(), e.getValue());
            }
        }
        if (after.equals(before)) {
            r.report().note("app already as requested");
            return;
        }
        JsonNode updated = r.wire().send("PUT", path(id), Map.of(), JsonBody.of(after));
        if (updated.has("id")) {
            r.remember("app", id, updated);
        }
        r.report().did("updated " + String.join(", ", names));
    }

    void setStatus(OrderRun r, String id, boolean active) {
        JsonNode app = app(r, id);
        String wanted = active ? "ACTIVE" : "INACTIVE";
        if (wanted.equals(Json.text(app, "status"))) {
            r.report().note("status already " + wanted);
            return;
        }
        if (!active) {
            r.reserveDestructive("deactivating app " + id);
        }
        r.wire().send("POST", path(id) + "/lifecycle/" + (active ? "activate" : "deactivate"), Map.of(), null);
        r.report().did(active ? "activated" : "deactivated");
    }

    void delete(OrderRun r, String id) {
        JsonNode app = r.find(path(id));
        if (app == null) {
            r.report().note("app " + id + " not found: nothing to delete");
            return;
        }
        r.reserveDestructive("deleting app " + id);
        if ("ACTIVE".equals(Json.text(app, "status"))) {
            // Okta deletes only INACTIVE apps (E0000056)
            r.wire().send("POST", path(id) + "/lifecycle/deactivate", Map.of(), null);
            r.report().did("deactivated");
        }
        r.deleteUnlessGone("app", id, path(id), Map.of());
    }

    void groupLinks(OrderRun r, Operation.AppGroupLinks op) {
        String aid = r.created().id(op.appId());
        Set<String> current = Set.of();
        if (!r.created().isNew(op.appId())) {
            app(r, aid);
            current = OrderRun.ids(r.wire().getAll(path(aid) + "/groups", Map.of("limit", OrderRun.PAGE)));
        }
        boolean add = op.op() == LinkChange.Operation.ADD;
        Tally.apply(r, add ? "assigned " : "unassigned ", "group", op.op(), current, op.groupIds(),
                g -> path(aid) + "/groups/" + Json.segment(g), true, add ? "already assigned: " : "not assigned: ");
    }

    static String path(String id) {
        return "/api/v1/apps/" + Json.segment(id);
    }
}
