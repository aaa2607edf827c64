package io.oktaconnector.simulator;

import io.oktaconnector.simulator.internal.Api;
import io.oktaconnector.simulator.internal.FaultEngine;
import io.oktaconnector.simulator.internal.Generator;
import io.oktaconnector.simulator.internal.HttpCore;
import io.oktaconnector.simulator.internal.Ids;
import io.oktaconnector.simulator.internal.OrgStore;
import io.oktaconnector.simulator.internal.RateLimiter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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
 */
public final class OktaSimulator implements AutoCloseable {
    private final HttpCore server;
    private final String baseUrl;
    private final String token;
    private final SimOrg org;
    private final Faults faults;
    private final RequestLog requests;
    private final Counters counters;

    private OktaSimulator(Builder b) throws IOException {
        Ids ids = new Ids(b.seed);
        Generator gen = new Generator(b.seed, ids, b.users, b.groups, b.apps, b.hostileValues);
        OrgStore store = new OrgStore(gen, ids, b.clock);
        this.org = new SimOrg(store);
        this.token = b.token != null ? b.token : randomToken();
        FaultEngine engine = new FaultEngine();
        this.faults = new Faults(engine);
        this.requests = new RequestLog();
        this.counters = new Counters();
        Api api = new Api(new Api.Settings(token, b.lowerCaseHeaders, b.latencyBase, b.latencyJitter, b.seed),
                store, new RateLimiter(b.rateLimits, b.clock), engine, counters.new Sink(), requests::add);
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

    /** A builder with the defaults: seed 1, 20 users, 5 groups, 3 apps, no limits, no latency, a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port the simulator listens on. */
    public int port() {
        return server.port();
    }

    /** The SSWS API token the org accepts (a secret in spirit: do not log it). */
    public String token() {
        return token;
    }

    /** The org's ground truth. */
    public SimOrg org() {
        return org;
    }

    /** The fault-injection switch. */
    public Faults faults() {
        return faults;
    }

    /** Every request received. */
    public RequestLog requests() {
        return requests;
    }

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

        private Builder() {
        }

        /** Seed of the generated org (default 1): same seed and sizes, same org. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of generated users (default 20); up to millions, generated on demand. */
        public Builder users(int users) {
            this.users = requireNonNegative(users, "users");
            return this;
        }

        /** Number of generated groups including Everyone (default 5). */
        public Builder groups(int groups) {
            this.groups = requireNonNegative(groups, "groups");
            return this;
        }

        /** Number of generated apps (default 3). */
        public Builder apps(int apps) {
            this.apps = requireNonNegative(apps, "apps");
            return this;
        }

        /**
         * Whether generated values include commas, quotes, CR/LF, 3-byte UTF-8, long strings, HTML and
         * formula-like text (default false; nulls and arrays are always present).
         */
        public Builder hostileValues(boolean hostile) {
            this.hostileValues = hostile;
            return this;
        }

        /** The SSWS token the org accepts (default: a random {@code 00sim...} value). */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** Send every response header name lower-cased (as HTTP/2 does). */
        public Builder lowerCaseHeaders(boolean lowerCase) {
            this.lowerCaseHeaders = lowerCase;
            return this;
        }

        /** Adds {@code base} plus a uniform {@code [0, jitter]} to every request (seeded). */
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

        /** Rate limits (default {@link RateLimits#none()}). */
        public Builder rateLimits(RateLimits limits) {
            this.rateLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The clock for rate-limit windows, Date headers and write timestamps (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Maximum connection threads (default 1024; one per open connection). */
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
