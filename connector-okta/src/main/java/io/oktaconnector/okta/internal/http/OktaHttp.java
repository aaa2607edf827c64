package io.oktaconnector.okta.internal.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.internal.auth.OAuthTokens;
import io.oktaconnector.okta.internal.secret.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request layer: every call to Okta goes through here, reads and writes alike. A call runs through the
 * {@link CallPolicy} (retries, pacing), each attempt through the SDK's {@code ApiClient.invokeAPI} into a raw Jackson
 * tree (custom attributes, unknown enum values survive), its status and headers captured for the calling thread, and a
 * failure is translated by {@link OktaErrors}, the one translation point. Every failure leaves through the view's
 * {@link Redactor}: a value it knows as secret, echoed in an answer or in a parser's message, is hidden before the
 * exception (and the log line) is made.
 *
 * <p>Thread-safe; one instance per connector, plus cheap per-run views ({@link #withStats}) that count a run's requests.
 */
public final class OktaHttp {

    private static final Logger LOG = LoggerFactory.getLogger(OktaHttp.class);
    private static final String[] AUTH_NAMES = {"apiToken"};
    private static final String JSON = "application/json";

    /** The body and headers of a successful call. */
    public record Response(JsonNode body, ResponseInfo info) {
    }

    /**
     * What a {@link BodyReader} made of a successful call's body, and the headers.
     *
     * @param <T> the reader's result
     */
    public record Read<T>(T value, ResponseInfo info) {
    }

    private final OktaApiClient client;
    private final String server;
    private final URI serverUri;
    private final CallPolicy policy;
    private final List<RequestStats> stats;
    private final OAuthTokens tokens;
    private final CallScope scope;
    private final Duration requestTimeout;
    private final Redactor redactor;
    private final InFlight inFlight;

    /**
     * @param client the configured SDK client
     * @param server the normalized org URL
     * @param policy the retry/pacing policy
     * @param stats  the connector-wide counters
     */
    public OktaHttp(OktaApiClient client, String server, CallPolicy policy, RequestStats stats) {
        this(client, server, policy, List.of(stats), null, Deadline.NONE, OktaSettings.DEFAULT_REQUEST_TIMEOUT,
                Redactor.NONE, null);
    }

    /**
     * @param built  the configured client and, in OAuth mode, its token source
     * @param server the normalized org URL
     * @param policy the retry/pacing policy
     * @param stats  the connector-wide counters
     */
    public OktaHttp(OktaClientFactory.Built built, String server, CallPolicy policy, RequestStats stats) {
        this(built.apiClient(), server, policy, List.of(stats), built.tokens(), Deadline.NONE,
                OktaSettings.DEFAULT_REQUEST_TIMEOUT, Redactor.NONE, null);
    }

    private OktaHttp(OktaApiClient client, String server, CallPolicy policy, List<RequestStats> stats,
                     OAuthTokens tokens, Deadline deadline, Duration requestTimeout, Redactor redactor,
                     InFlight inFlight) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.server = Objects.requireNonNull(server, "server == null");
        this.serverUri = URI.create(server);
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.stats = List.copyOf(stats);
        this.tokens = tokens;
        this.scope = new CallScope(deadline, this.stats);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
        this.redactor = Objects.requireNonNull(redactor, "redactor == null");
        this.inFlight = inFlight;
    }

    /**
     * @param runStats counters of one run, in addition to the connector's
     * @return a view that also counts into {@code runStats}
     */
    public OktaHttp withStats(RequestStats runStats) {
        List<RequestStats> all = new ArrayList<>(stats);
        all.add(runStats);
        return new OktaHttp(client, server, policy, all, tokens, scope.deadline(), requestTimeout, redactor,
                inFlight);
    }

    /**
     * @param timeout how long the run may take from now ({@code RunTimeoutMinutes})
     * @return a view whose calls stop at that deadline: no request is sent after it ({@code TIMEOUT}), and a wait for
     *         a rate limit that would end after it fails at once ({@code RATE_LIMITED})
     */
    public OktaHttp withRunTimeout(Duration timeout) {
        return new OktaHttp(client, server, policy, stats, tokens, policy.deadlineAfter(timeout), requestTimeout,
                redactor, inFlight);
    }

    /**
     * @param timeout the most one request may take, from sending it to the last byte of its answer
     *                ({@code RequestTimeoutSeconds}; the default until set)
     * @return a view whose requests are cut off at that limit, or at the run's deadline if it comes first
     *         ({@code TIMEOUT} for a read, {@code OUTCOME_UNKNOWN} for a write)
     */
    public OktaHttp withRequestTimeout(Duration timeout) {
        return new OktaHttp(client, server, policy, stats, tokens, scope.deadline(), timeout, redactor, inFlight);
    }

    /**
     * @param secrets the values to hide in every failure's message: the connection's, or a run's ({@link
     *                Redactor#child()}), to which the run adds what it sends
     * @return a view whose failures are cleaned by {@code secrets}
     */
    public OktaHttp withRedactor(Redactor secrets) {
        return new OktaHttp(client, server, policy, stats, tokens, scope.deadline(), requestTimeout, secrets,
                inFlight);
    }

    /**
     * @return a view for one run whose requests in flight {@link #cancelInFlight()} stops (views made from it share
     *         them)
     */
    public OktaHttp cancellable() {
        return new OktaHttp(client, server, policy, stats, tokens, scope.deadline(), requestTimeout, redactor,
                new InFlight());
    }

    /**
     * Stops every request of this run that is in flight, and every later one: its connection is closed, so a worker
     * blocked on a slow answer ends at once. For a run that has failed; nothing outside a {@link #cancellable()} view.
     */
    public void cancelInFlight() {
        if (inFlight != null) {
            inFlight.cancelAll();
        }
    }

    /** @return the values this view hides in messages; a run registers what it sends here */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * @param operationScopes the OAuth scopes an operation needs (ignored with an API token, or when the settings name
     *                        scopes)
     * @return a view whose requests carry a token with those scopes
     */
    public OktaHttp withScopes(List<String> operationScopes) {
        if (tokens == null) {
            return this;
        }
        OAuthTokens t = tokens.forScopes(operationScopes);
        return t == tokens ? this
                : new OktaHttp(client, server, policy, stats, t, scope.deadline(), requestTimeout, redactor,
                inFlight);
    }

    /**
     * Proves that the OAuth service app is granted these scopes by obtaining a token for them (a token request, no API
     * call, nothing changed); nothing to do with an API token.
     *
     * @param operationScopes the scopes an operation needs
     * @throws ConnectorException PERMISSION_DENIED when Okta answers {@code invalid_scope}, or as {@link OAuthTokens}
     */
    public void requireScopes(List<String> operationScopes) {
        if (tokens != null) {
            OAuthTokens.Token t = tokens.forScopes(operationScopes).token();
            if (t.fetched()) {
                stats.forEach(s -> s.attempt(Bucket.OTHER));
            }
        }
    }

    /**
     * @param bucket a rate-limit bucket
     * @return the requests per window the policy lets us send in it, as far as known; -1 when unknown or unpaced
     */
    public long budgetPerWindow(Bucket bucket) {
        return policy.budgetPerWindow(bucket);
    }

    /** @return the configured org URL */
    public String server() {
        return server;
    }

    /**
     * GETs a JSON document.
     *
     * @param path  the path below the org URL; ids in it encoded with {@link #segment}
     * @param query query parameters, encoded by the SDK
     * @return the body (never {@code null}) and headers
     * @throws ConnectorException translated by {@link OktaErrors}; PROTOCOL when the answer has no body
     */
    public Response get(String path, List<Pair> query) {
        Response r = send("GET", path, query, null);
        if (r.body() == null) {
            throw OktaErrors.protocol(Call.of("GET", path), server, "the answer has no JSON body");
        }
        return r;
    }

    /**
     * GETs a JSON document and reads it while it is parsed, with no tree in between (the export's pages).
     *
     * @param path   the path below the org URL; ids in it encoded with {@link #segment}
     * @param query  query parameters, encoded by the SDK
     * @param reader reads the body
     * @param <T>    the reader's result
     * @return the reader's result (never {@code null}) and headers
     * @throws ConnectorException translated by {@link OktaErrors}, a body that is not valid JSON included; PROTOCOL
     *                            when the answer has no body
     */
    public <T> Read<T> read(String path, List<Pair> query, BodyReader<T> reader) {
        Exchange ex = exchange("GET", path, query, null, new OktaApiClient.Reading<>(reader));
        if (ex.body() == null) {
            throw OktaErrors.protocol(Call.of("GET", path), server, "the answer has no JSON body");
        }
        @SuppressWarnings("unchecked")
        T value = (T) ex.body();
        return new Read<>(value, ex.info());
    }

    /**
     * Sends any request. Writes are not retried on 5xx or a dropped connection (they might have been applied).
     *
     * @param method the HTTP method
     * @param path   the path below the org URL
     * @param query  query parameters
     * @param body   a JSON body (a Jackson tree, a Map, an SDK model), or {@code null}
     * @return the body ({@code null} for 204 or an empty body) and headers
     * @throws ConnectorException translated by {@link OktaErrors}
     */
    public Response send(String method, String path, List<Pair> query, Object body) {
        Exchange ex = exchange(method, path, query, body, OktaApiClient.RAW_JSON);
        return new Response((JsonNode) ex.body(), ex.info());
    }

    /** @return a successful exchange; a failure is translated and thrown */
    private Exchange exchange(String method, String path, List<Pair> query, Object body,
                              TypeReference<?> returns) {
        Call call = Call.of(method, path);
        int[] attempts = {0};
        String[] token = {null};
        Exchange ex;
        try {
            ex = policy.execute(call, () -> attempt(call, query, body, returns, attempts[0]++ > 0, token), scope);
            if (tokens != null && ex.status() == 401 && "use_dpop_nonce".equals(dpopError(ex))
                    && tokens.apiNonce(ex.info().first("DPoP-Nonce"))) {
                // the token is fine: Okta wants its nonce in the proofs from now on
                LOG.debug("{}: Okta asks for a DPoP nonce; retrying with it", call);
                ex = policy.execute(call, () -> attempt(call, query, body, returns, true, token), scope);
            }
            if (tokens != null && ex.status() == 401 && dpopError(ex) == null) {
                // the token was revoked or expired early: Okta gives no other sign, and the SDK never renews then
                LOG.debug("{}: 401 with an OAuth token; renewing it once", call);
                tokens.invalidate(token[0]);
                ex = policy.execute(call, () -> attempt(call, query, body, returns, true, token), scope);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.INTERNAL, call + " on " + server + ": interrupted");
        } catch (RuntimeException e) {
            throw redactor.redact(OktaErrors.unexpected(call, e, server));
        }
        if (!ex.ok() && dpopError(ex) != null) {
            // a proof Okta refuses is a sign-in problem, not a refusal of this request's data
            throw redactor.redact(new ConnectorException(ErrorCode.AUTHENTICATION, call + " on " + server
                    + ": Okta refused the DPoP proof (HTTP " + ex.status() + " " + ex.info().first("WWW-Authenticate")
                    + ")"));
        }
        if (!ex.ok()) {
            // the body is cleaned before it is parsed: a summary cut short must not keep half a password
            Exchange clean = ex.errorBody() == null ? ex
                    : new Exchange(ex.status(), ex.info(), ex.body(), redactor.redact(ex.errorBody()), ex.failure());
            ConnectorException ce = redactor.redact(OktaErrors.translate(call, clean, server, tokens != null));
            LOG.debug("{} failed: {}", call, ce.getMessage());
            throw ce;
        }
        return ex;
    }

    private Exchange attempt(Call call, List<Pair> query, Object body,
                             TypeReference<?> returns, boolean retry,
                             String[] usedToken) {
        // the whole answer, however slowly it comes, ends at the request's timeout or the run's deadline
        AttemptLimits limits = AttemptLimits.begin(requestTimeout.toNanos(), "RequestTimeoutSeconds ("
                + requestTimeout.toSeconds() + " s)", scope.deadline().leftNanos(policy.ticker().nanos()),
                scope.deadline().describe());
        if (inFlight != null) {
            inFlight.add(limits);
        }
        try {
            Exchange ex = attempt(call, query, body, returns, retry, usedToken, new HashMap<>());
            if (limits.cancelled()) {
                // thrown, not returned: a connection we closed ourselves must not be retried as a dropped one
                throw new ConnectorException(ErrorCode.INTERNAL, call + " on " + server + ": cancelled, the run"
                        + " stopped");
            }
            return ex;
        } finally {
            AttemptLimits.end();
            if (inFlight != null) {
                inFlight.remove(limits);
            }
        }
    }

    private Exchange attempt(Call call, List<Pair> query, Object body, TypeReference<?> returns, boolean retry,
                             String[] usedToken, Map<String, String> headers) {
        String[] authNames = AUTH_NAMES;
        if (tokens != null) {
            OAuthTokens.Token t = tokens.token(); // throws a translated ConnectorException when refused
            if (t.fetched()) {
                stats.forEach(s -> s.attempt(Bucket.OTHER));
            }
            headers.put("Authorization", t.authorization());
            if (t.dpop()) {
                // a fresh proof per attempt: Okta refuses a proof whose jti it has seen
                headers.put("DPoP", tokens.proof(call.method(), server + call.path(), t));
            }
            usedToken[0] = t.value();
            redactor.register(t.value());
            authNames = new String[0];
        }
        ResponseCapture.clear();
        for (RequestStats s : stats) {
            s.attempt(call.bucket());
            if (retry) {
                s.retry();
            }
        }
        try {
            Object result = client.invokeAPI(call.path(), call.method(), encoded(query), new ArrayList<>(), "",
                    body, headers, new HashMap<>(), new HashMap<>(), JSON, JSON, authNames, returns);
            // RAW_JSON yields a tree, a Reading its reader's result, whatever the declared type
            ResponseInfo info = ResponseCapture.last();
            LOG.debug("{} -> {}", call, info);
            return new Exchange(info == null ? 200 : info.status(), info, result, null, null);
        } catch (ApiException e) {
            ResponseInfo info = ResponseCapture.last();
            if (e.getCode() == 429) {
                boolean concurrency = RateLimitHeaders.of(info).concurrencyLimited();
                for (RequestStats s : stats) {
                    s.rateLimited();
                    if (concurrency) {
                        s.concurrencyLimited();
                    }
                }
            }
            LOG.debug("{} -> {} (code {})", call, info, e.getCode());
            return new Exchange(e.getCode(), info, null, e.getResponseBody(), e);
        } catch (RuntimeException e) {
            // the SDK throws more than ApiException (NPEs, IllegalArgumentException, OAuth errors)
            ResponseInfo info = ResponseCapture.last();
            LOG.debug("{} -> {} ({})", call, info, e.getClass().getName());
            return new Exchange(0, info, null, null, e);
        } finally {
            ResponseCapture.clear();
        }
    }

    /** @return the {@code error} of a {@code WWW-Authenticate: DPoP ...} challenge about the proof, or {@code null} */
    private static String dpopError(Exchange ex) {
        String challenge = ex.info() == null ? null : ex.info().first("WWW-Authenticate");
        if (challenge == null || !challenge.regionMatches(true, 0, "DPoP", 0, 4)) {
            return null;
        }
        Matcher m = DPOP_ERROR.matcher(challenge);
        return m.find() && (m.group(1).equals("use_dpop_nonce") || m.group(1).equals("invalid_dpop_proof"))
                ? m.group(1) : null;
    }

    private static final Pattern DPOP_ERROR = Pattern.compile("error=\"([^\"]*)\"");

    /** The SDK escapes query parameter names but passes values verbatim into the URL: encode them here. */
    private static List<Pair> encoded(List<Pair> query) {
        List<Pair> out = new ArrayList<>(query.size());
        for (Pair p : query) {
            out.add(new Pair(p.getName(), URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20")));
        }
        return out;
    }

    /**
     * @param url a link target, absolute or relative to the org URL
     * @return whether it has the configured org's origin (scheme, host and port)
     */
    public boolean sameOrigin(URI url) {
        URI u = serverUri.resolve(url);
        return eq(u.getScheme(), serverUri.getScheme()) && eq(u.getHost(), serverUri.getHost())
                && port(u) == port(serverUri);
    }

    /**
     * @param url a link target, absolute or relative
     * @return its origin as text, for messages
     */
    public String originOf(URI url) {
        URI u = serverUri.resolve(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static boolean eq(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }

    /**
     * Percent-encodes one path segment (an id from Okta's JSON), so that no value can change the path.
     *
     * @param value the raw segment
     * @return the encoded segment
     */
    public static String segment(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        String s = sb.toString();
        return s.equals(".") || s.equals("..") ? s.replace(".", "%2E") : s;
    }
}
