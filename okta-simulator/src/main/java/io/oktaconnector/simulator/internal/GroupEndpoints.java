package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** {@code /api/v1/groups...} */
final class GroupEndpoints {
    static final int LIST_DEFAULT = 10000;
    static final int LIST_MAX = 10000;
    static final int Q_DEFAULT = 300;
    static final int MEMBERS_DEFAULT = 1000;
    static final int MEMBERS_MAX = 1000;
    static final int APPS_DEFAULT = 20;
    static final int APPS_MAX = 200;

    private GroupEndpoints() {
    }

    static Reply handle(Ctx c) {
        String[] s = c.seg;
        String m = c.method;
        if (s.length == 1) {
            return switch (m) {
                case "GET" -> list(c);
                case "POST" -> GroupWrites.create(c);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 2) {
            return switch (m) {
                case "GET" -> get(c, s[1]);
                case "PUT" -> GroupWrites.replace(c, s[1]);
                case "DELETE" -> GroupWrites.delete(c, s[1]);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 3 && s[2].equals("users")) {
            if (!m.equals("GET")) {
                throw Api.methodNotAllowed();
            }
            return members(c, s[1]);
        }
        if (s.length == 4 && s[2].equals("users")) {
            return switch (m) {
                case "PUT" -> GroupWrites.addMember(c, s[1], s[3]);
                case "DELETE" -> GroupWrites.removeMember(c, s[1], s[3]);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 3 && s[2].equals("apps")) {
            if (!m.equals("GET")) {
                throw Api.methodNotAllowed();
            }
            return apps(c, s[1]);
        }
        throw Api.pathNotFound();
    }

    static OrgStore.GroupRec require(Ctx c, String id) {
        OrgStore.GroupRec g = c.store.group(id);
        if (g == null) {
            throw ApiError.notFound(id, "UserGroup");
        }
        return g;
    }

    private static Reply get(Ctx c, String id) {
        OrgStore.GroupRec g = require(c, id);
        boolean stats = expandStats(c);
        return Reply.raw(Wire.withExtra(g.json(), Links.group(c.origin, g.json(), stats ? stats(c, g) : null)));
    }

    private static boolean expandStats(Ctx c) {
        String e = c.param("expand");
        return e != null && List.of(e.split(",")).contains("stats");
    }

    static ObjectNode stats(Ctx c, OrgStore.GroupRec g) {
        ObjectNode s = Json.object();
        s.put("usersCount", c.store.memberCount(g));
        long apps = c.store.allApps().filter(a -> a.assignments().containsKey(g.id())).count();
        s.put("appsCount", apps);
        s.put("groupPushMappingsCount", 0);
        s.put("hasAdminPrivlege", false); // sic: Okta's spelling
        return s;
    }

    private static Reply list(Ctx c) {
        String q = c.param("q");
        String filter = c.param("filter");
        String search = c.param("search");
        boolean stats = expandStats(c);
        if (q != null && filter == null && search == null) {
            int limit = c.limit(Q_DEFAULT, Q_DEFAULT);
            String lq = q.toLowerCase(Locale.ROOT);
            List<byte[]> items = new ArrayList<>();
            for (OrgStore.GroupRec g : c.store.groupsAfter(-1)) {
                if (g.json().path("profile").path("name").asText().toLowerCase(Locale.ROOT).startsWith(lq)) {
                    items.add(Wire.withExtra(g.json(), Links.group(c.origin, g.json(), stats ? stats(c, g) : null)));
                    if (items.size() >= limit) {
                        break;
                    }
                }
            }
            return Reply.raw(Wire.array(items));
        }
        if (filter != null && search != null) {
            throw new ApiError(400, "E0000063", "Invalid combination of parameters specified.");
        }
        Predicate<JsonNode> p = search != null ? Query.parse(search, Query.GROUP_SEARCH)
                : filter != null ? Query.parse(filter, Query.GROUP_FILTER) : n -> true;
        int limit = c.limit(LIST_DEFAULT, LIST_MAX);
        long after = UserEndpoints.cursor(c, c.store.ids()::decodeGroup);
        List<ObjectNode> found = new ArrayList<>();
        for (OrgStore.GroupRec g : c.store.groupsAfter(after)) {
            if (p.test(g.json())) {
                found.add(g.json());
                if (found.size() > limit) {
                    break;
                }
            }
        }
        return page(c, found, limit, stats);
    }

    static Reply page(Ctx c, List<ObjectNode> found, int limit, boolean stats) {
        boolean more = found.size() > limit;
        List<ObjectNode> pageItems = more ? found.subList(0, limit) : found;
        List<byte[]> items = new ArrayList<>(pageItems.size());
        String last = null;
        for (ObjectNode g : pageItems) {
            last = g.get("id").asText();
            ObjectNode st = null;
            if (stats) {
                OrgStore.GroupRec rec = c.store.group(last);
                st = rec == null ? null : stats(c, rec);
            }
            items.add(Wire.withExtra(g, Links.group(c.origin, g, st)));
        }
        return Reply.page(items, more ? last : null, last);
    }

    private static Reply members(Ctx c, String id) {
        OrgStore.GroupRec g = require(c, id);
        int limit = c.limit(MEMBERS_DEFAULT, MEMBERS_MAX);
        long after = UserEndpoints.cursor(c, c.store.ids()::decodeUser);
        List<Long> idx = c.store.members(g, after, limit + 1);
        List<ObjectNode> found = new ArrayList<>(idx.size());
        for (long i : idx) {
            ObjectNode u = c.store.user(i);
            if (u != null) {
                found.add(u);
            }
        }
        return UserEndpoints.page(c, found, limit);
    }

    private static Reply apps(Ctx c, String id) {
        OrgStore.GroupRec g = require(c, id);
        int limit = c.limit(APPS_DEFAULT, APPS_MAX);
        long after = UserEndpoints.cursor(c, c.store.ids()::decodeApp);
        List<ObjectNode> found = new ArrayList<>();
        for (OrgStore.AppRec a : c.store.appsAfter(after)) {
            if (a.assignments().containsKey(g.id())) {
                found.add(a.json());
                if (found.size() > limit) {
                    break;
                }
            }
        }
        return AppEndpoints.page(c, found, limit);
    }
}
