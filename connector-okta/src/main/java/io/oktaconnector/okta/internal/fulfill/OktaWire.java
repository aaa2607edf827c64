package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.okta.internal.secret.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The requests fulfillment sends, as raw JSON. Implemented over the shared request layer (pacing, retries, error
 * translation); the dry run wraps it to record writes instead of sending them. Thread-safe.
 *
 * <p>Failures are {@link ConnectorException}s translated by status and Okta error code (404 {@code NOT_FOUND}, a taken
 * login or name {@code ALREADY_EXISTS}, …) whose message carries Okta's error summary, causes and request id. A write
 * whose outcome is unknown (the connection dropped after the request was sent) fails with {@code OUTCOME_UNKNOWN} and
 * is never retried by the wire itself.
 */
public interface OktaWire {
    /**
     * {@code GET} one object.
     *
     * @param path  the path, segments already encoded, e.g. {@code /api/v1/users/00u1}
     * @param query query parameters, not encoded
     * @return the JSON answer
     */
    JsonNode get(String path, Map<String, String> query);

    /**
     * {@code GET} a collection, following {@code Link: rel="next"} to the end.
     *
     * @param path  the path
     * @param query query parameters of the first page
     * @return every element of every page
     */
    default List<JsonNode> getAll(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        getPages(path, query, Integer.MAX_VALUE, all::addAll);
        return all;
    }

    /**
     * {@code GET} the first pages of a collection, following {@code Link: rel="next"}.
     *
     * @param path     the path
     * @param query    query parameters of the first page
     * @param maxPages the most pages to read, at least 1
     * @param page     receives each page's elements in order
     * @return {@code true} when the collection ended within {@code maxPages}, {@code false} when it goes on
     */
    boolean getPages(String path, Map<String, String> query, int maxPages, Consumer<List<JsonNode>> page);

    /**
     * A write: {@code POST}, {@code PUT} or {@code DELETE}.
     *
     * @param method the HTTP method
     * @param path   the path
     * @param query  query parameters
     * @param body   the body, or {@code null} for none (an empty body with {@code Content-Length: 0} is sent)
     * @return the JSON answer; a {@code NullNode} for 204
     */
    JsonNode send(String method, String path, Map<String, String> query, JsonBody body);

    /**
     * @return the run's secrets: what its messages must not show; secrets an order gives or a write sends are added
     *         here ({@link Redactor#NONE} for a wire that keeps none)
     */
    default Redactor secrets() {
        return Redactor.NONE;
    }
}
