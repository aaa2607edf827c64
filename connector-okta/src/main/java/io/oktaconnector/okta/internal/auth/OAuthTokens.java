package io.oktaconnector.okta.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Access tokens of an OAuth 2.0 service app (client credentials, {@code private_key_jwt}) from the org authorization
 * server, {@code <org>/oauth2/v1/token}. One token is shared by every thread and renewed by one of them: shortly
 * before it expires, and when Okta answers 401 to it ({@link #invalidate}; the SDK never does the latter).
 *
 * <p>DPoP (RFC 9449): a service app that requires DPoP-bound tokens (Okta's default for new service apps) is detected
 * by Okta's first answer ({@code invalid_dpop_proof}: the proof is missing); from then on every token request carries
 * a proof (and the nonce Okta asks for with {@code use_dpop_nonce}), and every API call a proof bound to the token
 * ({@link #proof}) with {@code Authorization: DPoP}. The key is made in memory per connector ({@link DpopProofs}).
 */
public final class OAuthTokens {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most characters of a token endpoint answer read (Okta's are one or two kilobytes). */
    private static final int MAX_ANSWER = 64 * 1024;

    /** Read scopes an export and a check need. */
    public static final List<String> EXPORT_SCOPES = List.of("okta.users.read", "okta.groups.read", "okta.apps.read",
            "okta.schemas.read");

    /** Scopes a fulfill needs ({@code manage} includes {@code read}). */
    public static final List<String> FULFILL_SCOPES = List.of("okta.users.manage", "okta.groups.manage",
            "okta.apps.manage", "okta.schemas.read");

    /** A token, whether this call fetched it (one more HTTP request), and whether it is DPoP-bound. */
    public record Token(String value, boolean fetched, boolean dpop) {
        /** @return the {@code Authorization} header's value */
        public String authorization() {
            return (dpop ? "DPoP " : "Bearer ") + value;
        }

        @Override
        public String toString() {
            return "Token[hidden, fetched=" + fetched + ", dpop=" + dpop + "]";
        }
    }

    /**
     * What the sources of one service app share about DPoP: whether Okta requires it, the key (made when it does:
     * a JDK without P-256 still serves Bearer apps), the token endpoint's nonce and the API's.
     */
    private static final class Dpop {
        private DpopProofs proofs;
        volatile boolean required;
        volatile String nonce;
        volatile String apiNonce;

        synchronized DpopProofs proofs() {
            if (proofs == null) {
                proofs = new DpopProofs();
            }
            return proofs;
        }
    }

    private final CloseableHttpClient http;
    private final String server;
    private final String clientId;
    private final PrivateKey key;
    private final String keyId;
    private final List<String> scopes;
    private final boolean explicitScopes;
    private final Clock clock;
    private final java.util.Map<List<String>, OAuthTokens> siblings;
    private final Dpop dpop;
    private String token;
    private boolean tokenIsDpop;
    private Instant renewAt = Instant.MIN;

    /**
     * @param http     our HttpClient (quiet, no redirects)
     * @param server   the org URL
     * @param clientId the service app's client id
     * @param key      its private key
     * @param keyId    the key id for the JWT header, or {@code null}
     * @param scopes   the scopes the settings name; empty for each operation's least-privilege defaults
     * @param clock    the clock
     */
    public OAuthTokens(CloseableHttpClient http, String server, String clientId, PrivateKey key, String keyId,
                       List<String> scopes, Clock clock) {
        this(http, server, clientId, key, keyId, scopes.isEmpty() ? EXPORT_SCOPES : scopes, !scopes.isEmpty(), clock,
                new java.util.concurrent.ConcurrentHashMap<>(), new Dpop());
        siblings.put(this.scopes, this);
    }

    private OAuthTokens(CloseableHttpClient http, String server, String clientId, PrivateKey key, String keyId,
                        List<String> scopes, boolean explicitScopes, Clock clock,
                        java.util.Map<List<String>, OAuthTokens> siblings, Dpop dpop) {
        this.http = Objects.requireNonNull(http);
        this.server = Objects.requireNonNull(server);
        this.clientId = Objects.requireNonNull(clientId);
        this.key = Objects.requireNonNull(key);
        this.keyId = keyId;
        this.scopes = List.copyOf(scopes);
        this.explicitScopes = explicitScopes;
        this.clock = Objects.requireNonNull(clock);
        this.siblings = siblings;
        this.dpop = dpop;
    }

    /**
     * The token source for an operation's least-privilege scopes (export: {@link #EXPORT_SCOPES}, fulfill:
     * {@link #FULFILL_SCOPES}); one token per scope set, shared. Scopes named in the settings win for every operation.
     *
     * @param operationScopes the scopes the operation needs
     * @return the token source to use
     */
    public OAuthTokens forScopes(List<String> operationScopes) {
        if (explicitScopes || operationScopes.equals(scopes)) {
            return this;
        }
        return siblings.computeIfAbsent(List.copyOf(operationScopes), s -> new OAuthTokens(http, server, clientId, key,
                keyId, s, false, clock, siblings, dpop));
    }

    /** @return the scopes this source asks for */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * @return a valid access token, fetched when there is none or it is about to expire
     * @throws ConnectorException AUTHENTICATION (credentials refused, DPoP required), PERMISSION_DENIED (scope not
     *                            granted), UNAVAILABLE, RATE_LIMITED, PROTOCOL
     */
    public synchronized Token token() {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return new Token(token, false, tokenIsDpop);
        }
        fetch();
        return new Token(token, true, tokenIsDpop);
    }

    /**
     * @param method the API call's method
     * @param url    its absolute URL
     * @param t      the DPoP-bound token it carries
     * @return the call's {@code DPoP} header: a proof bound to the token
     */
    public String proof(String method, String url, Token t) {
        return dpop.proofs().proof(method, url, t.value(), dpop.apiNonce, clock.instant());
    }

    /**
     * Okta's API asked for a nonce in the proofs ({@code 401}, {@code WWW-Authenticate: DPoP error="use_dpop_nonce"}).
     *
     * @param nonce the {@code DPoP-Nonce} it sent
     * @return whether it is new (a retry with it may succeed)
     */
    public boolean apiNonce(String nonce) {
        if (nonce == null || nonce.isBlank() || nonce.equals(dpop.apiNonce)) {
            return false;
        }
        dpop.apiNonce = nonce.strip();
        return true;
    }

    /** @param used a token Okta refused with 401; forgotten unless another thread has renewed it already */
    public synchronized void invalidate(String used) {
        if (Objects.equals(token, used)) {
            token = null;
        }
    }

    private void fetch() {
        String endpoint = server + "/oauth2/v1/token";
        Answer a = request(endpoint);
        // DPoP: Okta says first that the proof is missing (the app requires DPoP), then asks for its nonce; a stale
        // nonce is refused as a bad proof. Each request needs a new client assertion (Okta spends its jti even on a
        // failure). Decided by what this request sent: another scope's source may have changed the shared state.
        for (int round = 0; round < 3 && a.status() == 400; round++) {
            String error = a.json().path("error").asText("");
            if (error.equals("invalid_dpop_proof") && !a.sentProof()) {
                LOG.debug("the service app {} requires DPoP-bound tokens; using DPoP", clientId);
                dpop.required = true;
            } else if (error.equals("use_dpop_nonce") && a.nonce() != null && !a.nonce().equals(a.sentNonce())) {
                dpop.nonce = a.nonce();
            } else if (error.equals("invalid_dpop_proof") && a.sentNonce() != null
                    && a.sentNonce().equals(dpop.nonce)) {
                dpop.nonce = null; // perhaps expired: the next answer asks for a fresh one
            } else {
                break;
            }
            a = request(endpoint);
        }
        accept(a);
    }

    /** One token request's answer, and what the request carried. */
    private record Answer(int status, JsonNode json, String nonce, boolean sentProof, String sentNonce) {
    }

    private Answer request(String endpoint) {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Accept", "application/json");
        boolean sentProof = dpop.required;
        String sentNonce = sentProof ? dpop.nonce : null;
        if (sentProof) {
            post.setHeader("DPoP", dpop.proofs().proof("POST", endpoint, null, sentNonce, clock.instant()));
        }
        post.setEntity(new UrlEncodedFormEntity(List.of(
                new BasicNameValuePair("grant_type", "client_credentials"),
                new BasicNameValuePair("scope", String.join(" ", scopes)),
                new BasicNameValuePair("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                new BasicNameValuePair("client_assertion",
                        ClientAssertion.sign(key, clientId, endpoint, keyId, clock.instant()))), StandardCharsets.UTF_8));
        int[] status = {0};
        String[] nonce = {null};
        String body;
        try {
            body = http.execute(post, response -> {
                status[0] = response.getCode();
                var h = response.getFirstHeader("DPoP-Nonce");
                nonce[0] = h == null ? null : h.getValue();
                // a token answer is a few kilobytes: a larger one is cut, never held whole (issue 13)
                return response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), MAX_ANSWER);
            });
        } catch (UnknownHostException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "cannot resolve the host of " + server
                    + " for the OAuth token request", e);
        } catch (ConnectException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "connection to " + server + " refused (OAuth token request)", e);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "POST /oauth2/v1/token on " + server + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
        JsonNode json;
        try {
            json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (nonce[0] != null && !nonce[0].isBlank() && status[0] == 200 && sentProof) {
            dpop.nonce = nonce[0].strip(); // a nonce may come with any answer (RFC 9449, 8.2)
        }
        return new Answer(status[0], json, nonce[0] == null ? null : nonce[0].strip(), sentProof, sentNonce);
    }

    private void accept(Answer a) {
        int status = a.status();
        JsonNode json = a.json();
        String where = "POST /oauth2/v1/token on " + server;
        if (status != 200) {
            String error = json.path("error").asText("");
            String detail = "HTTP " + status + (error.isEmpty() ? "" : " " + error)
                    + (json.path("error_description").isTextual() ? ": " + json.path("error_description").asText() : "");
            if (error.contains("dpop")) {
                throw new ConnectorException(ErrorCode.AUTHENTICATION, where + ": Okta refused the DPoP proof of the"
                        + " service app " + clientId + " (" + detail + ")");
            }
            if (error.equals("invalid_scope")) {
                throw new ConnectorException(ErrorCode.PERMISSION_DENIED, where + ": the service app " + clientId
                        + " is not granted the scopes " + String.join(" ", scopes) + " (" + detail + ")");
            }
            ErrorCode code = status == 429 ? ErrorCode.RATE_LIMITED
                    : status >= 500 ? ErrorCode.UNAVAILABLE
                    : status == 400 || status == 401 || status == 403 ? ErrorCode.AUTHENTICATION
                    : ErrorCode.PROTOCOL;
            throw new ConnectorException(code, code == ErrorCode.AUTHENTICATION
                    ? "Okta at " + server + " refused the OAuth client credentials of " + clientId + " (" + detail
                    + "); check ClientId, the private key and KeyId"
                    : where + ": " + detail);
        }
        String type = json.path("token_type").asText("");
        String access = json.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new ConnectorException(ErrorCode.PROTOCOL, where + ": the answer has no access_token");
        }
        boolean bound = type.equalsIgnoreCase("DPoP");
        if (!type.equalsIgnoreCase("Bearer") && !(bound && dpop.required)) {
            throw new ConnectorException(ErrorCode.PROTOCOL, where + ": Okta issued a token of type \"" + type
                    + "\", expected " + (dpop.required ? "DPoP" : "Bearer"));
        }
        long lifetime = json.path("expires_in").canConvertToLong() && json.path("expires_in").asLong() > 0
                ? json.path("expires_in").asLong() : 300;
        token = access;
        tokenIsDpop = bound;
        renewAt = clock.instant().plusSeconds(lifetime - Math.min(60, lifetime / 2));
        LOG.debug("OAuth token for {} from {}: valid {} s", clientId, server, lifetime);
    }
}
