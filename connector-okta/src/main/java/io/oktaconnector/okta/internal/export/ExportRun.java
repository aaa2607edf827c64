package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.OktaTable;
import io.oktaconnector.okta.internal.http.Call;
import io.oktaconnector.okta.internal.http.OktaErrors;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.http.RequestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One export: the five tables streamed into the sink, committed together or not at all.
 *
 * <p>Work runs on a {@link TaskScope}: the users list, the groups list (which spawns one members task per non-empty
 * group) and the apps list run in parallel; once both the groups and the apps are listed, the application-group links
 * are read from the side that the rate limits let finish sooner. Member lists and link lists run in lanes of their own
 * ({@code MaxConcurrency} tasks each), so that neither kind starves the other while waiting for its bucket; the
 * request governor under {@link OktaHttp} paces every request and bounds those in flight to {@code MaxConcurrency}.
 * The whole run has the deadline {@code RunTimeoutMinutes}. Rows go into the sink page by page: memory holds pages in
 * flight and the ids of groups and apps (for the link tables), never all users.
 *
 * <p>The users list is one cursor chain. Splitting it into {@code search} ranges on {@code id} that page concurrently
 * was considered and left out: Okta's ids are opaque (their distribution is unknown, so ranges cannot be balanced
 * without extra requests), {@code search} compares string values ignoring case while ids are case-sensitive, and
 * under the benchmark conditions the chain is not the critical path (20,000 users are 100 pages, about 13 s of
 * latency, while the member lists need longer in their bucket).
 */
public final class ExportRun {

    private static final Logger LOG = LoggerFactory.getLogger(ExportRun.class);

    /** Page maxima per endpoint (Okta's documented maxima; groups: 200 as Okta advises, see the README). */
    static final int USERS_PAGE = 200;
    static final int GROUPS_PAGE = 200;
    static final int MEMBERS_PAGE = 1000;
    static final int APPS_PAGE = 200;
    static final int APP_GROUPS_PAGE = 200;
    static final int GROUP_APPS_PAGE = 200;

    /** Two sides whose estimates differ by less than this many windows cost the same: fewer requests decide. */
    private static final double SAME_TIME = 0.05;

    private final OktaSettings settings;
    private final OktaHttp http;
    private final RequestStats stats;
    private final ExportOptions options;

    /**
     * @param settings valid settings
     * @param http     the connector's request layer
     * @param options  internal knobs (tests)
     */
    public ExportRun(OktaSettings settings, OktaHttp http, ExportOptions options) {
        this.settings = settings;
        this.stats = new RequestStats();
        // the run's deadline starts now: the connector creates a run right before running it
        this.http = http.withStats(stats).withRunTimeout(settings.runTimeout())
                .withRequestTimeout(settings.requestTimeout()).cancellable();
        this.options = options;
    }

    /**
     * Runs the export. On success the sink is committed; on any failure it is aborted and the failure rethrown.
     *
     * @param request sink, mapping, listener
     * @return rows per table, requests, time
     */
    public ExportSummary run(ExportRequest request) {
        long start = System.nanoTime();
        TableSink sink = request.sink();
        String id = settings.connectionId();
        try {
            Map<OktaTable, TableMapping> mappings = tableMappings(request);
            Map<OktaTable, TableChannel> channels = new EnumMap<>(OktaTable.class);
            for (OktaTable t : OktaTable.values()) {
                TableMapping m = mappings.get(t);
                channels.put(t, new TableChannel(m, sink.open(m.table(), m.headers()), request.listener()));
            }
            // a failed run closes its requests in flight (cancelInFlight): workers end at once, this is a margin
            Duration closeWait = settings.readTimeout().plusSeconds(5);
            // the three lists, plus a full lane of member lists and one of link lists
            int lane = settings.maxConcurrency();
            try (TaskScope scope = new TaskScope(3 + 2 * lane, lane, "okta-export-" + id, closeWait,
                    http::cancelInFlight)) {
                new Plan(scope, channels).start();
                scope.awaitAll();
            }
            sink.commit();
            Map<String, Long> rows = new LinkedHashMap<>();
            Map<String, Long> dropped = new LinkedHashMap<>();
            channels.values().forEach(c -> {
                rows.put(c.table(), c.rows());
                if (c.droppedCount() > 0) {
                    dropped.put(c.table(), c.droppedCount());
                }
            });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("export of {} from {}: {} in {} requests, {} ms", id, settings.server(), rows, stats.requests(),
                    elapsed.toMillis());
            if (!dropped.isEmpty()) {
                LOG.warn("export of {} from {}: the server sent objects twice; duplicates dropped: {}", id,
                        settings.server(), dropped);
            }
            return new ExportSummary(rows, stats.requests(), elapsed, dropped);
        } catch (RuntimeException | Error e) {
            sink.abort();
            LOG.info("export of {} from {} failed after {} requests: {}", id, settings.server(), stats.requests(),
                    e.getMessage());
            if (e instanceof RuntimeException re && !(e instanceof ConnectorException)) {
                throw OktaErrors.unexpected(null, re, settings.server());
            }
            throw e;
        }
    }

