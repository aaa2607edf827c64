package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Okta's org authorization server for service apps: {@code POST /oauth2/v1/token} with the
 * client-credentials grant and {@code private_key_jwt} client authentication, optional DPoP, and the
 * resource-server side (Bearer/DPoP access tokens on {@code /api/v1}). Thread-safe.
 *
 * <p>Error codes and statuses follow RFC 6749/7523/9449 and Okta; the {@code error_description}s
 * quoted from Okta's answers are marked {@code // Okta's wording}, the others are the simulator's.
 */
public final class OAuthServer {
    public static final String TOKEN_PATH = "/oauth2/v1/token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Tolerated clock difference for assertion and proof times. */
    static final Duration SKEW = Duration.ofSeconds(60);
    /** Okta rejects an assertion whose exp lies more than an hour ahead. */
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    /** How old a DPoP proof's iat may be. */
    static final Duration PROOF_MAX_AGE = Duration.ofMinutes(5);
    /** Okta's DPoP nonce lives 24 hours (the SDK refreshes it after 22). */
    static final Duration NONCE_LIFETIME = Duration.ofHours(24);
    static final String DPOP_ALGS = "RS256 RS384 RS512 ES256 ES384 ES512";
    private static final Set<String> KNOWN_GRANTS = Set.of("authorization_code", "implicit", "password",
            "refresh_token", "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:saml2-bearer",
            "urn:ietf:params:oauth:grant-type:token-exchange", "interaction_code",
            "urn:okta:params:oauth:grant-type:otp", "urn:okta:params:oauth:grant-type:oob");

