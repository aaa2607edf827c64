package io.oktaconnector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.api.Connector;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Exporter;
import io.oktaconnector.api.FulfillMode;
import io.oktaconnector.api.FulfillRequest;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.Fulfiller;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.csv.CsvOptions;
import io.oktaconnector.csv.CsvTableSink;
import io.oktaconnector.okta.internal.export.ExportOptions;
import io.oktaconnector.okta.internal.export.ExportRun;
import io.oktaconnector.okta.internal.fulfill.Fulfillment;
import io.oktaconnector.okta.internal.fulfill.HttpWire;
import io.oktaconnector.okta.internal.fulfill.Passwords;
import io.oktaconnector.okta.internal.auth.OAuthTokens;
import io.oktaconnector.okta.internal.secret.Redactor;
import io.oktaconnector.okta.internal.http.CallPolicy;
import io.oktaconnector.okta.internal.http.Governor;
import io.oktaconnector.okta.internal.http.OktaClientFactory;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.http.RequestStats;
import io.oktaconnector.okta.internal.mapping.MappingCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Okta connector: exports an org's users, groups, applications, group memberships and application-group
 * assignments into a {@link io.oktaconnector.api.TableSink} (CSV files by default), and fulfills provisioning orders
 * back into the org.
 *
 * <pre>{@code
 * OktaSettings settings = OktaSettings.load(Path.of("appsettings.agent.json"), "OktaExportFulfillment");
 * ExportSummary summary = OktaConnector.export(settings, Path.of("ExportOutput"));   // the one-liner
 *
 * try (OktaConnector okta = OktaConnector.create(settings)) {                         // the instance API
 *     okta.check();
 *     okta.export(Path.of("ExportOutput"), EntityMappings.read(Path.of("mapping.xml"), settings.connectionId()),
 *                 ProgressListener.NONE);
 *     okta.fulfill(Path.of("orders"), Path.of("results.csv"), EntityMapping.DEFAULTS, FulfillMode.APPLY,
 *                  ProgressListener.NONE);
 * }
 * }</pre>
 *
 * <p>A connector holds one SDK client and its connection pool; it is thread-safe, may run several operations at once,
 * and must be closed. Every request goes through one request governor per connector, shared by all its operations:
 * it paces each Okta rate-limit bucket so that at most {@link OktaSettings#rateLimitShare()} of the bucket's limit is
 * used per window, keeps at most {@link OktaSettings#maxConcurrency()} requests in flight (fewer while Okta's
 * org-wide concurrency limit answers 429), owns every retry, and stops a run at {@link OktaSettings#runTimeout()}
 * ({@link #stats()} counts its waits). Each export uses up to {@code 3 + 2 × MaxConcurrency} worker threads of its
 * own (most of them waiting for their bucket) and leaves none running when it returns.
 *
 * @since 0.1
 */
public final class OktaConnector implements Connector, Exporter, Fulfiller {

    private static final Logger LOG = LoggerFactory.getLogger(OktaConnector.class);

    private final OktaSettings settings;
    private final OktaClientFactory.Built client;
    private final OktaHttp http;
    private final RequestStats stats;
    private final ExportOptions exportOptions;
    private final Passwords passwords;
    private volatile boolean closed;

    private OktaConnector(OktaSettings settings, CallPolicy policy, ExportOptions exportOptions,
                          PasswordNotifier notifier) {
        this.passwords = new Passwords(settings.connectionId(), settings.passwordReset(), notifier);
        warnIfPasswordsReachNobody(settings, notifier);
        this.settings = settings;
        this.client = OktaClientFactory.create(settings);
        this.stats = new RequestStats();
        this.http = new OktaHttp(client, settings.server(), policy, stats).withRequestTimeout(settings.requestTimeout())
                .withRedactor(Redactor.of(settings));
        this.exportOptions = exportOptions;
    }

    /**
     * Creates a connector whose generated and default passwords go to the {@link PasswordNotifier} registered with
     * {@link java.util.ServiceLoader} (searched with the thread's context class loader, else this library's), or to
     * nobody ({@link PasswordNotifier#NONE}) when none is registered. Touches no network (see {@link #check()}).
     *
     * @param settings the connection's settings, never {@code null}
     * @return the connector, to be closed
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} when the settings have a problem (all listed), or
     *                            when several password notifiers are registered
     */
    public static OktaConnector create(OktaSettings settings) {
        return create(settings, registeredNotifier());
    }

    /**
     * Creates a connector that hands every password it sets (generated, or the connection's default, per
     * {@link PasswordResetSettings}) to {@code notifier}, unless the settings disable notifications. Passwords an
     * order gives are the host's own and are not handed back. Touches no network.
     *
     * @param settings the connection's settings, never {@code null}
     * @param notifier who receives the passwords, never {@code null} ({@link PasswordNotifier#NONE}: nobody)
     * @return the connector, to be closed
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} when the settings have a problem (all listed)
     */
    public static OktaConnector create(OktaSettings settings, PasswordNotifier notifier) {
        Objects.requireNonNull(settings, "settings == null").requireValid();
        Objects.requireNonNull(notifier, "notifier == null");
        return new OktaConnector(settings, Governor.of(settings), ExportOptions.DEFAULTS, notifier);
    }

    static OktaConnector create(OktaSettings settings, CallPolicy policy, ExportOptions options) {
        Objects.requireNonNull(settings, "settings == null").requireValid();
        return new OktaConnector(settings, policy, options, registeredNotifier());
    }

    private static PasswordNotifier registeredNotifier() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return PasswordNotifier.fromServiceLoader(loader != null ? loader : OktaConnector.class.getClassLoader());
    }

    private static void warnIfPasswordsReachNobody(OktaSettings settings, PasswordNotifier notifier) {
        PasswordResetSettings reset = settings.passwordReset();
        if (reset.mode() == PasswordResetSettings.Mode.GENERATE && (notifier == PasswordNotifier.NONE
                || !reset.notifyUser())) {
            LOG.warn("connection {}: PasswordResetSettings Mode Generate, but {}: the passwords it generates reach"
                    + " nobody (users need a reset through Okta); register a PasswordNotifier or use Mode OktaEmail",
                    settings.connectionId(), reset.notifyUser() ? "no PasswordNotifier is registered"
                            : "DisableNotifications is set");
        }
    }

    /**
     * Exports the org into CSV files in {@code outputDir} with the default columns: {@code <id>_users.csv},
     * {@code <id>_groups.csv}, {@code <id>_apps.csv}, {@code <id>_groupsusers.csv}, {@code <id>_groupsapps.csv}, all
     * five published together or none (previous files stay as they were).
     *
     * @param settings  the connection's settings, never {@code null}
     * @param outputDir the output directory, created if missing, never {@code null}
     * @return rows per table, requests made, time taken
     * @throws ConnectorException INVALID_SETTINGS, AUTHENTICATION, PERMISSION_DENIED, UNAVAILABLE, RATE_LIMITED,
     *                            PROTOCOL, IO, … naming what failed
     */
    public static ExportSummary export(OktaSettings settings, Path outputDir) {
        try (OktaConnector okta = create(settings)) {
            return okta.export(outputDir, EntityMapping.DEFAULTS, ProgressListener.NONE);
        }
    }

    /**
     * Exports into CSV files in {@code outputDir}, all five published together or none. One run at a time per folder:
     * this one waits up to {@link OktaSettings#outputLockWait()} for another run writing there (in this or another
     * process); {@link OktaSettings#csvFormulaEscaping()} decides the formula escaping.
     *
     * @param outputDir the output directory, created if missing, never {@code null}
     * @param mapping   the columns of mapped tables ({@link EntityMapping#DEFAULTS} for the default columns)
     * @param listener  progress, called from worker threads ({@link ProgressListener#NONE})
     * @return rows per table, requests made, time taken
     * @throws ConnectorException naming what failed ({@link ErrorCode#TIMEOUT} when another run kept the folder past
     *                            the wait); the previous files are then untouched
     */
    public ExportSummary export(Path outputDir, EntityMapping mapping, ProgressListener listener) {
        Objects.requireNonNull(outputDir, "outputDir == null");
        try (CsvTableSink sink = CsvTableSink.open(outputDir,
                CsvOptions.DEFAULTS.withFormulaEscaping(settings.csvFormulaEscaping()), settings.outputLockWait())) {
            return export(new ExportRequest(sink, mapping, listener));
        }
    }

    /**
     * Exports every table into the request's sink: all users (DEPROVISIONED included), all groups (BUILT_IN
     * included), all applications, every group's members and every application-group assignment. Tables the mapping
     * does not name get the default columns (users: the fixed columns then every attribute of the user schema, base
     * then custom; groups: the fixed columns then custom group attributes). On success the sink is committed, on
     * failure aborted. Blocks until done; safe to call from several threads at once.
     *
     * @param request sink, mapping and listener, never {@code null}
     * @return rows per table, requests made by this export (retries included), time taken
     * @throws ConnectorException with the code of the first failure that stopped the export
     */
    @Override
    public ExportSummary export(ExportRequest request) {
        Objects.requireNonNull(request, "request == null");
        ensureOpen();
        return new ExportRun(settings, http, exportOptions).run(request);
    }

    /**
     * Applies typed orders with the request's mapping ({@link FulfillRequest#mapping()}: its entity types and
     * property identifiers; {@link EntityMapping#DEFAULTS} for Okta paths), as
     * {@link #fulfill(FulfillRequest, EntityMapping)}.
     *
     * @param request the orders and their mapping, never {@code null}
     * @return one result per order, in the orders' order
     * @throws ConnectorException {@link ErrorCode#AUTHENTICATION} when Okta refuses the credentials (orders not yet
     *                            run then have no result)
     */
    @Override
    public FulfillSummary fulfill(FulfillRequest request) {
        Objects.requireNonNull(request, "request == null");
        return fulfill(request, request.mapping());
    }

    /**
     * Applies typed orders. Every order gets exactly one result: {@code Executed}, or {@code Errored} with Okta's
     * reason. Orders for one resource run in their given order, others concurrently (up to
     * {@link OktaSettings#maxConcurrency()}); each result goes to the request's listener as its order ends. A dry run
     * reads but sends no write, and returns the planned calls with secrets masked. Blocks until every order ended.
     *
     * @param request the orders, never {@code null}
     * @param mapping resolves the orders' entity types and property identifiers, never {@code null}; used instead of
     *                the request's own {@link FulfillRequest#mapping()}
     * @return one result per order, in the orders' order, and the writes sent (or planned)
     * @throws ConnectorException {@link ErrorCode#AUTHENTICATION} when Okta refuses the credentials
     */
    public FulfillSummary fulfill(FulfillRequest request, EntityMapping mapping) {
        Objects.requireNonNull(request, "request == null");
        return fulfillment(mapping).orders(request);
    }

    /**
     * Fulfills the host's orders files crash-safely: {@code orders} is a file or a folder whose {@code *.json} files
     * are taken in name order. Every file is read first (one that is not an orders file stops the run before any order
     * runs); each is moved to {@code Completed/} beside it before its first order runs; each result is appended to
     * {@code results} (header {@code AssignmentId,ProvisioningState,Message,ChangeType,ResourceId}) and to the file's
     * journal as its order ends, and is on disk when the listener hears of it. A file an interrupted run left
     * unfinished in {@code Completed/} is resumed first, without running again any order that has a result. A dry run
     * ({@link FulfillMode#DRY_RUN}) moves and writes nothing. Memory does not grow with the orders: files are read as
     * streams and run in batches, and the summary keeps the results of the first 1,000 orders only (the results file
     * has every one; see {@link FulfillSummary#complete()}). A {@code Completed} that is a link, or not a folder inside
     * the orders folder, is refused before anything is moved.
     *
     * @param orders   an orders file or folder, never {@code null}
     * @param results  the results CSV, appended to, never {@code null}
     * @param mapping  resolves entity types and property identifiers, never {@code null}
     * @param mode     {@link FulfillMode#APPLY}, or {@link FulfillMode#DRY_RUN}: plan only, no write reaches Okta;
     *                 never {@code null}
     * @param listener told the pending order count, then each result, never {@code null}
     * @return the counts of every order of the files worked on; the results of the first 1,000, in file order,
     *         and the writes those sent (or planned)
     * @throws ConnectorException {@link ErrorCode#INVALID_ORDER} (a file is not an orders file, naming it and the
     *                            line), {@link ErrorCode#IO}, {@link ErrorCode#AUTHENTICATION}
     */
    public FulfillSummary fulfill(Path orders, Path results, EntityMapping mapping, FulfillMode mode,
                                  ProgressListener listener) {
        Objects.requireNonNull(orders, "orders == null");
        Objects.requireNonNull(results, "results == null");
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(listener, "listener == null");
        return fulfillment(mapping).files(orders, results, mode.isDryRun(), listener);
    }

    /**
     * As {@link #fulfill(Path, Path, EntityMapping, FulfillMode, ProgressListener)}, with a flag.
     *
     * @param orders   an orders file or folder, never {@code null}
     * @param results  the results CSV, appended to, never {@code null}
     * @param mapping  resolves entity types and property identifiers, never {@code null}
     * @param dryRun   plan only: no write reaches Okta
     * @param listener told the pending order count, then each result, never {@code null}
     * @return the results of every file worked on, and the writes sent (or planned)
     * @deprecated a {@code boolean} does not say what it means at the call site: pass a {@link FulfillMode}
     */
    @Deprecated(since = "0.1")
    public FulfillSummary fulfill(Path orders, Path results, EntityMapping mapping, boolean dryRun,
                                  ProgressListener listener) {
        return fulfill(orders, results, mapping, FulfillMode.of(dryRun), listener);
    }

    /**
     * Applies the orders of one orders file read with {@link ProvisioningOrders#read}, rejected ones included: every
     * entry gets exactly one result, in its place, the accepted ones what Okta did, each {@link
     * ProvisioningOrders.Rejected} its {@code Errored} result ({@link ProvisioningOrders.Rejected#result()}). Nothing
     * is moved or journaled (see {@link #fulfill(Path, Path, EntityMapping, FulfillMode, ProgressListener)} for
     * files).
     *
     * @param orders   the entries, never {@code null}
     * @param mapping  the mapping the orders were read with, never {@code null}
     * @param mode     apply, or plan only; never {@code null}
     * @param listener told the entry count, then each result, never {@code null}
     * @return one result per entry, in file order, and the writes sent (or planned)
     * @throws ConnectorException {@link ErrorCode#AUTHENTICATION} when Okta refuses the credentials
     */
    public FulfillSummary fulfill(ProvisioningOrders orders, EntityMapping mapping, FulfillMode mode,
                                  ProgressListener listener) {
        Objects.requireNonNull(orders, "orders == null");
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(listener, "listener == null");
        return fulfillment(mapping).entries(orders.entries(), mode.isDryRun(), listener);
    }

    private Fulfillment fulfillment(EntityMapping mapping) {
        Objects.requireNonNull(mapping, "mapping == null");
        ensureOpen();
        RequestStats run = new RequestStats();
        // with OAuth, writes need the manage scopes; export and check keep the read-only token
        // a registry of its own: the passwords a run sends are hidden in its messages, and forgotten after it
        return new Fulfillment(new HttpWire(http.withScopes(OAuthTokens.FULFILL_SCOPES).withStats(run)
                .withRunTimeout(settings.runTimeout()).withRedactor(http.redactor().child())),
                settings, mapping,
                run::requests, passwords);
    }

    /** @return the connection identifier */
    @Override
    public String id() {
        return settings.connectionId();
    }

    /** @return the settings this connector was created with */
    public OktaSettings settings() {
        return settings;
    }

    /**
     * Offline validation: the settings' problems (none, since {@link #create} refuses invalid settings, unless a file
     * they name has gone since).
     *
     * @return every problem, empty when valid
     */
    @Override
    public List<Problem> validate() {
        return settings.validate();
    }

    /**
     * Reaches the org and proves that the credentials work and may read what an export reads: one user, one group,
     * one application (each a page of one) and the user and group schemas. With OAuth it also obtains a token for the
     * scopes a fulfill needs ({@code okta.*.manage}), which proves them without a write; with an API token the admin
     * role's write permissions cannot be proven without writing, and are not.
     *
     * @throws ConnectorException {@link ErrorCode#AUTHENTICATION} (refused token, naming the server),
     *                            {@link ErrorCode#PERMISSION_DENIED} (naming the call, or the fulfill scopes the
     *                            service app is not granted), {@link ErrorCode#UNAVAILABLE}
     *                            (unknown host, refused connection, 5xx), {@link ErrorCode#PROTOCOL}, …
     */
    @Override
    public void check() {
        checkAccess();
    }

    /**
     * {@link #check()}, then the mapping against the org: every mapped path that names nothing an export could
     * read, that is a {@code profile.<attribute>} the org's user or group schema does not define, a field Okta's user,
     * group or application object does not have, or a link table column other than its two ids. Each problem names
     * the table and column ({@link Problem#key()}, e.g. {@code OktaExportFulfillment_users.profile.emial}) and the
     * nearest known name ({@code did you mean profile.email?}). A path that matches only ignoring case is known, as in
     * the export. Uses the requests of {@link #check()} and no more.
     *
     * @param mapping the mapping to check, never {@code null}
     * @return every unknown path, in mapping order; empty when the export can read every column
     * @throws ConnectorException as {@link #check()}
     */
    public List<Problem> check(EntityMapping mapping) {
        Objects.requireNonNull(mapping, "mapping == null");
        JsonNode[] schemas = checkAccess();
        return new MappingCheck(id(), schemas[0], schemas[1]).problems(mapping);
    }

    /** @return the user and group schemas the check read */
    private JsonNode[] checkAccess() {
        ensureOpen();
        List<Pair> one = List.of(new Pair("limit", "1"));
        http.get("/api/v1/users", one);
        http.get("/api/v1/groups", one);
        http.get("/api/v1/apps", one);
        JsonNode users = http.get("/api/v1/meta/schemas/user/default", List.of()).body();
        JsonNode groups = http.get("/api/v1/meta/schemas/group/default", List.of()).body();
        try {
            // the reads prove only the read scopes: a token for the fulfill's manage scopes proves those without a
            // write (Okta answers invalid_scope when the service app is not granted them)
            http.requireScopes(OAuthTokens.FULFILL_SCOPES);
        } catch (ConnectorException e) {
            throw e.code() != ErrorCode.PERMISSION_DENIED ? e : new ConnectorException(ErrorCode.PERMISSION_DENIED,
                    "the credentials may read but not fulfill: " + e.getMessage(), e);
        }
        LOG.info("check of {}: {} reachable, credentials and read permissions accepted", id(), settings.server());
        return new JsonNode[] {users, groups};
    }

    /**
     * Request counters since this connector was created: requests per rate-limit bucket, retries, 429s received (and
     * how many of them were Okta's org-wide concurrency limit), and the request governor's waits. Thread-safe; cheap.
     *
     * @return the counters
     */
    public OktaStats stats() {
        Map<String, Long> perBucket = new LinkedHashMap<>();
        stats.perBucket().forEach((k, v) -> perBucket.put(k.name(), v));
        return new OktaStats(stats.requests(), perBucket, stats.retries(), stats.rateLimitedAnswers(),
                stats.concurrencyLimitedAnswers(), stats.waits(), stats.waitNanos() / 1_000_000);
    }

    /** Closes the connection pool. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the HTTP client failed; ignored", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the connector " + id() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "OktaConnector[" + id() + " at " + settings.server() + "]";
    }
}
