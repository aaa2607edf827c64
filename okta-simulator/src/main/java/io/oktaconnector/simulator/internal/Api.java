package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.RateLimitBucket;
import io.oktaconnector.simulator.RecordedRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The request pipeline: faults, rate limits, authentication, latency, routing, standard headers,
 * paging links, and the request log. One instance per simulator; thread-safe.
 */
public final class Api implements Function<HttpRequest, HttpResponse> {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** Static settings of the pipeline. */
    public record Settings(String token, boolean lowerCaseHeaders, Duration latencyBase, Duration latencyJitter,
                           long seed) {
    }

    private final Settings settings;
    private final OrgStore store;
    private final RateLimiter limiter;
    private final FaultEngine faults;
    private final CounterSink counters;
    private final Consumer<RecordedRequest> log;
    private final OAuthServer oauth;
    private final String expectedAuth;
    private final SplittableRandom jitter;
    private final AtomicLong sequence = new AtomicLong();
    private volatile String origin = "http://127.0.0.1";

    public Api(Settings settings, OrgStore store, RateLimiter limiter, FaultEngine faults, CounterSink counters,
               Consumer<RecordedRequest> log, OAuthServer oauth) {
        this.settings = settings;
        this.oauth = oauth;
        this.store = store;
        this.limiter = limiter;
        this.faults = faults;
        this.counters = counters;
        this.log = log;
        this.expectedAuth = "SSWS " + settings.token();
        this.jitter = new SplittableRandom(settings.seed() ^ 0x1a7e5eedL);
    }