    /** A registered service app: client id, optional key id, its public key, the scopes granted to it. */
    public record Client(String clientId, String keyId, PublicKey key, Set<String> scopes) {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(key, "key");
            scopes = Set.copyOf(scopes);
        }
    }

    private record Token(String clientId, Set<String> scopes, Instant expiresAt, byte[] dpopKey) {
    }

    /** What the token endpoint answered, and which client it authenticated (null when none). */
    record TokenAnswer(Reply reply, String clientId) {
    }

    /** The outcome of authenticating an API request. */
    public static final class Auth {
        final boolean ok;
        final String clientId;
        /** Granted scopes; null for the SSWS token, which may call everything. */
        final Set<String> scopes;
        final boolean dpop;
        /** For a failure: 401 (E0000011) or 400 (invalid DPoP proof, with a challenge). */
        final int status;
        final String dpopProblem;

        private Auth(boolean ok, String clientId, Set<String> scopes, boolean dpop, int status, String dpopProblem) {
            this.ok = ok;
            this.clientId = clientId;
            this.scopes = scopes;
            this.dpop = dpop;
            this.status = status;
            this.dpopProblem = dpopProblem;
        }

        static final Auth SSWS = new Auth(true, "", null, false, 200, null);
        static final Auth INVALID_TOKEN = new Auth(false, "", null, false, 401, null);

        static Auth oauth(String clientId, Set<String> scopes, boolean dpop) {
            return new Auth(true, clientId, scopes, dpop, 200, null);
        }

        static Auth badProof(String problem) {
            return new Auth(false, "", null, true, 400, problem);
        }

        boolean allows(String requiredScope) {
            return scopes == null || Scopes.covers(scopes, requiredScope);
        }
    }

    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final Duration lifetime;
    private final boolean requireDPoP;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    /** Used assertion ids (client + jti) until their exp; used proof ids until they are too old. */
    private final ConcurrentHashMap<String, Instant> usedIds = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private volatile String origin = "http://127.0.0.1";
    private volatile String nonce;
    private volatile Instant nonceIssued = Instant.MIN;

    public OAuthServer(List<Client> clients, Duration lifetime, boolean requireDPoP, Clock clock) {
        for (Client c : clients) {
            if (this.clients.putIfAbsent(c.clientId(), c) != null) {
                throw new IllegalArgumentException("duplicate OAuth client id: " + c.clientId());
            }
        }
        this.lifetime = lifetime;
        this.requireDPoP = requireDPoP;
        this.clock = clock;
    }

    public void origin(String origin) {
        this.origin = origin;
    }

    /** Forgets every issued access token; returns how many were live. */
    public int revokeAll() {
        Instant now = clock.instant();
        int live = 0;
        for (Map.Entry<String, Token> e : tokens.entrySet()) {
            if (tokens.remove(e.getKey()) != null && e.getValue().expiresAt().isAfter(now)) {
                live++;
            }
        }
        return live;
    }

    /** Access tokens issued and neither expired nor revoked. */
    public int activeTokens() {
        Instant now = clock.instant();
        return (int) tokens.values().stream().filter(t -> t.expiresAt().isAfter(now)).count();
    }

    /** Access tokens issued since start. */
    public long issuedTokens() {
        return issued.get();
    }

    // ------------------------------------------------------------------ token endpoint

    TokenAnswer token(HttpRequest req) {
        if (!req.method().equals("POST")) {
            return new TokenAnswer(error(405, "invalid_request", "The token endpoint accepts only POST.")
                    .header("Allow", "POST"), null);
        }
        String ct = req.header("Content-Type");
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new TokenAnswer(error(400, "invalid_request",
                    "The request must use the content type application/x-www-form-urlencoded."), null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        String duplicate = parseForm(req.body(), charset(ct), form);
        if (duplicate != null) {
            return new TokenAnswer(error(400, "invalid_request",
                    "The request contains the parameter '" + duplicate + "' more than once."), null);
        }
        String grant = form.get("grant_type");
        if (grant == null || grant.isEmpty()) {
            return new TokenAnswer(error(400, "invalid_request", "The 'grant_type' parameter is required."), null);
        }
        if (!grant.equals("client_credentials") && !KNOWN_GRANTS.contains(grant)) {
            return new TokenAnswer(error(400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server."), null);
        }
        String assertionType = form.get("client_assertion_type");
        String assertion = form.get("client_assertion");
        if (assertion == null || assertion.isEmpty()) {
            // Okta's wording
            return new TokenAnswer(error(401, "invalid_client",
                    "Client authentication failed. Either the client or the client credentials are invalid."), null);
        }
        if (!ASSERTION_TYPE.equals(assertionType)) {
            return new TokenAnswer(error(400, "invalid_request",
                    "The 'client_assertion_type' parameter must be " + ASSERTION_TYPE + "."), null);
        }
        Instant now = clock.instant();
        Object authenticated = authenticateClient(req, assertion, form.get("client_id"), now);
        if (authenticated instanceof Reply r) {
            return new TokenAnswer(r, null);
        }
        Client client = (Client) authenticated;
        if (!grant.equals("client_credentials")) {
            return new TokenAnswer(error(400, "unauthorized_client", "The client is not authorized to use the"
                    + " provided grant type. Configured grant types: [client_credentials]."), client.clientId());
        }
        byte[] dpopKey = null;
        if (requireDPoP) {
            List<String> proofs = req.headerMap().get("DPoP");
            if (proofs == null || proofs.isEmpty()) {
                // Okta's wording
                return new TokenAnswer(error(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing."),
                        client.clientId());
            }
            Proof p = checkProof(req, proofs, null, null, now);
            if (p.problem != null) {
                return new TokenAnswer(error(400, "invalid_dpop_proof", p.problem), client.clientId());
            }
            String current = currentNonce(now);
            if (!current.equals(p.nonce)) {
                // Okta's wording (RFC 9449's example)
                return new TokenAnswer(error(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof")
                        .header("DPoP-Nonce", current), client.clientId());
            }
            dpopKey = p.key.getEncoded();
        }
        String scopeParam = form.get("scope");
        if (scopeParam == null || scopeParam.isBlank()) {
            return new TokenAnswer(error(400, "invalid_scope", "The authorization server resource does not have any"
                    + " configured default scopes, 'scope' must be provided."), client.clientId());
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scopeParam.trim().split(" +")));
        List<String> notAllowed = new ArrayList<>();
        for (String s : requested) {
            if (!Scopes.isOktaScope(s)) {
                // Okta's wording
                return new TokenAnswer(error(400, "invalid_scope",
                        "One or more scopes are not configured for the authorization server resource."),
                        client.clientId());
            }
            if (!client.scopes().contains(s)) {
                notAllowed.add(s);
            }
        }
        if (!notAllowed.isEmpty()) {
            // Okta's wording
            return new TokenAnswer(error(400, "invalid_scope",
                    "The following scopes are not allowed for this request: " + notAllowed + "."), client.clientId());
        }
        String value = randomToken();
        purgeExpiredTokens(now);
        tokens.put(value, new Token(client.clientId(), Set.copyOf(requested), now.plus(lifetime), dpopKey));
        issued.incrementAndGet();
        ObjectNode body = Json.object();
        body.put("token_type", dpopKey != null ? "DPoP" : "Bearer");
        body.put("expires_in", lifetime.toSeconds());
        body.put("access_token", value);
        body.put("scope", String.join(" ", requested));
        return new TokenAnswer(noStore(new Reply(200, Json.bytes(body))), client.clientId());
    }

    /** The authenticated client, or the error Reply. */
    private Object authenticateClient(HttpRequest req, String assertion, String clientIdParam, Instant now) {
        Jwt jwt = Jwt.parse(assertion);
        if (jwt == null) {
            return error(401, "invalid_client", "The client_assertion is not a valid JWT.");
        }
        String iss = jwt.claimText("iss");
        String sub = jwt.claimText("sub");
        if (iss == null || !iss.equals(sub)) {
            return error(401, "invalid_client",
                    "The client_assertion token must have 'iss' and 'sub' claims equal to the client_id.");
        }
        Client client = clients.get(iss);
        if (client == null || (clientIdParam != null && !clientIdParam.equals(iss))) {
            // Okta's wording
            return error(401, "invalid_client", "Invalid value for 'client_id' parameter.");
        }
        String kid = jwt.headerText("kid");
        if (kid != null && client.keyId() != null && !kid.equals(client.keyId())) {
            // Okta's wording
            return error(401, "invalid_client", "The client_assertion JWT kid is invalid.");
        }
        if (!jwt.verify(client.key())) {
            // Okta's wording
            return error(401, "invalid_client", "The client_assertion signature is invalid.");
        }
        if (!audienceMatches(jwt.claims.get("aud"), req)) {
            // Okta's wording
            return error(401, "invalid_client",
                    "The audience claim for client_assertion must be the endpoint invoked for the request.");
        }
        Long exp = jwt.claimSeconds("exp");
        if (exp == null) {
            return error(401, "invalid_client", "The client_assertion token must have an 'exp' claim.");
        }
        Instant expires = Instant.ofEpochSecond(exp);
        if (!expires.isAfter(now.minus(SKEW))) {
            // Okta's wording
            return error(401, "invalid_client", "The client_assertion token is expired.");
        }
        if (expires.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(SKEW))) {
            // Okta's wording
            return error(401, "invalid_client", "The client_assertion token has an expiration too far into the future.");
        }
        Long iat = jwt.claimSeconds("iat");
        if (iat != null && Instant.ofEpochSecond(iat).isAfter(now.plus(SKEW))) {
            return error(401, "invalid_client", "The client_assertion token has an issued at time in the future.");
        }
        String jti = jwt.claimText("jti");
        if (jti != null) {
            // Okta spends the id even when the request fails later (a DPoP nonce retry must mint a new one)
            purgeUsedIds(now);
            if (usedIds.putIfAbsent("a\u0000" + iss + "\u0000" + jti, expires.plus(SKEW)) != null) {
                // Okta's wording
                return error(401, "invalid_client", "The client_assertion token has already been used.");
            }
        }
        return client;
    }

    private boolean audienceMatches(JsonNode aud, HttpRequest req) {
        if (aud == null) {
            return false;
        }
        Set<String> expected = urls(req, TOKEN_PATH);
        if (aud.isTextual()) {
            return expected.contains(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && expected.contains(a.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The absolute URLs a client may name for {@code path}: the simulator's origin, and the origin the
     * client addressed (its Host header), as Okta accepts its own domain and a custom domain.
     */
    private Set<String> urls(HttpRequest req, String path) {
        Set<String> s = new LinkedHashSet<>(2);
        s.add(origin + path);
        String host = req.header("Host");
        if (host != null && !host.isBlank()) {
            s.add("http://" + host.trim() + path);
        }
        return s;
    }

    private synchronized String currentNonce(Instant now) {
        if (nonce == null || !now.isBefore(nonceIssued.plus(NONCE_LIFETIME)) || now.isBefore(nonceIssued)) {
            nonce = randomValue(32);
            nonceIssued = now;
        }
        return nonce;
    }

    // ------------------------------------------------------------------ resource server

    /**
     * Authenticates an API request by its Authorization header: the SSWS token, a Bearer token, or a DPoP
     * token with its proof.
     */
    Auth authenticate(HttpRequest req, String expectedSsws) {
        String authz = req.header("Authorization");
        if (authz == null) {
            return Auth.INVALID_TOKEN;
        }
        if (authz.equals(expectedSsws)) {
            return Auth.SSWS;
        }
        int sp = authz.indexOf(' ');
        if (sp <= 0) {
            return Auth.INVALID_TOKEN;
        }
        String scheme = authz.substring(0, sp);
        String value = authz.substring(sp + 1).trim();
        boolean bearer = scheme.equalsIgnoreCase("Bearer");
        boolean dpop = scheme.equalsIgnoreCase("DPoP");
        if (!bearer && !dpop) {
            return Auth.INVALID_TOKEN;
        }
        Instant now = clock.instant();
        Token t = tokens.get(value);
        if (t == null) {
            return Auth.INVALID_TOKEN;
        }
        if (!t.expiresAt().isAfter(now)) {
            tokens.remove(value, t);
            return Auth.INVALID_TOKEN;
        }
        // a bound token is useless as a bearer token, and a bearer token is not a DPoP token
        if (bearer != (t.dpopKey() == null)) {
            return Auth.INVALID_TOKEN;
        }
        if (dpop) {
            List<String> proofs = req.headerMap().get("DPoP");
            if (proofs == null || proofs.isEmpty()) {
                return Auth.badProof("The DPoP proof JWT header is missing.");
            }
            Proof p = checkProof(req, proofs, value, t.dpopKey(), now);
            if (p.problem != null) {
                return Auth.badProof(p.problem);
            }
        }
        return Auth.oauth(t.clientId(), t.scopes(), dpop);
    }

    /** Whether the Authorization header names the SSWS token or a live access token (nothing is spent). */
    boolean recognizes(HttpRequest req, String expectedSsws) {
        String authz = req.header("Authorization");
        if (authz == null) {
            return false;
        }
        if (authz.equals(expectedSsws)) {
            return true;
        }
        int sp = authz.indexOf(' ');
        Token t = sp > 0 ? tokens.get(authz.substring(sp + 1).trim()) : null;
        return t != null && t.expiresAt().isAfter(clock.instant());
    }

    /**
     * The {@code WWW-Authenticate} value Okta sends with a scope or DPoP failure (scheme {@code Bearer}
     * or {@code DPoP algs=...}, then authorization_uri, realm, scope, error, error_description, resource).
     */
    String challenge(boolean dpop, String requiredScope, String error, String description, String resourcePath) {
        StringBuilder sb = new StringBuilder();
        if (dpop) {
            sb.append("DPoP algs=\"").append(DPOP_ALGS).append("\", ");
        } else {
            sb.append("Bearer ");
        }
        sb.append("authorization_uri=\"").append(origin).append("/oauth2/v1/authorize\", ");
        sb.append("realm=\"").append(origin).append("\", ");
        if (requiredScope != null) {
            sb.append("scope=\"").append(requiredScope).append("\", ");
        }
        sb.append("error=\"").append(error).append("\", ");
        sb.append("error_description=\"").append(description.replace("\"", "'")).append("\", ");
        sb.append("resource=\"").append(resourcePath).append('"');
        return sb.toString();
    }

    // ------------------------------------------------------------------ DPoP proofs

    private record Proof(String problem, PublicKey key, String nonce) {
        static Proof bad(String problem) {
            return new Proof(problem, null, null);
        }
    }

    private Proof checkProof(HttpRequest req, List<String> headers, String accessToken, byte[] boundKey, Instant now) {
        if (headers.size() > 1) {
            return Proof.bad("The request has more than one DPoP proof JWT header.");
        }
        Jwt jwt = Jwt.parse(headers.get(0));
        if (jwt == null) {
            return Proof.bad("The DPoP proof JWT is malformed.");
        }
        if (!"dpop+jwt".equals(jwt.headerText("typ"))) {
            return Proof.bad("'typ' header in the DPoP proof JWT is invalid.");
        }
        PublicKey key = Jwt.publicKey(jwt.header.get("jwk"));
        if (key == null) {
            return Proof.bad("'jwk' header in the DPoP proof JWT is invalid.");
        }
        if (!Jwt.algFits(jwt.alg(), key)) {
            return Proof.bad("'alg' header in the DPoP proof JWT is invalid.");
        }
        if (!jwt.verify(key)) {
            return Proof.bad("The DPoP proof JWT signature is invalid.");
        }
        if (!req.method().equals(jwt.claimText("htm"))) {
            return Proof.bad("'htm' claim in the DPoP proof JWT is invalid.");
        }
        String htu = jwt.claimText("htu");
        if (htu == null || !htuMatches(htu, req)) {
            // Okta's wording
            return Proof.bad("'htu' claim in the DPoP proof JWT is invalid.");
        }
        Long iat = jwt.claimSeconds("iat");
        if (iat == null || Instant.ofEpochSecond(iat).isAfter(now.plus(SKEW))
                || Instant.ofEpochSecond(iat).isBefore(now.minus(PROOF_MAX_AGE))) {
            return Proof.bad("'iat' claim in the DPoP proof JWT is invalid.");
        }
        if (accessToken != null) {
            if (!Jwt.sha256(accessToken).equals(jwt.claimText("ath"))) {
                return Proof.bad("'ath' claim in the DPoP proof JWT is invalid.");
            }
            if (!Arrays.equals(boundKey, key.getEncoded())) {
                return Proof.bad("The DPoP proof JWT key does not match the access token's binding.");
            }
        }
        String jti = jwt.claimText("jti");
        if (jti == null || jti.isEmpty()) {
            return Proof.bad("'jti' claim in the DPoP proof JWT is invalid.");
        }
        purgeUsedIds(now);
        if (usedIds.putIfAbsent("p\u0000" + jti, Instant.ofEpochSecond(iat).plus(PROOF_MAX_AGE).plus(SKEW)) != null) {
            return Proof.bad("The DPoP proof JWT has already been used.");
        }
        return new Proof(null, key, jwt.claimText("nonce"));
    }

    /**
     * Okta compares {@code htu} with the request URL without its query, percent-decoded (a proof that
     * keeps {@code %40} for '@' is refused: okta-sdk-python #541). okta-sdk-java decodes and then escapes
     * '%', ' ', '"' and '#' again; that form is accepted as well.
     */
    private boolean htuMatches(String htu, HttpRequest req) {
        String path = HttpRequest.decode(req.rawPath());
        String javaSdkPath = path.replace("%", "%25").replace(" ", "%20").replace("\"", "%22").replace("#", "%23");
        for (String u : urls(req, "")) {
            if (htu.equals(u + path) || htu.equals(u + javaSdkPath)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private void purgeUsedIds(Instant now) {
        if (usedIds.size() > 10_000) {
            usedIds.values().removeIf(until -> until.isBefore(now));
        }
    }

    private void purgeExpiredTokens(Instant now) {
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(t -> !t.expiresAt().isAfter(now));
        }
    }

    private static Reply error(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return noStore(new Reply(status, Json.bytes(body)));
    }

    /** RFC 6749 5.1/5.2: token responses must not be cached. */
    private static Reply noStore(Reply r) {
        return r.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    private String randomToken() {
        return randomValue(48);
    }

    private String randomValue(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Jwt.b64url(b);
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).trim().replace("\"", ""));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Fills {@code out}; returns the name of a repeated parameter (RFC 6749 3.1 forbids that), else null. */
    private static String parseForm(byte[] body, Charset cs, Map<String, String> out) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = decodeForm(eq < 0 ? part : part.substring(0, eq), cs);
            String v = decodeForm(eq < 0 ? "" : part.substring(eq + 1), cs);
            if (out.putIfAbsent(k, v) != null) {
                return k;
            }
        }
        return null;
    }

    private static String decodeForm(String s, Charset cs) {
        try {
            return URLDecoder.decode(s, cs);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
