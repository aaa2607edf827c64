package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.settings.SettingsChecks;
import io.oktaconnector.okta.internal.settings.SettingsReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of one Okta connection: where the org is, how to authenticate and how hard to push it.
 *
 * <p>Read from the {@code Connections} section of {@code appsettings.agent.json} with {@link #load(Path, String)}, or
 * built in code with {@link #builder()}. Immutable and thread-safe; {@link #toString()} never shows a credential.
 *
 * <p>Settings keys (inside {@code Connections.<id>}; key names ignore case; unknown keys are ignored; every string
 * value may be a secret reference {@code ${env:NAME}} or {@code ${file:PATH}}, a relative path being relative to the
 * settings file's folder and the file's content trimmed):
 * <ul>
 *   <li>{@code Server} (required): the org URL, e.g. {@code https://acme.okta.com}; surrounding white space and
 *       trailing {@code /} are removed. {@code http://} only with {@code AllowInsecureHttp} and a loopback host.</li>
 *   <li>{@code ApiKey}: an SSWS API token; or the OAuth 2.0 service-app keys {@code ClientId} plus
 *       {@code PrivateKeyPath} or {@code PrivateKey} (PEM: PKCS#8 RSA or EC, or PKCS#1 RSA), with optional
 *       {@code KeyId} and {@code Scopes} (default: each operation's least privilege, export and check the read
 *       scopes {@code okta.users.read okta.groups.read okta.apps.read okta.schemas.read}, fulfill the matching
 *       {@code manage} scopes). Exactly one way must be given.
 *       A service app that requires DPoP-bound tokens (RFC 9449) is detected from Okta's first answer and served.</li>
 *   <li>{@code AllowInsecureHttp} (default false): allows {@code http://} to a loopback host (tests, the demo).</li>
 *   <li>{@code PageSize} (1..1000, default: each endpoint's maximum): caps the {@code limit} of every list call.</li>
 *   <li>{@code MaxConcurrency} (1..64, default 8): requests in flight at once, and the connection pool size. Lowered
 *       by itself while Okta's org-wide concurrency limit (75 on most orgs, shared with every other integration)
 *       answers 429, and raised again step by step. 8 is enough to keep every bucket's share busy at a distance of
 *       about 100 ms from Okta (Okta: "even large bulk loads rarely require more than 10 simultaneous
 *       transactions").</li>
 *   <li>{@code ConnectTimeoutSeconds} (default 10), {@code ReadTimeoutSeconds} (default 60): 1..3600.</li>
 *   <li>{@code UserDeleteMode}: {@code DeactivateOnly} (default) or {@code DeactivateAndDelete}.</li>
 *   <li>{@code RateLimitShare} (0 &lt; x &le; 1, default 0.5): the share of each Okta rate-limit bucket's limit (as
 *       the org reports it in {@code X-Rate-Limit-Limit}) this connector may use per window. The default leaves half of
 *       every bucket to the org's other integrations and admins: the connector paces itself so that a bucket's
 *       remaining count never drops below {@code (1 − share) × limit}, so a neighbour's traffic is never starved and
 *       the connector does not run into 429s. 1 uses the whole bucket.</li>
 *   <li>{@code RunTimeoutMinutes} (1..10080, default 240): the deadline of one whole export or fulfill run. No request
 *       is sent after it ({@code TIMEOUT}), and a wait for a rate limit that would end after it fails at once with
 *       {@code RATE_LIMITED}. Generous on purpose: a large org's export is minutes of rate-limit budget. A request in
 *       flight when it passes is cut off.</li>
 *   <li>{@code RequestTimeoutSeconds} (1..3600, default 120): the most one request may take, from sending it to the
 *       last byte of the answer, headers and body; {@code ReadTimeoutSeconds} bounds each wait for bytes, this the
 *       whole answer (a server that sends one byte a second is cut off here).</li>
 *   <li>{@code MaxResponseMegabytes} (1..1024, default 64): the largest answer body accepted; a larger one is a
 *       {@code PROTOCOL} error, read no further.</li>
 *   <li>{@code MaxObjectsPerList} (1..2,000,000,000, default 20,000,000): the most objects one list (users, groups,
 *       apps) may hold; a server that goes on paging past it (an endless list) is a {@code PROTOCOL} error. A group's
 *       members and an app's groups are bounded by the group's member count and by the listed groups.</li>
 *   <li>{@code ActivateOnCreate}, {@code SendActivationEmail}, {@code AdoptExistingOnCreate}, {@code MaxDeletesPerRun}:
 *       fulfillment, see {@link FulfillSettings}.</li>
 *   <li>{@code Proxy} (optional): {@code {Host, Port, Username, Password}}, see {@link ProxySettings}.</li>
 *   <li>{@code TrustStore} (optional): {@code {File, Password, Type}}, see {@link TrustStoreSettings}.</li>
 *   <li>{@code PasswordResetSettings} (optional): how passwords are set, see {@link PasswordResetSettings}.</li>
 *   <li>{@code OutputLockWaitSeconds} (0..86400, default 600): how long an export waits for another run that is
 *       writing into the same output folder (in this or another process) before it fails with {@code TIMEOUT}; runs
 *       into one folder take turns, so the five files always come from one of them.</li>
 *   <li>{@code CsvFormulaEscaping} (default false): prefixes a value that begins with {@code = + - @}, TAB or CR
 *       with {@code '} in the export files (OWASP's rule against CSV injection), for hosts whose files are opened in
 *       a spreadsheet by people. Off by default: the host reads the raw values.</li>
 * </ul>
 * Credentials ({@code ApiKey}, {@code PrivateKey}, {@code ClientSecret}, {@code DefaultPassword}, every
 * {@code Password}) may instead come from {@code appsettings.encrypted.agent.json} beside the settings file (see
 * {@link ProtectedSettings}), and any value may be a vault reference {@code ${scheme:name}} resolved by a
 * {@link SecretResolver}.
 *
 * @since 0.1
 */
public final class OktaSettings {

    /** Default for {@code MaxConcurrency}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 8;
    /** Default for {@code ConnectTimeoutSeconds}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default for {@code ReadTimeoutSeconds}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Default for {@code RateLimitShare}. */
    public static final double DEFAULT_RATE_LIMIT_SHARE = 0.5;
    /** Default for {@code RunTimeoutMinutes}. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(240);
    /**
     * The largest settings file {@link #load} reads (1 MB; the protected file beside it too): a host's settings
     * file is a few KB, and a JSON tree takes many times its file's size in memory. A larger file is refused with one
     * {@code INVALID_SETTINGS} message before it is parsed.
     *
     * @since 0.1
     */
    public static final long MAX_FILE_BYTES = 1L << 20;
    /**
     * Default for {@code OutputLockWaitSeconds}: 10 minutes.
     *
     * @since 0.1
     */
    public static final Duration DEFAULT_OUTPUT_LOCK_WAIT = Duration.ofMinutes(10);
    /** Default for {@code RequestTimeoutSeconds}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** Default for {@code MaxResponseMegabytes}. */
    public static final int DEFAULT_MAX_RESPONSE_MEGABYTES = 64;
    /** Default for {@code MaxObjectsPerList}. */
    public static final long DEFAULT_MAX_OBJECTS_PER_LIST = 20_000_000L;

    private final String connectionId;
    private final String server;
    private final Secret apiKey;
    private final String clientId;
    private final Path privateKeyPath;
    private final Secret privateKey;
    private final String keyId;
    private final List<String> scopes;
    private final boolean allowInsecureHttp;
    private final Integer pageSize;
    private final int maxConcurrency;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final UserDeleteMode userDeleteMode;
    private final double rateLimitShare;
    private final Duration runTimeout;
    private final Duration requestTimeout;
    private final int maxResponseMegabytes;
    private final long maxObjectsPerList;
    private final FulfillSettings fulfill;
    private final ProxySettings proxy;
    private final TrustStoreSettings trustStore;
    private final PasswordResetSettings passwordReset;
    private final Duration outputLockWait;
    private final boolean csvFormulaEscaping;

    private OktaSettings(Builder b) {
        this.connectionId = b.connectionId;
        this.server = normalizeServer(b.server);
        this.apiKey = b.apiKey;
        this.clientId = b.clientId == null ? null : b.clientId.strip();
        this.privateKeyPath = b.privateKeyPath;
        this.privateKey = b.privateKey;
        this.keyId = b.keyId == null || b.keyId.isBlank() ? null : b.keyId.strip();
        this.scopes = List.copyOf(b.scopes);
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.pageSize = b.pageSize;
        this.maxConcurrency = b.maxConcurrency;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.userDeleteMode = b.userDeleteMode;
        this.rateLimitShare = b.rateLimitShare;
        this.runTimeout = b.runTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxResponseMegabytes = b.maxResponseMegabytes;
        this.maxObjectsPerList = b.maxObjectsPerList;
        this.fulfill = b.fulfill;
        this.proxy = b.proxy;
        this.trustStore = b.trustStore;
        this.passwordReset = b.passwordReset;
        this.outputLockWait = b.outputLockWait;
        this.csvFormulaEscaping = b.csvFormulaEscaping;
    }

    /**
     * Reads one connection from a settings file and validates it.
     *
     * @param appsettingsFile the {@code appsettings.agent.json} file, never {@code null}
     * @param connectionId    the connection identifier, the name of the subsection of {@code Connections}
     * @return the validated settings, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} when the file is missing, is not JSON (naming the
     *                            line), or when any key is missing or invalid: one message listing every problem,
     *                            each naming its key, joined by {@code "; "}
     */
    public static OktaSettings load(Path appsettingsFile, String connectionId) {
        return SettingsReader.withSystemEnvironment().load(appsettingsFile, connectionId);
    }

    /**
     * Like {@link #load(Path, String)}, with vault resolvers given in code (besides those registered with
     * {@link java.util.ServiceLoader}) for {@code ${scheme:name}} references.
     *
     * @param appsettingsFile the {@code appsettings.agent.json} file, never {@code null}
     * @param connectionId    the connection identifier
     * @param resolvers       resolvers by scheme, never {@code null}
     * @return the validated settings, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} as {@link #load(Path, String)}; a resolver's own
     *                            failure (e.g. UNAVAILABLE) as it threw it
     */
    public static OktaSettings load(Path appsettingsFile, String connectionId, List<SecretResolver> resolvers) {
        return SettingsReader.withSystemEnvironment(resolvers).load(appsettingsFile, connectionId);
    }

    /** @return a builder for settings made in code */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Offline validation of every key at once. Does not touch the network.
     *
     * @return every problem found, each naming its key (e.g. {@code Connections.Okta.Server}); empty when valid
     */
    public List<Problem> validate() {
        return SettingsChecks.problems(this);
    }

    /**
     * Throws when {@link #validate()} finds a problem.
     *
     * @return this
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} listing every problem
     */
    public OktaSettings requireValid() {
        List<Problem> problems = validate();
        if (!problems.isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, SettingsChecks.describe(problems));
        }
        return this;
    }

    /** @return the connection identifier; {@code null} only when never set (then {@link #validate()} says so) */
    public String connectionId() {
        return connectionId;
    }

    /** @return the org URL, trimmed and without trailing {@code /}; {@code null} only when never set */
    public String server() {
        return server;
    }

    /** @return the SSWS API token, when the connection authenticates with one */
    public Optional<Secret> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** @return the OAuth client id, when the connection authenticates with OAuth */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** @return the file holding the OAuth private key (PEM), when given */
    public Optional<Path> privateKeyPath() {
        return Optional.ofNullable(privateKeyPath);
    }

    /** @return the OAuth private key (PEM), when given inline */
    public Optional<Secret> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** @return the OAuth key id ({@code kid} of the client assertion), when given */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** @return the OAuth scopes to request; empty means the least-privilege defaults of each operation */
    public List<String> scopes() {
        return scopes;
    }

    /** @return whether {@code http://} to a loopback host is allowed */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** @return the cap on every list call's {@code limit}; empty means each endpoint's maximum */
    public OptionalInt pageSize() {
        return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /** @return requests in flight at once (also the connection pool size) */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** @return the TCP connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the socket read timeout (per read, not per request) */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** @return what a fulfilled user deletion does */
    public UserDeleteMode userDeleteMode() {
        return userDeleteMode;
    }

    /** @return the share of each rate-limit bucket this connector may use, in (0, 1] */
    public double rateLimitShare() {
        return rateLimitShare;
    }

    /** @return the HTTP proxy all requests go through, when set */
    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** @return the extra trusted CAs, when set */
    public Optional<TrustStoreSettings> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** @return how passwords are set on creation and reset, never {@code null} */
    public PasswordResetSettings passwordReset() {
        return passwordReset;
    }

    /** @return the deadline of one export or fulfill run, from its start */
    public Duration runTimeout() {
        return runTimeout;
    }

    /**
     * @return the most one request may take, from sending it to the answer's last byte
     * @since 0.2
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * @return the largest answer body accepted, in megabytes (MiB)
     * @since 0.2
     */
    public int maxResponseMegabytes() {
        return maxResponseMegabytes;
    }

    /**
     * @return the most objects one list (users, groups, apps) may hold before paging is refused as endless
     * @since 0.2
     */
    public long maxObjectsPerList() {
        return maxObjectsPerList;
    }

    /** @return the fulfillment settings */
    public FulfillSettings fulfill() {
        return fulfill;
    }

    /** @return whether the connection authenticates with OAuth 2.0 (a client id) rather than an API token */
    public boolean usesOAuth() {
        return clientId != null;
    }

    /**
     * @return how long an export waits for another run writing into the same output folder ({@code
     *         OutputLockWaitSeconds}); never {@code null}
     * @since 0.1
     */
    public Duration outputLockWait() {
        return outputLockWait;
    }

    /**
     * @return whether formula-looking values are prefixed with {@code '} in the export files
     *         ({@code CsvFormulaEscaping})
     * @since 0.1
     */
    public boolean csvFormulaEscaping() {
        return csvFormulaEscaping;
    }

    /** @return a builder holding these settings, to derive changed settings */
    public Builder toBuilder() {
        Builder b = new Builder().connectionId(connectionId).server(server).allowInsecureHttp(allowInsecureHttp)
                .maxConcurrency(maxConcurrency).connectTimeout(connectTimeout).readTimeout(readTimeout)
                .userDeleteMode(userDeleteMode).rateLimitShare(rateLimitShare).runTimeout(runTimeout).scopes(scopes)
                .fulfill(fulfill).requestTimeout(requestTimeout).maxResponseMegabytes(maxResponseMegabytes)
                .maxObjectsPerList(maxObjectsPerList);
        b.apiKey = apiKey;
        b.clientId = clientId;
        b.privateKey = privateKey;
        b.privateKeyPath = privateKeyPath;
        b.keyId = keyId;
        b.pageSize = pageSize;
        b.proxy = proxy;
        b.trustStore = trustStore;
        b.passwordReset = passwordReset;
        b.outputLockWait = outputLockWait;
        b.csvFormulaEscaping = csvFormulaEscaping;
        return b;
    }

    /** Never shows a credential. */
    @Override
    public String toString() {
        return "OktaSettings[connectionId=" + connectionId + ", server=" + server
                + ", auth=" + (usesOAuth() ? "OAuth(clientId=" + clientId + ")" : apiKey == null ? "none" : "ApiKey[hidden]")
                + ", allowInsecureHttp=" + allowInsecureHttp + ", pageSize=" + (pageSize == null ? "max" : pageSize)
                + ", maxConcurrency=" + maxConcurrency + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", userDeleteMode=" + userDeleteMode
                + ", rateLimitShare=" + rateLimitShare + ", runTimeout=" + runTimeout + ", requestTimeout=" + requestTimeout
                + ", maxResponseMegabytes=" + maxResponseMegabytes + ", maxObjectsPerList=" + maxObjectsPerList
                + ", fulfill=" + fulfill
                + (proxy == null ? "" : ", proxy=" + proxy.host() + ":" + proxy.port())
                + (trustStore == null ? "" : ", trustStore=" + trustStore.file())
                + ", passwordReset=" + passwordReset.mode().settingsName() + ", outputLockWait=" + outputLockWait
                + ", csvFormulaEscaping=" + csvFormulaEscaping + "]";
    }

    static String normalizeServer(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        // one spelling of the org URL: the client assertion's audience and DPoP's htu are compared as text by Okta
        try {
            java.net.URI u = new java.net.URI(s);
            if (u.getScheme() != null && u.getHost() != null && u.getRawUserInfo() == null && u.getRawQuery() == null
                    && u.getRawFragment() == null) {
                String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
                int port = u.getPort();
                boolean defaultPort = (port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"));
                s = scheme + "://" + u.getHost().toLowerCase(java.util.Locale.ROOT)
                        + (port < 0 || defaultPort ? "" : ":" + port) + (u.getRawPath() == null ? "" : u.getRawPath());
            }
        } catch (java.net.URISyntaxException e) {
            // left as given: validate() names the problem
        }
        return s;
    }

    /**
     * Builds settings in code. Not thread-safe. {@link #build()} does not validate: call {@link OktaSettings#validate()}
     * or let {@link OktaConnector#create(OktaSettings)} do it.
     */
    public static final class Builder {
        private String connectionId;
        private String server;
        private Secret apiKey;
        private String clientId;
        private Path privateKeyPath;
        private Secret privateKey;
        private String keyId;
        private List<String> scopes = List.of();
        private boolean allowInsecureHttp;
        private Integer pageSize;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private UserDeleteMode userDeleteMode = UserDeleteMode.DEACTIVATE_ONLY;
        private double rateLimitShare = DEFAULT_RATE_LIMIT_SHARE;
        private Duration runTimeout = DEFAULT_RUN_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxResponseMegabytes = DEFAULT_MAX_RESPONSE_MEGABYTES;
        private long maxObjectsPerList = DEFAULT_MAX_OBJECTS_PER_LIST;
        private FulfillSettings fulfill = FulfillSettings.DEFAULTS;
        private ProxySettings proxy;
        private TrustStoreSettings trustStore;
        private PasswordResetSettings passwordReset = PasswordResetSettings.DEFAULTS;
        private Duration outputLockWait = DEFAULT_OUTPUT_LOCK_WAIT;
        private boolean csvFormulaEscaping;

        private Builder() {
        }

        /**
         * @param id the connection identifier (names the export files)
         * @return this
         */
        public Builder connectionId(String id) {
            this.connectionId = id;
            return this;
        }

        /**
         * @param server the org URL; trimmed and stripped of trailing {@code /} on build
         * @return this
         */
        public Builder server(String server) {
            this.server = server;
            return this;
        }

        /**
         * @param apiKey the SSWS API token, may be {@code null} to clear
         * @return this
         */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Authenticates with OAuth 2.0 private_key_jwt.
         *
         * @param clientId       the service app's client id, never {@code null}
         * @param privateKeyPath the PEM file of its private key, or {@code null} when {@code privateKey} is given
         * @param privateKey     the PEM itself, or {@code null} when {@code privateKeyPath} is given
         * @return this
         */
        public Builder oauth(String clientId, Path privateKeyPath, Secret privateKey) {
            this.clientId = Objects.requireNonNull(clientId, "clientId == null");
            this.privateKeyPath = privateKeyPath;
            this.privateKey = privateKey;
            return this;
        }

        /**
         * @param keyId the OAuth key id sent as the client assertion's {@code kid}, or {@code null}
         * @return this
         */
        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /**
         * @param scopes the OAuth scopes to request, never {@code null}
         * @return this
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /**
         * @param allow whether {@code http://} to a loopback host is allowed
         * @return this
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * @param pageSize the cap on every list call's {@code limit}, 1..1000
         * @return this
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * @param maxConcurrency requests in flight at once, 1..64
         * @return this
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * @param timeout the TCP connect timeout, 1 s..1 h
         * @return this
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /**
         * @param timeout the socket read timeout, 1 s..1 h
         * @return this
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /**
         * @param mode what a fulfilled user deletion does, never {@code null}
         * @return this
         */
        public Builder userDeleteMode(UserDeleteMode mode) {
            this.userDeleteMode = Objects.requireNonNull(mode, "mode == null");
            return this;
        }

        /**
         * @param share the share of each rate-limit bucket to use, in (0, 1]
         * @return this
         */
        public Builder rateLimitShare(double share) {
            this.rateLimitShare = share;
            return this;
        }

        /**
         * @param proxy the HTTP proxy, or {@code null} for a direct connection
         * @return this
         */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * @param trustStore extra trusted CAs, or {@code null} for the JDK's defaults only
         * @return this
         */
        public Builder trustStore(TrustStoreSettings trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        /**
         * @param passwordReset how passwords are set, never {@code null}
         * @return this
         */
        public Builder passwordReset(PasswordResetSettings passwordReset) {
            this.passwordReset = Objects.requireNonNull(passwordReset, "passwordReset == null");
            return this;
        }

        /**
         * @param timeout the deadline of one export or fulfill run, 1 min..7 days, never {@code null}
         * @return this
         */
        public Builder runTimeout(Duration timeout) {
            this.runTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /**
         * @param timeout the most one request may take, headers and body, 1 s..1 h, never {@code null}
         * @return this
         * @since 0.2
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /**
         * @param megabytes the largest answer body accepted, 1..1024
         * @return this
         * @since 0.2
         */
        public Builder maxResponseMegabytes(int megabytes) {
            this.maxResponseMegabytes = megabytes;
            return this;
        }

        /**
         * @param objects the most objects one list may hold, 1..2,000,000,000
         * @return this
         * @since 0.2
         */
        public Builder maxObjectsPerList(long objects) {
            this.maxObjectsPerList = objects;
            return this;
        }

        /**
         * @param fulfill the fulfillment settings, never {@code null}
         * @return this
         */
        public Builder fulfill(FulfillSettings fulfill) {
            this.fulfill = Objects.requireNonNull(fulfill, "fulfill == null");
            return this;
        }

        /**
         * @param wait how long an export waits for another run in its output folder, 0 s..1 day, never {@code null}
         * @return this
         * @since 0.1
         */
        public Builder outputLockWait(Duration wait) {
            this.outputLockWait = Objects.requireNonNull(wait, "wait == null");
            return this;
        }

        /**
         * @param escape whether formula-looking values are prefixed with {@code '} in the export files
         * @return this
         * @since 0.1
         */
        public Builder csvFormulaEscaping(boolean escape) {
            this.csvFormulaEscaping = escape;
            return this;
        }

        /** @return the settings; not validated (see {@link OktaSettings#validate()}) */
        public OktaSettings build() {
            return new OktaSettings(this);
        }
    }
}
