package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.internal.http.LinkHeaders;
import io.oktaconnector.okta.internal.http.OktaHttp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fulfill wire over the connector's request layer ({@link OktaHttp}: pacing, retries, error translation). Pages
 * by the {@code after} cursor of a same-origin {@code next} link only, as the export does. Thread-safe.
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
    public List<JsonNode> getAll(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        while (true) {
            List<Pair> q = pairs(query);
            if (after != null) {
                q.add(new Pair("after", after));
            }
            OktaHttp.Response r = http.get(path, q);
            if (!r.body().isArray()) {
                throw protocol(path, "expected a JSON array (a page), got " + r.body().getNodeType());
            }
            r.body().forEach(all::add);
            Optional<String> next = LinkHeaders.next(r.info());
            if (next.isEmpty() || r.body().isEmpty()) {
                return all;
            }
            URI link;
            try {
                link = new URI(next.get());
            } catch (URISyntaxException e) {
                throw protocol(path, "the next link is not a valid URL");
            }
            if (!http.sameOrigin(link)) {
                throw protocol(path, "the next link points to another origin, " + http.originOf(link)
                        + "; not followed");
            }
            after = param(link, "after");
            if (after == null || after.isEmpty() || !cursors.add(after)) {
                throw protocol(path, "the next link has no new after cursor; paging would not end");
            }
        }
    }

    @Override
    public JsonNode send(String method, String path, Map<String, String> query, JsonBody body) {
        // no body is sent the way the SDK's own lifecycle methods send it (invokeAPI with a null body)
        JsonNode answer = http.send(method, path, pairs(query), body == null ? null : body.reveal()).body();
        return answer == null ? NullNode.getInstance() : answer;
    }

    private static List<Pair> pairs(Map<String, String> query) {
        List<Pair> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(new Pair(k, v)));
        return pairs;
    }

    private ConnectorException protocol(String path, String what) {
        return new ConnectorException(ErrorCode.PROTOCOL, "GET " + path + " on " + http.server() + ": " + what);
    }

    private static String param(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