    public void origin(String origin) {
        this.origin = origin;
        oauth.origin(origin);
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, "E0000022", "The endpoint does not support the provided HTTP method");
    }

    static ApiError pathNotFound() {
        return new ApiError(404, "E0000008", "The requested path was not found");
    }

    static ApiError notImplemented() {
        return new ApiError(501, "E0000009", "Internal Server Error", "not implemented by the simulator");
    }

    @Override
    public HttpResponse apply(HttpRequest req) {
        long seq = sequence.incrementAndGet();
        java.time.Instant at = store.clock().instant();
        String method = req.method();
        String path = HttpRequest.decode(req.rawPath());
        RateLimitBucket bucket = RateLimiter.bucketOf(method, req.rawPath());
        long inFlight = counters.enter(bucket);
        long t0 = System.nanoTime();
        long slept = 0;
        String requestId = Wire.randomId("req", 23);
        List<FaultRule> fired = faults.fire(method, path);
        List<String> faultNames = fired.isEmpty() ? List.of() : new ArrayList<>();
        boolean tokenEndpoint = path.equals(OAuthServer.TOKEN_PATH);
        // a first, side-effect-free look (no DPoP proof is spent), so that requests a fault or a 429 stops
        // are still logged as carrying valid credentials; the real check comes after the rate limiter
        boolean authorized = !tokenEndpoint && oauth.recognizes(req, expectedAuth);
        String clientId = "";
        HttpResponse resp = new HttpResponse();
        try {
            for (FaultRule f : fired) {
                counters.fault();
                faultNames.add(f.fault().name());
                if (f.fault() == FaultRule.Fault.DELAY) {
                    slept += sleep(f.delay().toNanos());
                }
            }
            FaultRule shortCircuit = first(fired, FaultRule.Fault.STATUS, FaultRule.Fault.REDIRECT,
                    FaultRule.Fault.RESET_BEFORE_BODY);
            if (shortCircuit != null) {
                return shortCircuit(req, shortCircuit, requestId, bucket, resp);
            }
            int concurrency = limiter.limits().concurrencyLimit();
            if (concurrency > 0 && inFlight > concurrency) {
                counters.tooMany(bucket, true, false);
                writeError(resp, 429, "E0000047", "API call exceeded rate limit due to too many requests.",
                        List.of(), requestId, fired);
                rateHeaders(resp, 0, 0, limiter.concurrencyReset(), fired);
                return resp;
            }
            RateLimiter.Decision d = limiter.acquire(bucket);
            if (!d.allowed()) {
                counters.tooMany(bucket, false, true);
                writeError(resp, 429, "E0000047", "API call exceeded rate limit due to too many requests.",
                        List.of(), requestId, fired);
                rateHeaders(resp, d.limit(), 0, d.resetEpochSeconds(), fired);
                return resp;
            }
            Reply reply;
            if (tokenEndpoint) {
                slept += latency();
                OAuthServer.TokenAnswer answer = oauth.token(req);
                if (answer.clientId() != null) {
                    authorized = true;
                    clientId = answer.clientId();
                    if (answer.reply().status == 200) {
                        counters.tokenIssued();
                    }
                }
                reply = answer.reply();
            } else {
                OAuthServer.Auth auth = oauth.authenticate(req, expectedAuth);
                authorized = auth.ok;
                clientId = auth.clientId;
                String[] seg = apiSegments(req.rawPath());
                String scope = seg == null ? null : Scopes.required(method, seg);
                if (!auth.ok && auth.status == 400) {
                    // Okta answers a bad DPoP proof with 400 and a DPoP challenge (okta-sdk-nodejs #453,
                    // okta-sdk-python #541); its body is not documented, so none is sent
                    standard(resp, 400, requestId, fired, false);
                    rateHeaders(resp, d.limit(), d.remaining(), d.resetEpochSeconds(), fired);
                    resp.header(name("WWW-Authenticate"), oauth.challenge(true, scope, "invalid_dpop_proof",
                            auth.dpopProblem, req.rawPath()));
                    resp.header(name("Content-Length"), "0");
                    return resp;
                }
                if (!auth.ok) {
                    writeError(resp, 401, "E0000011", "Invalid token provided", List.of(), requestId, fired);
                    rateHeaders(resp, d.limit(), d.remaining(), d.resetEpochSeconds(), fired);
                    return resp;
                }
                if (!auth.allows(scope)) {
                    writeError(resp, 403, "E0000006", "You do not have permission to perform the requested action",
                            List.of(), requestId, fired);
                    rateHeaders(resp, d.limit(), d.remaining(), d.resetEpochSeconds(), fired);
                    // Okta's insufficient_scope challenge (support article "insufficient_scope error when
                    // making a request to an OAuth or management endpoint")
                    resp.header(name("WWW-Authenticate"), oauth.challenge(auth.dpop, scope, "insufficient_scope",
                            "The access token provided does not contain the required scopes.", req.rawPath()));
                    return resp;
                }
                slept += latency();
                try {
                    reply = route(req, path);
                } catch (ApiError e) {
                    writeError(resp, e.status(), e.code(), e.getMessage(), e.causes(), requestId, fired);
                    rateHeaders(resp, d.limit(), d.remaining(), d.resetEpochSeconds(), fired);
                    return resp;
                }
            }
            if (has(fired, FaultRule.Fault.EMPTY_BODY) && reply.body != null) {
                reply = reply.withoutBody();
            }
            standard(resp, reply.status, requestId, fired, reply.body != null && reply.body.length > 0);
            rateHeaders(resp, d.limit(), d.remaining(), d.resetEpochSeconds(), fired);
            if (reply.paged) {
                links(resp, req, reply, fired);
            }
            for (String[] h : reply.headers) {
                resp.header(name(h[0]), h[1]);
            }
            byte[] body = reply.body == null ? new byte[0] : reply.body;
            if (has(fired, FaultRule.Fault.MALFORMED_JSON) && reply.body != null) {
                body = java.util.Arrays.copyOf(body, Math.max(1, body.length * 2 / 3));
            }
            if (reply.body != null) {
                resp.header(name("Content-Length"), String.valueOf(body.length));
            }
            resp.body(body);
            if (has(fired, FaultRule.Fault.AMBIGUOUS_WRITE)) {
                resp.action(HttpResponse.Action.RESET_BEFORE);
            } else if (has(fired, FaultRule.Fault.TRUNCATED_BODY)) {
                resp.action(HttpResponse.Action.TRUNCATE);
            } else if (has(fired, FaultRule.Fault.RESET_AFTER_BODY)) {
                resp.action(HttpResponse.Action.RESET_AFTER);
            }
            return resp;
        } catch (RuntimeException e) {
            resp = new HttpResponse();
            writeError(resp, 500, "E0000009", "Internal Server Error", List.of(String.valueOf(e)), requestId, fired);
            return resp;
        } finally {
            counters.exit(System.nanoTime() - t0 - slept);
            int status = resp.action() == HttpResponse.Action.RESET_BEFORE ? 0 : resp.status();
            String body = new String(req.body(), StandardCharsets.UTF_8);
            log.accept(new RecordedRequest(seq, at, method, req.rawPath(), req.rawQuery(), redacted(req),
                    tokenEndpoint ? redactedForm(body) : body, status, bucket, authorized, requestId,
                    faultNames, clientId));
        }
    }

    private HttpResponse shortCircuit(HttpRequest req, FaultRule f, String requestId, RateLimitBucket bucket,
                                      HttpResponse resp) {
        List<FaultRule> fired = List.of(f);
        switch (f.fault()) {
            case RESET_BEFORE_BODY -> {
                resp.status(0).action(HttpResponse.Action.RESET_BEFORE);
                return resp;
            }
            case REDIRECT -> {
                String url = f.url();
                String target = req.rawPath() + (req.rawQuery().isEmpty() ? "" : "?" + req.rawQuery());
                int schemeEnd = url.indexOf("://");
                boolean hasPath = schemeEnd >= 0 && url.indexOf('/', schemeEnd + 3) >= 0;
                standard(resp, 302, requestId, fired, false);
                resp.header(name("Location"), hasPath ? url : url + target);
                resp.header(name("Content-Length"), "0");
                return resp;
            }
            default -> {
                int st = f.status();
                String code = switch (st) {
                    case 400 -> "E0000001";
                    case 401 -> "E0000011";
                    case 403 -> "E0000006";
                    case 404 -> "E0000007";
                    case 429 -> "E0000047";
                    case 503 -> "E0000010";
                    default -> "E0000009";
                };
                String summary = switch (st) {
                    case 429 -> "API call exceeded rate limit due to too many requests.";
                    case 503 -> "Service is in read only mode";
                    case 404 -> "Not found: Resource not found";
                    case 401 -> "Invalid token provided";
                    case 403 -> "You do not have permission to perform the requested action";
                    case 400 -> "Api validation failed";
                    default -> "Internal Server Error";
                };
                if (st == 429) {
                    counters.tooMany(bucket, false, false);
                }
                writeError(resp, st, code, summary, List.of(), requestId, fired);
                return resp;
            }
        }
    }

    private static FaultRule first(List<FaultRule> fired, FaultRule.Fault... kinds) {
        for (FaultRule f : fired) {
            for (FaultRule.Fault k : kinds) {
                if (f.fault() == k) {
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean has(List<FaultRule> fired, FaultRule.Fault kind) {
        for (FaultRule f : fired) {
            if (f.fault() == kind) {
                return true;
            }
        }
        return false;
    }

    private static FaultRule find(List<FaultRule> fired, FaultRule.Fault kind) {
        for (FaultRule f : fired) {
            if (f.fault() == kind) {
                return f;
            }
        }
        return null;
    }

    private String name(String canonical) {
        return settings.lowerCaseHeaders() ? canonical.toLowerCase(Locale.ROOT) : canonical;
    }

    private void standard(HttpResponse resp, int status, String requestId, List<FaultRule> fired, boolean json) {
        resp.status(status);
        if (!has(fired, FaultRule.Fault.MISSING_DATE)) {
            resp.header(name("Date"), HTTP_DATE.format(store.clock().instant()));
        }
        if (json) {
            resp.header(name("Content-Type"), "application/json");
        }
        resp.header(name("X-Okta-Request-Id"), requestId);
    }

    private void rateHeaders(HttpResponse resp, int limit, int remaining, long reset, List<FaultRule> fired) {
        resp.header(name("X-Rate-Limit-Limit"), String.valueOf(limit));
        resp.header(name("X-Rate-Limit-Remaining"), String.valueOf(remaining));
        resp.header(name("X-Rate-Limit-Reset"), String.valueOf(reset));
        if (has(fired, FaultRule.Fault.DUPLICATE_RATE_LIMIT_HEADERS)) {
            // a second, different set, as Okta sometimes sends (okta-sdk-java #259)
            resp.header(name("X-Rate-Limit-Limit"), String.valueOf(limit * 2));
            resp.header(name("X-Rate-Limit-Remaining"), String.valueOf(Math.max(0, remaining - 1) * 2));
            resp.header(name("X-Rate-Limit-Reset"), String.valueOf(reset + 30));
        }
    }

    private void writeError(HttpResponse resp, int status, String code, String summary, List<String> causes,
                            String requestId, List<FaultRule> fired) {
        ObjectNode e = Json.object();
        e.put("errorCode", code);
        e.put("errorSummary", summary);
        e.put("errorLink", code);
        e.put("errorId", Wire.randomId("oae", 22));
        ArrayNode arr = e.putArray("errorCauses");
        for (String c : causes) {
            arr.add(Json.object().put("errorSummary", c));
        }
        byte[] body = Json.bytes(e);
        standard(resp, status, requestId, fired, true);
        resp.header(name("Content-Length"), String.valueOf(body.length));
        resp.body(body);
    }

    private void links(HttpResponse resp, HttpRequest req, Reply reply, List<FaultRule> fired) {
        String self = origin + req.rawPath() + (req.rawQuery().isEmpty() ? "" : "?" + req.rawQuery());
        resp.header(name("Link"), "<" + self + ">; rel=\"self\"");
        String cursor = reply.nextCursor;
        if (has(fired, FaultRule.Fault.ENDLESS_NEXT_LINK)) {
            String a = req.param("after");
            cursor = a != null && !a.isEmpty() ? a : reply.lastId != null ? reply.lastId : store.ids().user(0);
        }
        if (cursor == null) {
            return;
        }
        StringBuilder q = new StringBuilder("after=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        if (!req.rawQuery().isEmpty()) {
            for (String part : req.rawQuery().split("&")) {
                if (part.isEmpty() || part.equals("after") || part.startsWith("after=")) {
                    continue;
                }
                q.append('&').append(part);
            }
        }
        FaultRule foreign = find(fired, FaultRule.Fault.FOREIGN_NEXT_LINK);
        String o = foreign != null ? foreign.url() : origin;
        resp.header(name("Link"), "<" + o + req.rawPath() + "?" + q + ">; rel=\"next\"");
    }

    private long latency() {
        long base = settings.latencyBase().toNanos();
        long j = settings.latencyJitter().toNanos();
        if (base <= 0 && j <= 0) {
            return 0;
        }
        long extra;
        synchronized (jitter) {
            extra = j > 0 ? jitter.nextLong(j + 1) : 0;
        }
        return sleep(base + extra);
    }

    private static long sleep(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long t = System.nanoTime();
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.nanoTime() - t;
    }

    private static Map<String, List<String>> redacted(HttpRequest req) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String[] h : req.headers()) {
            String v = h[1];
            if (h[0].equalsIgnoreCase("Authorization")) {
                int sp = v.indexOf(' ');
                v = (sp > 0 ? v.substring(0, sp) + " " : "") + "[hidden]";
            }
            m.computeIfAbsent(h[0], k -> new ArrayList<>(1)).add(v);
        }
        return m;
    }

    /** The form body with the client assertion hidden (a signed credential, replayable until its exp). */
    private static String redactedForm(String body) {
        return body.replaceAll("(^|&)(client_assertion|client_secret)=[^&]*", "$1$2=[hidden]");
    }

    /** Raw path segments after {@code /api/v1/}, decoded; null for any other path. */
    private static String[] apiSegments(String raw) {
        if (!raw.startsWith("/api/v1/")) {
            return null;
        }
        String[] seg = raw.substring(8).split("/", -1);
        for (int i = 0; i < seg.length; i++) {
            seg[i] = HttpRequest.decode(seg[i]);
        }
        return seg;
    }

    // ---------------------------------------------------------------- routing

    private Reply route(HttpRequest req, String decodedPath) {
        if (req.lengthMissing()) {
            throw new ApiError(411, "E0000001", "Api validation failed: Content-Length",
                    "Content-Length: a POST or PUT must carry Content-Length");
        }
        String raw = req.rawPath();
        if (!raw.startsWith("/api/v1/")) {
            throw pathNotFound();
        }
        String[] rawSeg = raw.substring(8).split("/", -1);
        String[] seg = new String[rawSeg.length];
        for (int i = 0; i < rawSeg.length; i++) {
            seg[i] = HttpRequest.decode(rawSeg[i]);
            if (seg[i].isEmpty() && i > 0) {
                throw pathNotFound();
            }
        }
        Ctx c = new Ctx(req, seg, origin, store);
        return switch (seg[0]) {
            case "users" -> UserEndpoints.handle(c);
            case "groups" -> GroupEndpoints.handle(c);
            case "apps" -> AppEndpoints.handle(c);
            case "meta" -> schemas(c);
            default -> throw pathNotFound();
        };
    }

    private Reply schemas(Ctx c) {
        String[] s = c.seg;
        if (s.length == 4 && s[1].equals("schemas") && (s[2].equals("user") || s[2].equals("group"))) {
            if (!c.method.equals("GET")) {
                throw methodNotAllowed();
            }
            boolean user = s[2].equals("user");
            if (user && !s[3].equals("default") && !s[3].equals(store.ids().userType())) {
                throw ApiError.notFound(s[3], "UserSchema");
            }
            if (!user && !s[3].equals("default")) {
                throw pathNotFound();
            }
            ObjectNode schema = user ? store.userSchema() : store.groupSchema();
            String path = "/api/v1/meta/schemas/" + s[2] + "/default";
            return Reply.raw(Wire.withExtra(schema, Links.schema(c.origin, path)));
        }
        throw pathNotFound();
    }
}
