package io.oktaconnector.okta.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * OAuth 2.0 client credentials with {@code private_key_jwt} against the org authorization server
 * ({@code <Server>/oauth2/v1/token}), done by us rather than by the SDK so that:
 * <ul>
 *   <li>the token request goes through the connector's own HttpClient (no redirects, our proxy, trust store and
 *       timeouts, quiet connections);</li>
 *   <li>a token is cached per scope set until shortly before it expires (a quarter of its lifetime, at most a minute,
 *       ahead), so a short-lived token does not cost one token request per call;</li>
 *   <li>after a 401 the token the failed call used is replaced once ({@link #renew}), single-flight: of many threads
 *       that saw the same rejected token, one fetches and the others reuse its result.</li>
 * </ul>
 * Neither the token nor the assertion is ever logged or put into a message. Thread-safe.
 */
public final class OAuthTokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MAX_MARGIN = Duration.ofMinutes(1);
    private static final int MAX_BODY = 64 * 1024;

    /** Context attribute marking the token request, so that the OAuth interceptor leaves it alone. */
    public static final String TOKEN_REQUEST = "io.oktaconnector.okta.oauth.token-request";

    private final Supplier<CloseableHttpClient> http;
    private final String tokenUrl;
    private final String clientId;
    private final ClientAssertion assertion;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param http      the connector's HttpClient (redirects off); a supplier, as that client's own interceptor
     *                  holds this source
     * @param server    the org URL, normalized (no trailing {@code /})
     * @param clientId  the service app's client id
     * @param assertion signs client assertions for {@code <server>/oauth2/v1/token}
     * @param clock     the clock deciding expiry
     */
    public OAuthTokenSource(Supplier<CloseableHttpClient> http, String server, String clientId, ClientAssertion assertion,
                            Clock clock) {
        this.http = Objects.requireNonNull(http, "http == null");
        this.tokenUrl = tokenUrl(server);
        this.clientId = Objects.requireNonNull(clientId, "clientId == null");
        this.assertion = Objects.requireNonNull(assertion, "assertion == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** @return the org authorization server's token endpoint for an org URL */
    public static String tokenUrl(String server) {
        return server + "/oauth2/v1/token";
    }

    /**
     * @param scopes the scopes the token must carry
     * @return a valid access token for them, from the cache or fetched now
     * @throws ConnectorException AUTHENTICATION, PERMISSION_DENIED (a scope not granted), UNAVAILABLE, TIMEOUT,
     *                            RATE_LIMITED or PROTOCOL when no token can be had
     */
    public String token(Set<String> scopes) {
        Slot slot = slot(scopes);
        Token t = slot.token;
        if (t != null && clock.instant().isBefore(t.refreshAt)) {
            return t.value;
        }
        slot.lock.lock();
        try {
            t = slot.token;
            if (t == null || !clock.instant().isBefore(t.refreshAt)) {
                t = fetch(slot.scopes);
                slot.token = t;
            }
            return t.value;
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Replaces a token Okta refused (a 401), once: if it is still the cached one, a new one is fetched; if another
     * thread replaced it meanwhile, that replacement is used.
     *
     * @param scopes   the scopes of the refused token
     * @param rejected the refused token
     * @return whether a different token is now available (worth one more attempt)
     */
    public boolean renew(Set<String> scopes, String rejected) {
        Slot slot = slot(scopes);
        slot.lock.lock();
        try {
            Token t = slot.token;
            if (t == null || t.value.equals(rejected)) {
                LOG.debug("OAuth token refused by Okta (401); requesting a new one");
                t = fetch(slot.scopes);
                slot.token = t;
            }
            return !t.value.equals(rejected);
        } finally {
            slot.lock.unlock();
        }
    }

    private Slot slot(Set<String> scopes) {
        TreeSet<String> sorted = new TreeSet<>(scopes);
        return slots.computeIfAbsent(String.join(" ", sorted), k -> new Slot(String.join(" ", sorted)));
    }

    private Token fetch(String scopes) {
        Instant now = clock.instant();
        HttpPost post = new HttpPost(tokenUrl);
        post.setHeader("Accept", "application/json");
        List<NameValuePair> form = List.of(
                new BasicNameValuePair("grant_type", "client_credentials"),
                new BasicNameValuePair("scope", scopes),
                new BasicNameValuePair("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                new BasicNameValuePair("client_assertion", assertion.sign(now)));
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        Answer answer;
        try {
            HttpClientContext context = HttpClientContext.create();
            context.setAttribute(TOKEN_REQUEST, Boolean.TRUE);
            answer = http.get().execute(post, context, response -> {
                byte[] body = new byte[0];
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        body = in.readNBytes(MAX_BODY);
                    }
                }
                return new Answer(response.getCode(), new String(body, StandardCharsets.UTF_8));
            });
        } catch (InterruptedIOException e) {
            throw new ConnectorException(ErrorCode.TIMEOUT, "OAuth token request to " + tokenUrl + " timed out", e);
        } catch (ConnectException | UnknownHostException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "OAuth token request to " + tokenUrl + " failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "OAuth token request to " + tokenUrl + " failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (answer.status / 100 != 2) {
            throw refusal(answer, scopes);
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body);
        } catch (IOException e) {
            json = null;
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new ConnectorException(ErrorCode.PROTOCOL, "OAuth token endpoint " + tokenUrl
                    + " answered HTTP " + answer.status + " without an access_token");
        }
        String type = json.path("token_type").asText("Bearer");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw new ConnectorException(ErrorCode.PROTOCOL, "OAuth token endpoint " + tokenUrl + " issued a "
                    + sanitize(type) + " token; only Bearer tokens are supported");
        }
        JsonNode expiresIn = json.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
        Duration margin = lifetime.dividedBy(4).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(4) : MAX_MARGIN;
        LOG.debug("OAuth token obtained for client {} with scopes [{}], valid {} s", clientId, scopes,
                lifetime.toSeconds());
        return new Token(accessToken.asText(), now.plus(lifetime).minus(margin));
    }

    private ConnectorException refusal(Answer answer, String scopes) {
        String error = "";
        String description = "";
        try {
            JsonNode json = JSON.readTree(answer.body);
            error = sanitize(json.path("error").asText(""));
            description = sanitize(json.path("error_description").asText(""));
        } catch (IOException | RuntimeException e) {
            // not JSON: status only
        }
        String detail = (error.isEmpty() ? "HTTP " + answer.status : error + " (HTTP " + answer.status + ")")
                + (description.isEmpty() ? "" : ": " + description);
        String who = "Okta at " + tokenUrl + " refused the OAuth token request of client " + clientId;
        if (answer.status / 100 == 3) {
            return new ConnectorException(ErrorCode.PROTOCOL, "OAuth token endpoint " + tokenUrl
                    + " answered a redirect (HTTP " + answer.status + "), which is never followed");
        }
        if (answer.status == 429) {
            return new ConnectorException(ErrorCode.RATE_LIMITED, who + ": " + detail);
        }
        if (answer.status / 100 == 5) {
            return new ConnectorException(ErrorCode.UNAVAILABLE, who + ": " + detail);
        }
        return switch (error) {
            case "invalid_scope" -> new ConnectorException(ErrorCode.PERMISSION_DENIED, who + " for scopes [" + scopes
                    + "]: " + detail + "; grant these scopes to the service app, or set Scopes");
            case "invalid_dpop_proof", "use_dpop_nonce" -> new ConnectorException(ErrorCode.AUTHENTICATION, who
                    + ": the service app requires DPoP proof of possession, which this connector does not send; turn"
                    + " off \"Require Demonstrating Proof of Possession (DPoP) header in token requests\" for the app");
            default -> new ConnectorException(answer.status / 100 == 4 ? ErrorCode.AUTHENTICATION : ErrorCode.PROTOCOL,
                    who + ": " + detail);
        };
    }

    /** Okta's error text, made safe for one log line: printable characters only, bounded. */
    private static String sanitize(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", " ").strip();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }

    private record Answer(int status, String body) {
    }

    private record Token(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "Token[hidden, refreshAt=" + refreshAt + "]";
        }
    }

    private static final class Slot {
        final String scopes;
        final ReentrantLock lock = new ReentrantLock();
        volatile Token token;

        Slot(String scopes) {
            this.scopes = scopes;
        }
    }
}
