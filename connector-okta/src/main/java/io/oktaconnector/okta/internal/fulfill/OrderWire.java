package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.oktaconnector.api.PlannedCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The wire as one order sees it: every write is recorded as a {@link PlannedCall} (body masked); in a dry run the
 * write is not sent and a stand-in answer is returned (a create answers {@code {"id":"{new}"}}). Reads always go
 * through. Used by one thread at a time.
 */
final class OrderWire {
    private static final List<String> CREATE_PATHS = List.of("/api/v1/users", "/api/v1/groups", "/api/v1/apps");

    private final OktaWire wire;
    private final String assignmentId;
    private final boolean dryRun;
    private final List<PlannedCall> calls = new ArrayList<>();

    OrderWire(OktaWire wire, String assignmentId, boolean dryRun) {
        this.wire = wire;
        this.assignmentId = assignmentId;
        this.dryRun = dryRun;
    }

    JsonNode get(String path, Map<String, String> query) {
        return wire.get(path, query);
    }

    List<JsonNode> getAll(String path, Map<String, String> query) {
        return wire.getAll(path, query);
    }

    boolean getPages(String path, Map<String, String> query, int maxPages, Consumer<List<JsonNode>> page) {
        return wire.getPages(path, query, maxPages, page);
    }

    JsonNode send(String method, String path, Map<String, String> query, JsonBody body) {
        // a dry run's ids of objects not created yet read {new}, not their percent-encoding
        String shown = target(path, query).replace(Json.segment(Operation.NEW_ID), Operation.NEW_ID);
        calls.add(new PlannedCall(assignmentId, method, shown, body == null ? "" : body.masked()));
        if (!dryRun) {
            return wire.send(method, path, query, body);
        }
        if (method.equals("POST") && CREATE_PATHS.contains(path)) {
            return Json.object().put("id", Operation.NEW_ID);
        }
        return method.equals("DELETE") ? NullNode.getInstance() : Json.object();
    }

    boolean dryRun() {
        return dryRun;
    }

    List<PlannedCall> calls() {
        return List.copyOf(calls);
    }

    static String target(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + new java.util.TreeMap<>(query).entrySet().stream().map(e -> e.getKey() + "=" + Json.segment(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
