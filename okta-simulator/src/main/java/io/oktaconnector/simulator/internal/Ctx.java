package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One request as the endpoints see it: decoded path segments below /api/v1, parameters, body. */
final class Ctx {
    final HttpRequest req;
    final String method;
    /** Decoded segments after {@code /api/v1/}. */
    final String[] seg;
    final String origin;
    final OrgStore store;

    Ctx(HttpRequest req, String[] seg, String origin, OrgStore store) {
        this.req = req;
        this.method = req.method();
        this.seg = seg;
        this.origin = origin;
        this.store = store;
    }

    String param(String name) {
        return req.param(name);
    }

    boolean flag(String name, boolean dflt) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiError.validation(name, "must be true or false");
    }

    /** The {@code limit} parameter: default when absent or &lt;= 0, clamped to the maximum. */
    int limit(int dflt, int max) {
        String v = req.param("limit");
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "E0000001", "Api validation failed: limit", "limit: must be an integer");
        }
        if (n <= 0) {
            return dflt;
        }
        return Math.min(n, max);
    }

    String after() {
        String a = req.param("after");
        return a == null || a.isEmpty() ? null : a;
    }

    /** The request body as a JSON object; 400 E0000003 when it is not one. */
    ObjectNode jsonBody() {
        JsonNode n = Json.parseOrNull(req.body());
        if (n == null || !n.isObject()) {
            throw ApiError.malformed();
        }
        return (ObjectNode) n;
    }

    /** The request body as a JSON object, or an empty object when there is no body. */
    ObjectNode optionalJsonBody() {
        if (req.body().length == 0) {
            return Json.object();
        }
        return jsonBody();
    }

    String url(String path) {
        return origin + path;
    }
}
