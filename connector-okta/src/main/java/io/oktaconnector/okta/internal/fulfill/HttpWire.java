package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.okta.internal.export.Pager;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.secret.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The fulfill wire over the connector's request layer ({@link OktaHttp}: pacing, retries, error translation). Pages
 * through the export's {@link Pager} (the {@code after} cursor of a same-origin {@code next} link only). Thread-safe.
 */
public final class HttpWire implements OktaWire {
    private final OktaHttp http;

    /** @param http the request layer (a per-run view that counts the run's requests) */
    public HttpWire(OktaHttp http) {
        this.http = Objects.requireNonNull(http, "http == null");
    }

    @Override
    public JsonNode get(String path, Map<String, String> query) {
        return http.get(path, pairs(query)).body();
    }

    @Override
    public boolean getPages(String path, Map<String, String> query, int maxPages, Consumer<List<JsonNode>> page) {
        // the export's pager: one place for the same-origin, cursor and page-shape checks
        return new Pager(http, path, pairs(query)).readPages(maxPages, page);
    }

    @Override
    public JsonNode send(String method, String path, Map<String, String> query, JsonBody body) {
        if (body != null) {
            // a server that refuses the body may quote it: its secrets are hidden in whatever comes back
            body.secretValues().forEach(http.redactor()::register);
        }
        // no body is sent the way the SDK's own lifecycle methods send it (invokeAPI with a null body)
        JsonNode answer = http.send(method, path, pairs(query), body == null ? null : body.reveal()).body();
        return answer == null ? NullNode.getInstance() : answer;
    }

    @Override
    public Redactor secrets() {
        return http.redactor();
    }

    private static List<Pair> pairs(Map<String, String> query) {
        List<Pair> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(new Pair(k, v)));
        return pairs;
    }
}
