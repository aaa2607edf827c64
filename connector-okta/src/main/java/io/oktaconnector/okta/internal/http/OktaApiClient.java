package io.oktaconnector.okta.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The SDK's {@link ApiClient}, built from our own HttpClient with the cache disabled. It changes only
 * {@link #processResponse}:
 * <ul>
 *   <li>for {@link #RAW_JSON} the body becomes a plain Jackson tree read by our own mapper (numbers kept exactly,
 *       trailing garbage refused), instead of the SDK's deserializer, which unwraps bodies starting with <code>{"</code>
 *       and accepts a single value as an array. The marker's type name contains "List" because {@code invokeAPI}
 *       otherwise converts every non-list GET result into a map for its cache, which fails for a JSON array;</li>
 *   <li>it does not record responses in the SDK's maps keyed by thread id, which are never cleaned (a leak with
 *       short-lived worker threads); {@link ResponseCapture} does that job.</li>
 * </ul>
 * Every other return type gets the SDK's behaviour, so typed SDK API classes work over this client too.
 */
public final class OktaApiClient extends ApiClient {

    /** Ask {@code invokeAPI} for this to get the raw JSON tree ({@code null} for an empty body); see above. */
    public static final TypeReference<List<JsonNode>> RAW_JSON = new TypeReference<>() { };

    /**
     * Ask {@code invokeAPI} for this to have a 2xx JSON body read by {@code reader} as it is parsed ({@code null} for
     * an empty body); the type name contains "List" for the reason above.
     *
     * @param <T> what the reader makes of the body
     */
    public static final class Reading<T> extends TypeReference<List<Object>> {
        private final BodyReader<T> reader;

        /** @param reader reads the body */
        public Reading(BodyReader<T> reader) {
            this.reader = Objects.requireNonNull(reader, "reader == null");
        }
    }

    /** How answers become trees: numbers kept exactly, trailing garbage refused. */
    private static final ObjectMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    /** @return a reader of trees as answers are read (numbers kept exactly, trailing content refused); immutable */
    public static ObjectReader treeReader() {
        return TREES.reader();
    }

    OktaApiClient(CloseableHttpClient httpClient) {
        super(httpClient, Caches.newDisabledCacheManager());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T processResponse(CloseableHttpResponse response, TypeReference<T> returnType)
            throws ApiException, IOException, ParseException {
        int status = response.getCode();
        if (status == 204) {
            return null;
        }
        if (isSuccessfulStatus(status)) {
            if (returnType instanceof Reading<?> reading) {
                return (T) readWith(response, reading.reader);
            }
            return returnType == RAW_JSON ? (T) readRaw(response) : deserialize(response, returnType);
        }
        String body = response.getEntity() == null ? null : EntityUtils.toString(response.getEntity());
        throw new ApiException(body, status, transformResponseHeaders(response.getHeaders()), body);
    }

    private Object readWith(CloseableHttpResponse response, BodyReader<?> reader) throws IOException, ApiException {
        HttpEntity entity = response.getEntity();
        if (entity == null || entity.getContentLength() == 0) {
            return null;
        }
        // parsed from the stream as it arrives: no copy of the body, no tree
        try (PushbackInputStream in = new PushbackInputStream(entity.getContent(), 1)) {
            int first = in.read();
            if (first < 0) {
                return null; // an empty body, whatever its type, as readRaw sees it
            }
            in.unread(first);
            requireJson(response, entity);
            try (JsonParser p = TREES.getFactory().createParser(in)) {
                if (p.nextToken() == null) {
                    return null;
                }
                Object result = reader.read(p);
                return Objects.requireNonNull(result, "the body reader returned null");
            }
        }
    }

    private void requireJson(CloseableHttpResponse response, HttpEntity entity) throws ApiException {
        String type = entity.getContentType();
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException("unexpected Content-Type " + type.strip() + " (expected JSON)", response.getCode(),
                    transformResponseHeaders(response.getHeaders()), null);
        }
    }

    private JsonNode readRaw(CloseableHttpResponse response) throws IOException, ApiException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return null;
        }
        byte[] bytes = EntityUtils.toByteArray(entity);
        if (bytes.length == 0) {
            return null;
        }
        requireJson(response, entity);
        return TREES.readTree(bytes);
    }
}
