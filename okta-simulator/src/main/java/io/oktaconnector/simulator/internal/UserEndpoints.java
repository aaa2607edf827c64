package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** {@code /api/v1/users...} */
final class UserEndpoints {
    static final int LIST_DEFAULT = 200;
    static final int LIST_MAX = 200;
    static final int Q_DEFAULT = 10;
    static final int GROUPS_DEFAULT = 200;
    static final int GROUPS_MAX = 200;

    private UserEndpoints() {
    }

    static Reply handle(Ctx c) {
        String[] s = c.seg;
        String m = c.method;
        if (s.length == 1) {
            return switch (m) {
                case "GET" -> list(c);
                case "POST" -> UserWrites.create(c);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 2) {
            return switch (m) {
                case "GET" -> get(c, s[1]);
                case "POST" -> UserWrites.update(c, s[1], true);
                case "PUT" -> UserWrites.update(c, s[1], false);
                case "DELETE" -> UserWrites.delete(c, s[1]);
                default -> throw Api.methodNotAllowed();
            };
        }
        if (s.length == 3 && s[2].equals("groups")) {
            if (!m.equals("GET")) {
                throw Api.methodNotAllowed();
            }
            return groups(c, s[1]);
        }
        if (s.length == 4 && s[2].equals("lifecycle")) {
            if (!m.equals("POST")) {
                throw Api.methodNotAllowed();
            }
            return UserWrites.lifecycle(c, s[1], s[3]);
        }
        throw Api.pathNotFound();
    }

    static long require(Ctx c, String idOrLogin) {
        long i = c.store.findUser(idOrLogin);
        if (i < 0) {
            throw ApiError.notFound(idOrLogin, "User");
        }
        return i;
    }

    private static Reply get(Ctx c, String idOrLogin) {
        long i = require(c, idOrLogin);
        ObjectNode u = c.store.user(i);
        return Reply.raw(Wire.withExtra(u, Links.userFull(c.origin, u)))
                .header("ETag", "W/\"" + Integer.toHexString(u.get("lastUpdated").asText().hashCode()) + "\"");
    }

    private static Reply list(Ctx c) {
        String q = c.param("q");
        String filter = c.param("filter");
        String search = c.param("search");
        OrgStore st = c.store;
        if (q != null && filter == null && search == null) {
            // q: startsWith on first/last name or email, no DEPROVISIONED, no paging
            int limit = c.limit(Q_DEFAULT, LIST_MAX);
            String lq = q.toLowerCase(Locale.ROOT);
            List<ObjectNode> found = st.scanUsers(-1, limit, u -> !isDeprovisioned(u) && startsWith(u, lq));
            List<byte[]> items = new ArrayList<>(found.size());
            for (ObjectNode u : found) {
                items.add(Wire.withExtra(u, Links.userCollection(c.origin, u.get("id").asText())));
            }
            return Reply.raw(Wire.array(items));
        }
        if (filter != null && search != null) {
            throw new ApiError(400, "E0000063", "Invalid combination of parameters specified.");
        }
        Predicate<JsonNode> p;
        if (search != null) {
            p = Query.parse(search, Query.USER_SEARCH);
        } else if (filter != null) {
            p = Query.parse(filter, Query.USER_FILTER);
        } else {
            p = u -> !isDeprovisioned(u);
        }
        int limit = c.limit(LIST_DEFAULT, LIST_MAX);
        long after = cursor(c, st.ids()::decodeUser);
        Predicate<JsonNode> pred = p;
        List<ObjectNode> found = st.scanUsers(after, limit + 1, pred::test);
        return page(c, found, limit);
    }

    static Reply page(Ctx c, List<ObjectNode> found, int limit) {
        boolean more = found.size() > limit;
        List<ObjectNode> pageItems = more ? found.subList(0, limit) : found;
        List<byte[]> items = new ArrayList<>(pageItems.size());
        String last = null;
        for (ObjectNode u : pageItems) {
            last = u.get("id").asText();
            items.add(Wire.withExtra(u, Links.userCollection(c.origin, last)));
        }
        return Reply.page(items, more ? last : null, last);
    }

    /** Decodes {@code after}; no cursor gives -1, a cursor that is not ours is 400 E0000029. */
    static long cursor(Ctx c, java.util.function.ToLongFunction<String> decoder) {
        String a = c.after();
        if (a == null) {
            return -1;
        }
        long i = decoder.applyAsLong(a);
        if (i < 0) {
            throw new ApiError(400, "E0000029", "Invalid paging request.");
        }
        return i;
    }

    private static boolean isDeprovisioned(JsonNode u) {
        return "DEPROVISIONED".equals(u.path("status").asText());
    }

    private static boolean startsWith(JsonNode u, String lq) {
        JsonNode p = u.path("profile");
        for (String f : new String[] {"firstName", "lastName", "email"}) {
            JsonNode v = p.get(f);
            if (v != null && v.isTextual() && v.asText().toLowerCase(Locale.ROOT).startsWith(lq)) {
                return true;
            }
        }
        return false;
    }

    private static Reply groups(Ctx c, String idOrLogin) {
        long u = require(c, idOrLogin);
        int limit = c.limit(GROUPS_DEFAULT, GROUPS_MAX);
        long after = cursor(c, c.store.ids()::decodeGroup);
        List<ObjectNode> found = new ArrayList<>();
        for (OrgStore.GroupRec g : c.store.groupsAfter(after)) {
            if (c.store.isMember(g, u)) {
                found.add(g.json());
                if (found.size() > limit) {
                    break;
                }
            }
        }
        return GroupEndpoints.page(c, found, limit, false);
    }
}
