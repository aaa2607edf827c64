package io.oktaconnector.okta.internal.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Locale;

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

    private static final ObjectMapper RAW = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

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
            return returnType == RAW_JSON ? (T) readRaw(response) : deserialize(response, returnType);
        }
        String body = response.getEntity() == null ? null : EntityUtils.toString(response.getEntity());
        throw new ApiException(body, status, transformResponseHeaders(response.getHeaders()), body);
    }

    private JsonNode readRaw(CloseableHttpResponse response) throws IOException, ApiException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return null;
        }
        String type = entity.getContentType();
        byte[] bytes = EntityUtils.toByteArray(entity);
        if (bytes.length == 0) {
            return null;
        }
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException("unexpected Content-Type " + type.strip() + " (expected JSON)", response.getCode(),
                    transformResponseHeaders(response.getHeaders()), null);
        }
        return RAW.readTree(bytes);
    }
}
