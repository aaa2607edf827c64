package io.oktaconnector.okta.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.internal.fulfill.JsonBody;
import io.oktaconnector.okta.internal.fulfill.OktaWire;
import io.oktaconnector.simulator.OktaSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain JDK-HttpClient wire to the simulator, for testing the fulfill logic on its own (the connector's own
 * request layer is tested by its owner). Translates errors the way the request layer does.
 */
final class SimWire implements OktaWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    final AtomicLong requests = new AtomicLong();

    SimWire(OktaSimulator sim) {
        this(sim.baseUrl(), sim.token());
    }

    SimWire(String baseUrl, String token) {
        this.base = baseUrl;
        this.token = token;
    }

    @Override
    public JsonNode get(String path, Map<String, String> query) {
        return exchange("GET", base + path + query(query), null).body;
    }

    @Override
    public List<JsonNode> getAll(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        String url = base + path + query(query);
        while (url != null) {
            Answer a = exchange("GET", url, null);
            a.body.forEach(all::add);
            url = a.next;
        }
        return all;
    }

    @Override
    public JsonNode send(String method, String path, Map<String, String> query, JsonBody body) {
        return exchange(method, base + path + query(query), body == null ? null : body.reveal().toString()).body;
    }

    private record Answer(JsonNode body, String next) {
    }

    private Answer exchange(String method, String url, String body) {
        requests.incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "SSWS " + token).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConnectorException(method.equals("GET") ? ErrorCode.UNAVAILABLE : ErrorCode.OUTCOME_UNKNOWN,
                    method + " " + url + ": the connection failed (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.INTERNAL, "interrupted");
        }
        String requestId = r.headers().firstValue("X-Okta-Request-Id").orElse("");
        try {
            JsonNode json = r.body().isEmpty() ? NullNode.getInstance() : JSON.readTree(r.body());
            if (r.statusCode() / 100 == 2) {
                String next = null;
                for (String link : r.headers().allValues("Link")) {
                    Matcher m = NEXT.matcher(link);
                    if (m.find()) {
                        next = m.group(1);
                    }
                }
                return new Answer(json, next);
            }
            List<String> causes = new ArrayList<>();
            json.path("errorCauses").forEach(c -> causes.add(c.path("errorSummary").asText()));
            String code = json.path("errorCode").asText();
            String detail = method + " " + url.substring(base.length()) + ": HTTP " + r.statusCode() + " " + code
                    + " " + json.path("errorSummary").asText() + (causes.isEmpty() ? "" : " (causes: "
                    + String.join("; ", causes) + ")") + " [X-Okta-Request-Id " + requestId + "]";
            boolean exists = causes.stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).contains("already exists"));
            ErrorCode ec = switch (r.statusCode()) {
                case 401 -> ErrorCode.AUTHENTICATION;
                case 404 -> ErrorCode.NOT_FOUND;
                case 403 -> List.of("E0000016", "E0000038", "E0000056").contains(code) ? ErrorCode.REJECTED
                        : ErrorCode.PERMISSION_DENIED;
                case 429 -> ErrorCode.RATE_LIMITED;
                case 400 -> exists ? ErrorCode.ALREADY_EXISTS : ErrorCode.REJECTED;
                default -> r.statusCode() >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.REJECTED;
            };
            throw new ConnectorException(ec, detail);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.PROTOCOL, method + " " + url + ": not JSON", e);
        }
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
