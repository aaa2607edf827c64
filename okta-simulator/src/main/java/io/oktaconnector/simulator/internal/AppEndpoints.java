package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** {@code /api/v1/apps...} */
final class AppEndpoints {
    static final int LIST_DEFAULT = 20;
    static final int LIST_MAX = 200;
    static final int GROUPS_DEFAULT = 20;
    static final int GROUPS_MAX = 200;

    private AppEndpoints() {
    }

    static Reply handle(Ctx c) {
        String[] s = c.seg;
        String m = c.method;
        if (s.length == 1) {
            return switch (m) {
                case "GET" -> list(c);
                case "POST" -> AppWrites.create(c);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 2) {
            return switch (m) {
                case "GET" -> get(c, s[1]);
                case "PUT" -> AppWrites.replace(c, s[1]);
                case "DELETE" -> AppWrites.delete(c, s[1]);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 4 && s[2].equals("lifecycle")) {
            if (!m.equals("POST")) {
                throw Api.methodNotAllowed();
            }
            return AppWrites.lifecycle(c, s[1], s[3]);
        }
        if (s.length == 3 && s[2].equals("groups")) {
            if (!m.equals("GET")) {
                throw Api.methodNotAllowed();
            }
            return groups(c, s[1]);
        }
        if (s.length == 4 && s[2].equals("groups")) {
            return switch (m) {
                case "GET" -> assignment(c, s[1], s[3]);
                case "PUT" -> AppWrites.assign(c, s[1], s[3]);
                case "DELETE" -> AppWrites.unassign(c, s[1], s[3]);
                default -> throw Api.methodNotAllowed();
            };
        }
        throw Api.pathNotFound();
    }

    static OrgStore.AppRec require(Ctx c, String id) {
        OrgStore.AppRec a = c.store.app(id);
        if (a == null) {
            throw ApiError.notFound(id, "AppInstance");
        }
        return a;
    }

    private static Reply get(Ctx c, String id) {
        OrgStore.AppRec a = require(c, id);
        return Reply.raw(Wire.withExtra(a.json(), Links.app(c.origin, a.json())));
    }

    private static Reply list(Ctx c) {
        String q = c.param("q");
        String filter = c.param("filter");
        Predicate<JsonNode> p = filter != null ? Query.parse(filter, Query.APP_FILTER) : n -> true;
        if (q != null) {
            String lq = q.toLowerCase(Locale.ROOT);
            Predicate<JsonNode> base = p;
            p = n -> base.test(n) && (n.path("name").asText().toLowerCase(Locale.ROOT).startsWith(lq)
                    || n.path("label").asText().toLowerCase(Locale.ROOT).startsWith(lq));
        }
        int limit = c.limit(LIST_DEFAULT, LIST_MAX);
        long after = UserEndpoints.cursor(c, c.store.ids()::decodeApp);
        List<ObjectNode> found = new ArrayList<>();
        for (OrgStore.AppRec a : c.store.appsAfter(after)) {
            if (p.test(a.json())) {
                found.add(a.json());
                if (found.size() > limit) {
                    break;
                }
            }
        }
        return page(c, found, limit);
    }

    static Reply page(Ctx c, List<ObjectNode> found, int limit) {
        boolean more = found.size() > limit;
        List<ObjectNode> pageItems = more ? found.subList(0, limit) : found;
        List<byte[]> items = new ArrayList<>(pageItems.size());
        String last = null;
        for (ObjectNode a : pageItems) {
            last = a.get("id").asText();
            items.add(Wire.withExtra(a, Links.app(c.origin, a)));
        }
        return Reply.page(items, more ? last : null, last);
    }

    private static Reply groups(Ctx c, String appId) {
        OrgStore.AppRec a = require(c, appId);
        int limit = c.limit(GROUPS_DEFAULT, GROUPS_MAX);
        String after = c.after();
        if (after != null && c.store.ids().decodeGroup(after) < 0) {
            throw new ApiError(400, "E0000029", "Invalid paging request.");
        }
        Map<String, ObjectNode> tail = after == null ? a.assignments() : a.assignments.tailMap(after, false);
        List<byte[]> items = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Map.Entry<String, ObjectNode> e : tail.entrySet()) {
            if (items.size() == limit) {
                more = true;
                break;
            }
            last = e.getKey();
            items.add(Wire.withExtra(e.getValue(), Links.assignment(c.origin, a.id(), last)));
        }
        return Reply.page(items, more ? last : null, last);
    }

    private static Reply assignment(Ctx c, String appId, String groupId) {
        OrgStore.AppRec a = require(c, appId);
        ObjectNode as = a.assignments().get(groupId);
        if (as == null) {
            throw ApiError.notFound(groupId, "ApplicationGroupAssignment");
        }
        return Reply.raw(Wire.withExtra(as, Links.assignment(c.origin, a.id(), groupId)));
    }
}
