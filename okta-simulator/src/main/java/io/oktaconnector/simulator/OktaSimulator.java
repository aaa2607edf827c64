package io.oktaconnector.simulator;

import io.oktaconnector.simulator.internal.Api;
import io.oktaconnector.simulator.internal.FaultEngine;
import io.oktaconnector.simulator.internal.Generator;
import io.oktaconnector.simulator.internal.HttpCore;
import io.oktaconnector.simulator.internal.Ids;
import io.oktaconnector.simulator.internal.OAuthServer;
import io.oktaconnector.simulator.internal.OrgStore;
import io.oktaconnector.simulator.internal.RateLimiter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A started, wire-compatible Okta org on {@code 127.0.0.1}. Build one with {@link #builder()}, close it
 * when done (it is {@link AutoCloseable}). Thread-safe.
 *
 * <pre>{@code
 * try (OktaSimulator sim = OktaSimulator.builder().seed(7).users(500).hostileValues(true).start()) {
 *     String url = sim.baseUrl();   // http://127.0.0.1:<port>
 *     String token = sim.token();   // send as "Authorization: SSWS <token>"
 *     ...
 * }
 * }</pre>
 *
 * <p><b>OAuth 2.0 service apps.</b> Besides the SSWS token, the org's authorization server issues access
 * tokens by the client-credentials grant with {@code private_key_jwt} client authentication, as Okta's
 * {@code POST /oauth2/v1/token} does, to the clients registered with
 * {@link Builder#oauthClient(String, PublicKey, Set)}. API calls then carry
 * {@code Authorization: Bearer <token>} (or {@code DPoP <token>} plus a proof, see
 * {@link Builder#requireDPoP(boolean)}), and each endpoint checks the scope Okta's OpenAPI description
 * names for it ({@code okta.users.read}, {@code okta.groups.manage}, ...; {@code manage} includes
 * {@code read}): a missing scope is 403 E0000006. Unknown, expired ({@link Builder#accessTokenLifetime})
 * and revoked ({@link #revokeAccessTokens()}) tokens are 401 E0000011.
 *
 * <pre>{@code
 * KeyPair kp = KeyPairGenerator.getInstance("RSA").generateKeyPair();
 * try (OktaSimulator sim = OktaSimulator.builder()
 *         .oauthClient("0oaexport", kp.getPublic(), Set.of("okta.users.read", "okta.groups.read"))
 *         .start()) {
 *     // POST sim.tokenUrl() with grant_type=client_credentials, scope, client_assertion_type and a
 *     // client_assertion signed with kp.getPrivate() (iss = sub = "0oaexport", aud = sim.tokenUrl())
 * }
 * }</pre>
 */
public final class OktaSimulator implements AutoCloseable {
    private final HttpCore server;
    private final String baseUrl;
    private final String token;
    private final SimOrg org;
    private final Faults faults;
    private final RequestLog requests;
    private final Counters counters;
    private final OAuthServer oauth;

    private OktaSimulator(Builder b) throws IOException {
        Ids ids = new Ids(b.seed);
        Generator gen = new Generator(b.seed, ids, b.users, b.groups, b.apps, b.hostileValues);
        OrgStore store = new OrgStore(gen, ids, b.clock);
        store.passwordPolicy(b.passwordPolicy);
        this.org = new SimOrg(store);
        this.token = b.token != null ? b.token : randomToken();
        FaultEngine engine = new FaultEngine();
        this.faults = new Faults(engine);
        this.requests = new RequestLog();
        this.counters = new Counters();
        this.oauth = new OAuthServer(b.oauthClients, b.accessTokenLifetime, b.requireDPoP, b.clock);
        Api api = new Api(new Api.Settings(token, b.lowerCaseHeaders, b.latencyBase, b.latencyJitter, b.seed),
                store, new RateLimiter(b.rateLimits, b.clock), engine, counters.new Sink(), requests::add, oauth);
        this.server = new HttpCore(b.port, b.maxThreads, api);
        this.baseUrl = "http://127.0.0.1:" + server.port();
        store.origin(baseUrl);
        api.origin(baseUrl);
    }

    private static String randomToken() {
        SecureRandom r = new SecureRandom();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder("00sim");
        for (int i = 0; i < 37; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * A builder with the defaults: seed 1, 20 users, 5 groups, 3 apps, no limits, no latency, a free port.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return {@code http://127.0.0.1:<port>}, no trailing slash} */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@return the port the simulator listens on} */
    public int port() {
        return server.port();
    }

    /** {@return the SSWS API token the org accepts (a secret in spirit: do not log it)} */
    public String token() {
        return token;
    }

    /**
     * The org authorization server's token endpoint, {@code <baseUrl>/oauth2/v1/token}: where service apps
     * get access tokens, and the audience their client assertions must name.
     *
     * @return the token endpoint URL
     */
    public String tokenUrl() {
        return baseUrl + OAuthServer.TOKEN_PATH;
    }

    /**
     * Revokes every access token issued so far: the next API call with any of them gets 401 E0000011, as
     * after an admin revoked the tokens or Okta expired them early. Clients may fetch new tokens at once.
     *
     * @return how many revoked tokens were still live
     */
    public int revokeAccessTokens() {
        return oauth.revokeAll();
    }

    /** {@return access tokens issued and neither expired (on the simulator's clock) nor revoked} */
    public int activeAccessTokens() {
        return oauth.activeTokens();
    }

    /** {@return the org's ground truth} */
    public SimOrg org() {
        return org;
    }

    /** {@return the fault-injection switch} */
    public Faults faults() {
        return faults;
    }

    /** {@return every request received} */
    public RequestLog requests() {
        return requests;
    }

    /** {@return request, 429, fault, concurrency and token counters} */
    public Counters counters() {
        return counters;
    }

    /** Stops listening and drops open connections. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "OktaSimulator[" + baseUrl + "]";
    }

    /** Configures and starts a simulator. Not thread-safe; use it from one thread. */
    public static final class Builder {
        private long seed = 1;
        private int users = 20;
        private int groups = 5;
        private int apps = 3;
        private boolean hostileValues;
        private String token;
        private boolean lowerCaseHeaders;
        private Duration latencyBase = Duration.ZERO;
        private Duration latencyJitter = Duration.ZERO;
        private RateLimits rateLimits = RateLimits.none();
        private Clock clock = Clock.systemUTC();
        private int port;
        private int maxThreads = 1024;
        private final List<OAuthServer.Client> oauthClients = new ArrayList<>();
        private Duration accessTokenLifetime = Duration.ofHours(1);
        private boolean requireDPoP;
        private PasswordPolicy passwordPolicy = PasswordPolicy.OKTA_DEFAULT;

        private Builder() {
        }

        /**
         * The org's password policy (default {@link PasswordPolicy#OKTA_DEFAULT}: 8 characters with a lower-case
         * letter, an upper-case letter and a digit); {@link PasswordPolicy#NONE} accepts any password.
         *
         * @param policy the policy, never {@code null}
         * @return this builder
         */
        public Builder passwordPolicy(PasswordPolicy policy) {
            this.passwordPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Seed of the generated org (default 1): same seed and sizes, same org.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Number of generated users (default 20); up to millions, generated on demand.
         *
         * @param users the number of users, at least 0
         * @return this builder
         */
        public Builder users(int users) {
            this.users = requireNonNegative(users, "users");
            return this;
        }

        /**
         * Number of generated groups including Everyone (default 5).
         *
         * @param groups the number of groups, at least 0
         * @return this builder
         */
        public Builder groups(int groups) {
            this.groups = requireNonNegative(groups, "groups");
            return this;
        }

        /**
         * Number of generated apps (default 3).
         *
         * @param apps the number of applications, at least 0
         * @return this builder
         */
        public Builder apps(int apps) {
            this.apps = requireNonNegative(apps, "apps");
            return this;
        }

        /**
         * Whether generated values include commas, quotes, CR/LF, 3-byte UTF-8, long strings, HTML and
         * formula-like text (default false; nulls and arrays are always present).
         *
         * @param hostile whether to generate hostile values
         * @return this builder
         */
        public Builder hostileValues(boolean hostile) {
            this.hostileValues = hostile;
            return this;
        }

        /**
         * The SSWS token the org accepts (default: a random {@code 00sim...} value).
         *
         * @param token the token, never {@code null}
         * @return this builder
         */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Registers an OAuth 2.0 service app that authenticates with {@code private_key_jwt}: its client
         * assertions must be signed by the private key of {@code publicKey} (RSA: RS256/RS384/RS512; EC
         * P-256/P-384/P-521: ES256/ES384/ES512), and it may be granted any of {@code grantedScopes}
         * ({@code okta.users.read}, {@code okta.users.manage}, ...). Call once per client; several clients
         * may be registered. Their assertions may carry any {@code kid}, or none.
         *
         * @param clientId      the client id, the assertions' {@code iss} and {@code sub}; never blank
         * @param publicKey     the RSA or EC key that verifies the assertions, never {@code null}
         * @param grantedScopes the scopes the app may be given, never {@code null}
         * @return this builder
         * @throws IllegalArgumentException for a blank or already registered client id, a key that is
         *                                  neither RSA nor EC, or a blank scope
         */
        public Builder oauthClient(String clientId, PublicKey publicKey, Set<String> grantedScopes) {
            return oauthClient(clientId, null, publicKey, grantedScopes);
        }

        /**
         * Like {@link #oauthClient(String, PublicKey, Set)}, with the key's id: an assertion whose header
         * names another {@code kid} is refused (401 invalid_client, "The client_assertion JWT kid is
         * invalid."); one without a {@code kid} is accepted, as Okta does for a client with one key.
         *
         * @param clientId      the client id, the assertions' {@code iss} and {@code sub}; never blank
         * @param keyId         the key id, or null for none
         * @param publicKey     the RSA or EC key that verifies the assertions, never {@code null}
         * @param grantedScopes the scopes the app may be given, never {@code null}
         * @return this builder
         * @throws IllegalArgumentException as for {@link #oauthClient(String, PublicKey, Set)}
         */
        public Builder oauthClient(String clientId, String keyId, PublicKey publicKey, Set<String> grantedScopes) {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(grantedScopes, "grantedScopes");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            if (!publicKey.getAlgorithm().equals("RSA") && !publicKey.getAlgorithm().equals("EC")) {
                throw new IllegalArgumentException("publicKey must be an RSA or EC key: " + publicKey.getAlgorithm());
            }
            Set<String> scopes = new LinkedHashSet<>();
            for (String s : grantedScopes) {
                if (s == null || s.isBlank() || s.contains(" ")) {
                    throw new IllegalArgumentException("scopes must be non-blank single words: " + grantedScopes);
                }
                scopes.add(s);
            }
            for (OAuthServer.Client c : oauthClients) {
                if (c.clientId().equals(clientId)) {
                    throw new IllegalArgumentException("OAuth client already registered: " + clientId);
                }
            }
            oauthClients.add(new OAuthServer.Client(clientId, keyId, publicKey, scopes));
            return this;
        }

        /**
         * The lifetime of issued access tokens ({@code expires_in}; default 1 hour, Okta's fixed value).
         * Expiry is measured on the simulator's {@link #clock(Clock) clock}.
         *
         * @param lifetime at least one second, never {@code null}
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.toSeconds() < 1) {
                throw new IllegalArgumentException("accessTokenLifetime must be at least one second: " + lifetime);
            }
            this.accessTokenLifetime = lifetime;
            return this;
        }

        /**
         * Whether the service apps must prove possession of a key with DPoP (RFC 9449), as Okta's "Require
         * Demonstrating Proof of Possession (DPoP) header in token requests" setting (default false; on by
         * default for API service apps created in Okta since 2024). When on, a token request without a
         * {@code DPoP} proof gets 400 {@code invalid_dpop_proof}, one without the server's nonce 400
         * {@code use_dpop_nonce} with a {@code DPoP-Nonce} header, and the issued token has
         * {@code token_type} DPoP: API calls must send {@code Authorization: DPoP <token>} and a proof with
         * {@code ath}; a bad proof gets 400 with a {@code WWW-Authenticate: DPoP ... error="invalid_dpop_proof"}.
         *
         * @param require whether DPoP is required
         * @return this builder
         */
        public Builder requireDPoP(boolean require) {
            this.requireDPoP = require;
            return this;
        }

        /**
         * Send every response header name lower-cased (as HTTP/2 does).
         *
         * @param lowerCase whether header names are lower-cased
         * @return this builder
         */
        public Builder lowerCaseHeaders(boolean lowerCase) {
            this.lowerCaseHeaders = lowerCase;
            return this;
        }

        /**
         * Adds {@code base} plus a uniform {@code [0, jitter]} to every request (seeded).
         *
         * @param base   the fixed part, not negative, never {@code null}
         * @param jitter the largest random part, not negative, never {@code null}
         * @return this builder
         */
        public Builder latency(Duration base, Duration jitter) {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(jitter, "jitter");
            if (base.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
            this.latencyBase = base;
            this.latencyJitter = jitter;
            return this;
        }

        /**
         * Rate limits (default {@link RateLimits#none()}).
         *
         * @param limits the limits, never {@code null}
         * @return this builder
         */
        public Builder rateLimits(RateLimits limits) {
            this.rateLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The clock for rate-limit windows, Date headers, write timestamps, access-token expiry and the
         * checks of client assertions and DPoP proofs (default system UTC). Clients sign assertions with
         * their own clock: a clock moved far from theirs makes their assertions expired (or too far in the
         * future) here.
         *
         * @param clock the clock, never {@code null}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The port on 127.0.0.1; 0 (default) picks a free one.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Maximum connection threads (default 1024; one per open connection).
         *
         * @param maxThreads at least 16
         * @return this builder
         */
        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 16) {
                throw new IllegalArgumentException("maxThreads must be >= 16: " + maxThreads);
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /**
         * Generates the org and starts listening.
         *
         * @return the running simulator, to be closed
         * @throws UncheckedIOException when the port cannot be bound
         */
        public OktaSimulator start() {
            try {
                return new OktaSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Okta simulator on port " + port, e);
            }
        }

        private static int requireNonNegative(int v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be >= 0: " + v);
            }
            return v;
        }
    }
}