    /** @return the requests this run has made so far */
    public long requests() {
        return stats.requests();
    }

    private Map<OktaTable, TableMapping> tableMappings(ExportRequest request) {
        String id = settings.connectionId();
        Map<OktaTable, TableMapping> out = new EnumMap<>(OktaTable.class);
        for (OktaTable t : OktaTable.values()) {
            request.mapping().table(t.tableName(id)).ifPresent(m -> out.put(t, m));
        }
        for (TableMapping m : request.mapping().tables()) {
            // a mapping built in code may name a table of this connection that the export does not write
            if (m.table().startsWith(id + "_") && !out.containsValue(m)) {
                throw new ConnectorException(ErrorCode.INVALID_MAPPING, "the mapping names the table " + m.table()
                        + ", which connection " + id + " does not export (its tables: " + Arrays.stream(
                        OktaTable.values()).map(t -> t.tableName(id)).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (!out.containsKey(OktaTable.USERS)) {
            List<String> cols = new ArrayList<>(OktaTable.USERS.defaultColumns());
            JsonNode schema = http.get("/api/v1/meta/schemas/user/default", List.of()).body();
            cols.addAll(profileColumns(schema, "base", "/api/v1/meta/schemas/user/default"));
            cols.addAll(profileColumns(schema, "custom", "/api/v1/meta/schemas/user/default"));
            out.put(OktaTable.USERS, defaults(OktaTable.USERS, cols));
        }
        if (!out.containsKey(OktaTable.GROUPS)) {
            List<String> cols = new ArrayList<>(OktaTable.GROUPS.defaultColumns());
            JsonNode schema = http.get("/api/v1/meta/schemas/group/default", List.of()).body();
            cols.addAll(profileColumns(schema, "custom", "/api/v1/meta/schemas/group/default"));
            out.put(OktaTable.GROUPS, defaults(OktaTable.GROUPS, cols));
        }
        for (OktaTable t : List.of(OktaTable.APPS, OktaTable.GROUPSUSERS, OktaTable.GROUPSAPPS)) {
            out.putIfAbsent(t, defaults(t, t.defaultColumns()));
        }
        return out;
    }

    private List<String> profileColumns(JsonNode schema, String part, String path) {
        JsonNode defs = schema.path("definitions");
        if (!defs.isObject()) {
            throw OktaErrors.protocol(Call.of("GET", path), settings.server(), "the schema has no definitions");
        }
        JsonNode props = defs.path(part).path("properties");
        List<String> cols = new ArrayList<>();
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
            cols.add("profile." + it.next());
        }
        return cols;
    }

    private TableMapping defaults(OktaTable t, List<String> paths) {
        Set<String> seen = new HashSet<>();
        List<ColumnMapping> cols = new ArrayList<>();
        for (String p : paths) {
            if (seen.add(p.toLowerCase(Locale.ROOT))) { // a custom attribute clashing with a fixed column
                cols.add(ColumnMapping.of(p));
            }
        }
        return new TableMapping(t.tableName(settings.connectionId()), t.defaultEntityType(), cols);
    }

    private int page(int endpointMax) {
        return Math.min(endpointMax, settings.pageSize().orElse(endpointMax));
    }

    /** The tasks of one run and the state they share. */
    private final class Plan {
        private final TaskScope scope;
        private final Map<OktaTable, TableChannel> channels;
        private final List<String> groupsWithApps = Collections.synchronizedList(new ArrayList<>());
        private final List<String> appIds = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger listsPending = new AtomicInteger(2);
        private final java.util.concurrent.atomic.AtomicLong memberPages = new java.util.concurrent.atomic.AtomicLong();

        Plan(TaskScope scope, Map<OktaTable, TableChannel> channels) {
            this.scope = scope;
            this.channels = channels;
        }

        void start() {
            scope.submit(this::users);
            scope.submit(this::groups);
            scope.submit(this::apps);
        }

        private void users() throws Exception {
            TableChannel out = channels.get(OktaTable.USERS);
            Projection rows = out.projection(List.of("id"), List.of(Projection.Mode.TEXT));
            int id = rows.columns() - 1;
            // a plain list leaves out DEPROVISIONED users; a search for "status pr" returns every user
            Pager pager = listOf("/api/v1/users", List.of(limit(page(USERS_PAGE)), new Pair("search", "status pr")));
            pager.forEachPage(rows, u -> u[id], items -> {
                items.forEach(u -> requireId(u[id], "/api/v1/users"));
                out.write(items);
            }, scope::cancelled);
            out.dropped(pager.duplicatesDropped());
        }

        private void groups() throws Exception {
            TableChannel out = channels.get(OktaTable.GROUPS);
            Projection rows = out.projection(List.of("id", "_embedded.stats.usersCount", "_embedded.stats.appsCount"),
                    List.of(Projection.Mode.TEXT, Projection.Mode.NUMBER, Projection.Mode.NUMBER));
            int id = rows.columns() - 3;
            Pager pager = listOf("/api/v1/groups", List.of(limit(page(GROUPS_PAGE)), new Pair("expand", "stats")));
            pager.forEachPage(rows, g -> g[id], items -> {
                        items.forEach(g -> requireId(g[id], "/api/v1/groups"));
                        out.write(items);
                        for (String[] g : items) {
                            String gid = g[id];
                            // no count (an org without stats) means: look, as if it had one member
                            long users = g[id + 1] == null ? 1 : count(g[id + 1]);
                            if (users > 0) {
                                memberPages.addAndGet((users + page(MEMBERS_PAGE) - 1) / page(MEMBERS_PAGE));
                                long known = g[id + 1] == null ? -1 : users;
                                scope.submit(MEMBERS, () -> members(gid, known));
                            }
                            if (g[id + 2] == null || count(g[id + 2]) > 0) {
                                groupsWithApps.add(gid);
                            }
                        }
                    }, scope::cancelled);
            out.dropped(pager.duplicatesDropped());
            listed();
        }

        private void apps() throws Exception {
            TableChannel out = channels.get(OktaTable.APPS);
            Projection rows = out.projection(List.of("id"), List.of(Projection.Mode.TEXT));
            int id = rows.columns() - 1;
            Pager pager = listOf("/api/v1/apps", List.of(limit(page(APPS_PAGE))));
            pager.forEachPage(rows, a -> a[id], items -> {
                        items.forEach(a -> requireId(a[id], "/api/v1/apps"));
                        out.write(items);
                        for (String[] a : items) {
                            appIds.add(a[id]);
                        }
                    }, scope::cancelled);
            out.dropped(pager.duplicatesDropped());
            listed();
        }

        /** Called when the groups or the apps are listed; the second call plans the application-group links. */
        private void listed() {
            if (listsPending.decrementAndGet() != 0) {
                return;
            }
            List<String> apps;
            List<String> groups;
            synchronized (appIds) {
                apps = List.copyOf(appIds);
            }
            synchronized (groupsWithApps) {
                groups = List.copyOf(groupsWithApps);
            }
            boolean fromApps = switch (options.groupsAppsSide()) {
                case APPS -> true;
                case GROUPS -> false;
                case CHEAPER -> appsSideFirst(apps.size(), groups.size(), memberPages.get());
            };
            LOG.debug("application-group links from the {} side ({} apps, {} groups with apps, {} member pages)",
                    fromApps ? "apps" : "groups", apps.size(), groups.size(), memberPages.get());
            long allGroups = channels.get(OktaTable.GROUPS).rows();
            if (fromApps) {
                apps.forEach(a -> scope.submit(LINKS, () -> appGroups(a, allGroups)));
            } else {
                groups.forEach(g -> scope.submit(LINKS, () -> groupApps(g, apps.size())));
            }
        }

        /**
         * Which side of the application-group links finishes sooner: each app's groups are one request per app in the
         * small apps bucket; each group's apps are one request per group with apps in the bucket that also carries the
         * member lists. Estimated in windows of each bucket's budget (as the governor learnt it, else Okta's Workforce
         * defaults), the slower bucket deciding; about equal times go to the side with fewer requests.
         */
        private boolean appsSideFirst(long apps, long groupsWithApps, long memberPages) {
            double appsBudget = budget(io.oktaconnector.okta.internal.http.Bucket.APPS);
            double otherBudget = budget(io.oktaconnector.okta.internal.http.Bucket.OTHER);
            double appsSide = Math.max(apps / appsBudget, memberPages / otherBudget);
            double groupsSide = (memberPages + groupsWithApps) / otherBudget;
            if (Math.abs(appsSide - groupsSide) < SAME_TIME) {
                return apps <= groupsWithApps;
            }
            return appsSide < groupsSide;
        }

        private double budget(io.oktaconnector.okta.internal.http.Bucket b) {
            long learnt = http.budgetPerWindow(b);
            // Okta's default token share is half the bucket, ours a share of that
            return learnt > 0 ? learnt : Math.max(1.0, b.workforceLimit() * 0.5 * settings.rateLimitShare());
        }

        /** @param usersCount the group's member count from its stats, or -1 when the org gave none */
        private void members(String groupId, long usersCount) throws Exception {
            String path = "/api/v1/groups/" + OktaHttp.segment(groupId) + "/users";
            int limit = page(MEMBERS_PAGE);
            Pager pager = usersCount < 0 ? listOf(path, List.of(limit(limit)))
                    : new Pager(http, path, List.of(limit(limit))).bounded(plausible(usersCount, limit), usersCount,
                    "the group's usersCount " + usersCount);
            links(OktaTable.GROUPSUSERS, pager, path, "groupId", groupId, "userId");
        }

        private void appGroups(String appId, long groups) throws Exception {
            String path = "/api/v1/apps/" + OktaHttp.segment(appId) + "/groups";
            int limit = page(APP_GROUPS_PAGE);
            links(OktaTable.GROUPSAPPS, new Pager(http, path, List.of(limit(limit)))
                    .bounded(plausible(groups, limit), 0, "the org's " + groups + " groups"), path, "appId", appId,
                    "groupId");
        }

        private void groupApps(String groupId, long apps) throws Exception {
            String path = "/api/v1/groups/" + OktaHttp.segment(groupId) + "/apps";
            int limit = page(GROUP_APPS_PAGE);
            links(OktaTable.GROUPSAPPS, new Pager(http, path, List.of(limit(limit)))
                    .bounded(plausible(apps, limit), 0, "the org's " + apps + " apps"), path, "groupId", groupId,
                    "appId");
        }

        /** A list of linked objects: only their ids are read (a member is a whole user object; it is skipped). */
        private void links(OktaTable table, Pager pager, String path, String fixedKey, String fixedId,
                           String itemKey) throws Exception {
            TableChannel out = channels.get(table);
            pager.forEachPage(ID, item -> item[0], items -> {
                List<String> ids = new ArrayList<>(items.size());
                for (String[] item : items) {
                    ids.add(requireId(item[0], path));
                }
                out.write(out.links(fixedKey, fixedId, itemKey, ids));
            }, scope::cancelled);
            out.dropped(pager.duplicatesDropped());
        }

        /** @return a top-level list, bounded by {@code MaxObjectsPerList} */
        private Pager listOf(String path, List<Pair> query) {
            long max = settings.maxObjectsPerList();
            return new Pager(http, path, query).bounded(max, 0, "MaxObjectsPerList (" + max + ")");
        }

        private String requireId(String id, String path) {
            if (id == null || id.isEmpty()) {
                throw new ConnectorException(ErrorCode.PROTOCOL, "GET " + path + " on " + settings.server()
                        + ": an object of the page has no id");
            }
            return id;
        }
    }

    /** Only the id of each object, as a string. */
    private static final Projection ID = new Projection(List.of("id"), List.of(Projection.Mode.TEXT));

    /**
     * @param known how many objects the org says the list holds (a count), or how many there are to link to
     * @param limit the page size
     * @return how many the list may plausibly hold: twice the count plus a page, for what changes during the run
     */
    private static long plausible(long known, int limit) {
        return 2 * Math.max(0, known) + limit;
    }

    /** @param number a number's JSON text, never {@code null} @return its value, as a long */
    private static long count(String number) {
        return new BigDecimal(number).longValue();
    }

    private static final String MEMBERS = "members";
    private static final String LINKS = "links";

    private static Pair limit(int n) {
        return new Pair("limit", Integer.toString(n));
    }
}
