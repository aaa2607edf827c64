package io.oktaconnector.okta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Okta org authorization server in front of a resource server, on 127.0.0.1, for OAuth tests until the
 * simulator has its own: {@code POST /oauth2/v1/token} verifies a {@code private_key_jwt} client assertion (signature
 * against the registered public key, iss, sub, aud, exp, lifetime, jti replay) and issues opaque bearer tokens with
 * the granted scopes. {@code /api/**} answers 401 E0000011 to a missing, unknown or revoked token and 403 E0000006
 * when the token lacks the endpoint's scope ({@code okta.<users|groups|apps|schemas>.read} or {@code .manage} for a
 * GET, {@code .manage} otherwise); an authorized call is forwarded to the backend (the simulator, with its SSWS token;
 * the backend's origin in response headers is rewritten to this server's) or, without a backend, answered {@code []}.
 */
public final class FakeTokenServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String clientId;
    private final PublicKey publicKey;
    private final Set<String> granted;
    private final Clock clock;
    private final Map<String, Set<String>> liveTokens = new ConcurrentHashMap<>();
    private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
    private final List<JsonNode> assertionHeaders = new CopyOnWriteArrayList<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile long expiresIn = 3600;
    private volatile long tokenDelayMillis;
    private volatile String dpopRequired;
    private volatile String redirectTo;
    private volatile int revokeAtApiRequest = -1;
    private volatile String backendUrl;
    private volatile String backendToken;
    private final java.net.http.HttpClient forwarder = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    /**
     * @param clientId  the registered client
     * @param publicKey its registered public key (RSA or EC)
     * @param granted   the scopes granted to it
     */
    public FakeTokenServer(String clientId, PublicKey publicKey, Set<String> granted) throws IOException {
        this(clientId, publicKey, granted, Clock.systemUTC());
    }

    /**
     * @param clock the server's clock, against which assertion expiry is checked
     */
    public FakeTokenServer(String clientId, PublicKey publicKey, Set<String> granted, Clock clock) throws IOException {
        this.clientId = clientId;
        this.publicKey = publicKey;
        this.granted = Set.copyOf(granted);
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/oauth2/v1/token", this::token);
        server.createContext("/api/", this::api);
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param seconds the {@code expires_in} of tokens issued from now on */
    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** @param millis how long the token endpoint takes to answer (to make concurrent fetches overlap) */
    public void tokenDelay(long millis) {
        this.tokenDelayMillis = millis;
    }

    /** @param error when set, every token request is answered 400 with this OAuth error (e.g. invalid_dpop_proof) */
    public void failTokenRequests(String error) {
        this.dpopRequired = error;
    }

    /** @param url when set, the token endpoint answers 307 to this URL */
    public void redirectTokenRequestsTo(String url) {
        this.redirectTo = url;
    }

    /**
     * @param baseUrl the resource server to forward authorized API calls to
     * @param ssws    its API token
     */
    public void forwardTo(String baseUrl, String ssws) {
        this.backendUrl = baseUrl;
        this.backendToken = ssws;
    }

    /** @param n revoke every live token when the n-th API request arrives (a token expiring mid-export) */
    public void revokeAtApiRequest(int n) {
        this.revokeAtApiRequest = n;
    }

    /** Revokes every token issued so far (Okta-side expiry or revocation). */
    public void revokeAll() {
        liveTokens.clear();
    }

    /** @return token requests received */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** @return API requests received */
    public int apiRequests() {
        return apiRequests.get();
    }

    /** @return why token requests were refused, in order */
    public List<String> errors() {
        return errors;
    }

    /** @return the form of each token request */
    public List<Map<String, String>> tokenForms() {
        return tokenForms;
    }

    /** @return the decoded JOSE header of each verified assertion */
    public List<JsonNode> assertionHeaders() {
        return assertionHeaders;
    }

    /** @return every token issued, revoked ones included */
    public List<String> issued() {
        return issued;
    }

    /** @return the tokens currently accepted */
    public Set<String> liveTokens() {
        return Set.copyOf(liveTokens.keySet());
    }

    private void token(HttpExchange ex) throws IOException {
        tokenRequests.incrementAndGet();
        try (ex) {
            if (tokenDelayMillis > 0) {
                Thread.sleep(tokenDelayMillis);
            }
            if (redirectTo != null) {
                ex.getResponseHeaders().add("Location", redirectTo);
                ex.sendResponseHeaders(307, -1);
                return;
            }
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenForms.add(form);
            if (dpopRequired != null) {
                refuse(ex, 400, dpopRequired, "DPoP proof required");
                return;
            }
            if (!"POST".equals(ex.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
                    || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
                    || ex.getRequestHeaders().getFirst("Authorization") != null) {
                refuse(ex, 400, "invalid_request", "malformed token request");
                return;
            }
            String problem = verify(form.getOrDefault("client_assertion", ""));
            if (problem != null) {
                refuse(ex, 401, "invalid_client", problem);
                return;
            }
            Set<String> asked = Set.of(form.getOrDefault("scope", "").split(" "));
            if (!granted.containsAll(asked)) {
                refuse(ex, 400, "invalid_scope", "One or more scopes are not configured for the authorization server resource.");
                return;
            }
            String token = "at-" + java.util.UUID.randomUUID().toString().replace("-", "");
            liveTokens.put(token, asked);
            issued.add(token);
            send(ex, 200, JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", expiresIn)
                    .put("access_token", token).put("scope", String.join(" ", asked)).toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String verify(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "client_assertion is not a JWS";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
            String alg = header.path("alg").asText();
            Signature verifier;
            if (alg.equals("RS256")) {
                verifier = Signature.getInstance("SHA256withRSA");
            } else if (alg.equals("ES256") && publicKey instanceof ECPublicKey) {
                verifier = Signature.getInstance("SHA256withECDSA");
                sig = joseToDer(sig);
            } else {
                return "unsupported alg " + alg;
            }
            verifier.initVerify(publicKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(sig)) {
                return "The client_assertion signature is invalid.";
            }
            long now = clock.instant().getEpochSecond();
            long iat = claims.path("iat").asLong();
            long exp = claims.path("exp").asLong();
            if (!clientId.equals(claims.path("iss").asText()) || !clientId.equals(claims.path("sub").asText())) {
                return "The client_assertion iss and sub must be the client_id.";
            }
            if (!(baseUrl() + "/oauth2/v1/token").equals(claims.path("aud").asText())) {
                return "The audience of the client_assertion is invalid.";
            }
            if (exp <= now) {
                return "The client_assertion token is expired.";
            }
            if (exp - iat > 3600 || iat > now + 60) {
                return "The client_assertion lifetime is invalid.";
            }
            if (!seenJti.add(claims.path("jti").asText())) {
                return "The client_assertion token has already been used.";
            }
            assertionHeaders.add(header);
            return null;
        } catch (Exception e) {
            return "client_assertion cannot be verified: " + e.getClass().getSimpleName();
        }
    }

    private void api(HttpExchange ex) throws IOException {
        int n = apiRequests.incrementAndGet();
        if (n == revokeAtApiRequest) {
            revokeAll();
        }
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Set<String> scopes = auth == null || !auth.startsWith("Bearer ") ? null : liveTokens.get(auth.substring(7));
            if (scopes == null) {
                send(ex, 401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorCauses\":[]}");
                return;
            }
            String resource = resource(ex.getRequestURI().getPath());
            boolean read = ex.getRequestMethod().equals("GET");
            if (!scopes.contains("okta." + resource + ".manage") && !(read && scopes.contains("okta." + resource + ".read"))) {
                send(ex, 403, "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to perform "
                        + "the requested action\",\"errorCauses\":[]}");
                return;
            }
            if (backendUrl == null) {
                send(ex, 200, "[]");
                return;
            }
            forward(ex);
        }
    }

    private static String resource(String path) {
        if (path.startsWith("/api/v1/meta/schemas")) {
            return "schemas";
        }
        String[] seg = path.split("/");
        return seg.length > 3 ? seg[3] : "";
    }

    private void forward(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        java.net.http.HttpRequest.Builder rb = java.net.http.HttpRequest.newBuilder(java.net.URI.create(backendUrl
                        + ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)))
                .method(ex.getRequestMethod(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        ex.getRequestBody().readAllBytes()))
                .header("Authorization", "SSWS " + backendToken);
        for (String h : List.of("Accept", "Content-Type")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                rb.header(h, v);
            }
        }
        java.net.http.HttpResponse<byte[]> r;
        try {
            r = forwarder.send(rb.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        r.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals("connection")
                    && !lower.equals("date") && !lower.startsWith(":")) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v.replace(backendUrl, baseUrl())));
            }
        });
        byte[] body = r.body();
        ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void refuse(HttpExchange ex, int status, String error, String description) throws IOException {
        errors.add(error + ": " + description);
        send(ex, status, JSON.createObjectNode().put("error", error).put("error_description", description).toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** R||S to ECDSA-Sig-Value DER. */
    static byte[] joseToDer(byte[] jose) {
        int n = jose.length / 2;
        byte[] r = new BigInteger(1, Arrays.copyOfRange(jose, 0, n)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(jose, n, 2 * n)).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int len = 2 + r.length + 2 + s.length;
        out.write(0x30);
        if (len >= 0x80) {
            out.write(0x81);
        }
        out.write(len);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
