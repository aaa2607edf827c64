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
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Every body is bounded ({@code MaxResponseMegabytes}, counted after decompression): a larger one fails with
 * {@link TooLarge} as soon as the bound is passed, and an error body is read up to {@link #MAX_ERROR_BODY} characters
 * (Okta's are a few hundred bytes). A body given up part-way is not drained: its connection is dropped.
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

    /** The most bytes of an error answer that are read (the rest is given up); Okta's are a few hundred bytes. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private final long maxBodyBytes;
    private final String maxBodySetting;

    OktaApiClient(CloseableHttpClient httpClient, int maxBodyMegabytes) {
        super(httpClient, Caches.newDisabledCacheManager());
        this.maxBodyBytes = maxBodyMegabytes * 1024L * 1024L;
        this.maxBodySetting = "MaxResponseMegabytes (" + maxBodyMegabytes + " MB)";
    }

    /** An answer body larger than {@code MaxResponseMegabytes}: not read further. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String setting) {
            super("the answer is larger than " + setting);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T processResponse(CloseableHttpResponse response, TypeReference<T> returnType)
            throws ApiException, IOException, ParseException {
        int status = response.getCode();
        if (status == 204) {
            return null;
        }
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            response.setEntity(new Bounded(entity, maxBodyBytes, maxBodySetting));
        }
        try {
            if (isSuccessfulStatus(status)) {
                if (returnType instanceof Reading<?> reading) {
                    return (T) readWith(response, reading.reader);
                }
                return returnType == RAW_JSON ? (T) readRaw(response) : deserialize(response, returnType);
            }
            String body = entity == null ? null : errorBody(entity);
            throw new ApiException(body, status, transformResponseHeaders(response.getHeaders()), body);
        } catch (ApiException e) {
            throw e; // an error answer, its body read (or given up by errorBody)
        } catch (IOException | RuntimeException e) {
            // the rest of a body we refused, or could not read, is not drained: the connection is dropped instead
            abandon();
            throw e;
        }
    }

    /** @return an error answer's body, its first {@link #MAX_ERROR_BODY} bytes (the rest is given up) */
    private static String errorBody(HttpEntity entity) throws IOException {
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return null;
            }
            byte[] head = in.readNBytes(MAX_ERROR_BODY);
            if (in.read() >= 0) {
                abandon(); // a larger error body is none of Okta's: keep what was read, drop the connection
            }
            return new String(head, StandardCharsets.UTF_8);
        }
    }

    private static void abandon() {
        AttemptLimits limits = AttemptLimits.current();
        if (limits != null) {
            limits.abandon();
        }
    }

    /** An entity whose content fails with {@link TooLarge} past {@code max} bytes (a declared length first). */
    private static final class Bounded extends HttpEntityWrapper {
        private final long max;
        private final String setting;

        Bounded(HttpEntity entity, long max, String setting) {
            super(entity);
            this.max = max;
            this.setting = setting;
        }

        @Override
        public InputStream getContent() throws IOException {
            if (getContentLength() > max) {
                throw new TooLarge(setting);
            }
            InputStream in = super.getContent();
            return in == null ? null : new FilterInputStream(in) {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0 && ++count > max) {
                        throw new TooLarge(setting);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0 && (count += n) > max) {
                        throw new TooLarge(setting);
                    }
                    return n;
                }
            };
        }
    }

    private Object readWith(CloseableHttpResponse response, BodyReader<?> reader) throws IOException, ApiException {
        HttpEntity entity = response.getEntity();
        if (entity == null || entity.getContentLength() == 0) {
            return null;
        }
        // parsed from the stream as it arrives: no copy of the body, no tree
        try (PushbackInputStream in = new PushbackInputStream(entity.getContent(), 1)) {
            JsonParser p = null;
            try {
                int first = in.read();
                if (first < 0) {
                    return null; // an empty body, whatever its type, as readRaw sees it
                }
                in.unread(first);
                requireJson(response, entity);
                p = TREES.getFactory().createParser(in);
                if (p.nextToken() == null) {
                    return null;
                }
                Object result = reader.read(p);
                return Objects.requireNonNull(result, "the body reader returned null");
            } catch (IOException | RuntimeException e) { // an ApiException included: a refused Content-Type
                // given up before the parser and the streams close: closing them would drain the rest of the body
                abandon();
                if (p != null) {
                    try {
                        p.close(); // fails at once now; the first failure is the one to report
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                    p = null;
                }
                throw e;
            } finally {
                if (p != null) {
                    p.close();
                }
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
        byte[] bytes;
        try (InputStream in = entity.getContent()) {
            try {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException | RuntimeException e) {
                abandon(); // before the stream closes, which would drain the rest
                throw e;
            }
        }
        if (bytes.length == 0) {
            return null;
        }
        requireJson(response, entity);
        return TREES.readTree(bytes);
    }
}
