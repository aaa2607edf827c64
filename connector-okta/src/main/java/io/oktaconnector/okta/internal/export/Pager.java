package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.internal.collect.LongHashSet;
import io.oktaconnector.okta.internal.http.Call;
import io.oktaconnector.okta.internal.http.LinkHeaders;
import io.oktaconnector.okta.internal.http.OktaApiClient;
import io.oktaconnector.okta.internal.http.OktaErrors;
import io.oktaconnector.okta.internal.http.OktaHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Pages through one Okta list by the {@code after} cursor of its {@code Link rel="next"}. Only the cursor is taken from
 * the link, and only when the link's origin is the configured org: a foreign origin is a PROTOCOL error and is never
 * requested. A cursor seen before is a PROTOCOL error (a loop), as is a next link without a cursor (we could not follow
 * it, and stopping would silently lose rows). A page that is not a JSON array of objects is a PROTOCOL error. An
 * empty page that links on is followed (the repeated-cursor check ends a loop). The one pagination of the connector:
 * the export and the fulfill wire both page through here.
 *
 * <p>A server that never ends a list is stopped (issue 13): a page holding the same objects (ids) as an earlier page of
 * the list is a PROTOCOL error (a cursor that is new each time but leads to the same page), and so is a list that goes
 * on past what the org can plausibly hold ({@link #bounded}: objects received, and pages). An object whose id came
 * already in the list is dropped and counted ({@link #duplicatesDropped()}), so that no table gets a row twice; the ids
 * are kept as 64-bit hashes ({@link LongHashSet}, about 11 to 16 bytes per object).
 */
public final class Pager {

    private static final Logger LOG = LoggerFactory.getLogger(Pager.class);

    /** Each object of a page as a tree, read like any answer (the page's own end is checked by {@link PageBody}). */
    private static final ObjectReader TREE = OktaApiClient.treeReader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Pages that may be short of the limit without ending the list (Okta's last page is its only short one). */
    private static final long SHORT_PAGE_SLACK = 10;

    private final OktaHttp http;
    private final String path;
    private final List<Pair> query;
    private final long maxObjects;
    private final long expectedObjects;
    private final String bound;
    private long dropped;

    /**
     * @param http  the request layer
     * @param path  the list's path below the org URL
     * @param query the query of the first page; the {@code after} cursor is added for the next ones
     */
    public Pager(OktaHttp http, String path, List<Pair> query) {
        this(http, path, query, OktaSettings.DEFAULT_MAX_OBJECTS_PER_LIST, 0,
                "MaxObjectsPerList (" + OktaSettings.DEFAULT_MAX_OBJECTS_PER_LIST + ")");
    }

    private Pager(OktaHttp http, String path, List<Pair> query, long maxObjects, long expectedObjects, String bound) {
        this.http = http;
        this.path = path;
        this.query = List.copyOf(query);
        this.maxObjects = maxObjects;
        this.expectedObjects = expectedObjects;
        this.bound = bound;
    }

    /**
     * @param maxObjects      the most objects the list can plausibly hold; a server paging past it (or past twice
     *                        the pages that many objects fill, plus a few short ones) is refused as endless
     * @param expectedObjects how many are expected, when known (sizes the set of ids seen); 0 when unknown
     * @param why             where the bound comes from, for the message, e.g. {@code MaxObjectsPerList (20000000)}
     * @return this list, so bounded
     */
    Pager bounded(long maxObjects, long expectedObjects, String why) {
        return new Pager(http, path, query, Math.max(1, maxObjects), Math.max(0, expectedObjects), why);
    }

    /** @return objects dropped so far because their id came earlier in the list */
    public long duplicatesDropped() {
        return dropped;
    }

    /**
     * Reads at most {@code maxPages} pages as trees (the fulfill layer's reads; {@link Integer#MAX_VALUE} for all).
     *
     * @param maxPages the most pages to read, at least 1
     * @param consumer receives each page in order
     * @return {@code true} when the list ended within {@code maxPages}, {@code false} when it goes on
     * @throws ConnectorException translated by the request layer, or PROTOCOL for a page or link we cannot follow
     */
    public boolean readPages(int maxPages, Consumer<List<JsonNode>> consumer) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages < 1");
        }
        try {
            return walk(new PageBody<>(TREE::readTree, limit()), n -> n.path("id").textValue(), consumer::accept,
                    () -> false, maxPages) >= 0;
        } catch (ConnectorException e) {
            throw http.redactor().redact(e); // a cursor or an origin in the message comes from the server
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // the consumer throws nothing checked; only a defect gets here
            throw new ConnectorException(ErrorCode.INTERNAL, "GET " + path + " on " + http.server()
                    + ": unexpected failure: " + e.getClass().getName(), e);
        }
    }

    /**
     * Pages through the list reading each object with {@code each} as the page is parsed (no tree): the export's way.
     *
     * @param each      makes each object into an item (a row)
     * @param idOf      the id of an item, or {@code null} when it has none
     * @param consumer  receives each page's items in order, those whose id came earlier in the list left out
     * @param cancelled checked before each request
     * @param <T>       what each object becomes
     * @return the number of pages read
     * @throws Exception from the consumer, or a ConnectorException
     */
    <T> int forEachPage(PageBody.ObjectReader<T> each, Function<T, String> idOf, ItemsConsumer<T> consumer,
                        BooleanSupplier cancelled) throws Exception {
        try {
            return walk(new PageBody<>(each, limit()), idOf, consumer, cancelled, Integer.MAX_VALUE);
        } catch (ConnectorException e) {
            throw http.redactor().redact(e); // a cursor or an origin in the message comes from the server
        }
    }

    /** @return the {@code limit} of the query, the most objects a page may hold; unbounded without one */
    private int limit() {
        for (Pair p : query) {
            if (p.getName().equals("limit")) {
                try {
                    return Math.max(1, Integer.parseInt(p.getValue()));
                } catch (NumberFormatException e) {
                    return Integer.MAX_VALUE;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Receives each page's items. */
    @FunctionalInterface
    interface ItemsConsumer<T> {
        void accept(List<T> items) throws Exception;
    }

    /** @return the pages read, or -1 when {@code maxPages} were read and the list goes on */
    private <T> int walk(PageBody<T> body, Function<T, String> idOf, ItemsConsumer<T> consumer,
                         BooleanSupplier cancelled, int maxPages) throws Exception {
        Call call = Call.of("GET", path);
        LongHashSet cursors = new LongHashSet(0);
        LongHashSet contents = new LongHashSet(0);
        LongHashSet ids = new LongHashSet(expectedObjects);
        int limit = limit();
        long maxPagesPlausible = limit == Integer.MAX_VALUE ? Long.MAX_VALUE
                : 2 * ((maxObjects + limit - 1) / limit) + SHORT_PAGE_SLACK;
        long received = 0;
        String after = null;
        int pages = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new ConnectorException(ErrorCode.INTERNAL, "cancelled");
            }
            List<Pair> q = new ArrayList<>(query);
            if (after != null) {
                q.add(new Pair("after", after));
            }
            OktaHttp.Read<PageBody.Page<T>> r = http.read(path, q, body);
            PageBody.Page<T> page = r.value();
            if (page.problem() != null) {
                throw OktaErrors.protocol(call, http.server(), page.problem());
            }
            pages++;
            received += page.items().size();
            List<T> items = distinct(call, page.items(), idOf, ids, contents, pages);
            if (received > maxObjects || pages > maxPagesPlausible) {
                throw OktaErrors.protocol(call, http.server(), "the list goes on past " + (received > maxObjects
                        ? maxObjects + " objects" : pages - 1 + " pages") + ", more than it can hold ("
                        + bound + "); paging would never end");
            }
            consumer.accept(items);
            Optional<String> next = LinkHeaders.next(r.info());
            if (next.isEmpty()) {
                return pages;
            }
            if (pages >= maxPages) {
                return -1;
            }
            after = nextCursor(call, next.get(), cursors, pages);
            if (items.isEmpty()) {
                // Okta ends a list by leaving out the next link; an empty page that links on (a filtered page) is
                // followed, since stopping could silently lose rows; the cursor and content checks end a loop
                LOG.debug("{}: empty page with a next link; following it", call);
            }
        }
    }

    /**
     * @return the page's items whose id did not come earlier in the list (the others are counted as dropped)
     * @throws ConnectorException PROTOCOL when the page holds exactly the objects of an earlier page
     */
    private <T> List<T> distinct(Call call, List<T> items, Function<T, String> idOf, LongHashSet ids,
                                 LongHashSet contents, int page) {
        // the page's content as an order-independent hash of its ids and their number
        long content = LongHashSet.mix(items.size());
        long[] hashes = new long[items.size()];
        for (int i = 0; i < hashes.length; i++) {
            String id = idOf.apply(items.get(i));
            hashes[i] = id == null ? 0 : LongHashSet.hash(id) | 1; // never 0, which stands for "no id" here
            content += LongHashSet.mix(hashes[i] ^ 0x9e3779b97f4a7c15L);
        }
        if (!contents.add(content)) {
            throw OktaErrors.protocol(call, http.server(), "page " + page + " holds the same objects as an earlier"
                    + " page" + (items.isEmpty() ? " (none)" : "") + ", under a new cursor; paging would never end");
        }
        List<T> out = null;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0 && !ids.add(hashes[i])) {
                if (out == null) {
                    out = new ArrayList<>(items.subList(0, i));
                }
                dropped++;
            } else if (out != null) {
                out.add(items.get(i));
            }
        }
        if (out != null) {
            LOG.warn("{} on {}: page {} repeats {} object(s) of earlier pages; dropped", call, http.server(), page,
                    items.size() - out.size());
        }
        return out == null ? items : out;
    }

    /** @return the {@code after} cursor of a next link that may be followed */
    private String nextCursor(Call call, String next, LongHashSet cursors, int pages) {
        URI link;
        try {
            link = new URI(next);
        } catch (java.net.URISyntaxException e) {
            throw OktaErrors.protocol(call, http.server(), "the next link is not a valid URL");
        }
        if (!http.sameOrigin(link)) {
            throw OktaErrors.protocol(call, http.server(), "the next link points to another origin, "
                    + http.originOf(link) + "; not followed");
        }
        String cursor = queryParam(link, "after");
        if (cursor == null || cursor.isEmpty()) {
            throw OktaErrors.protocol(call, http.server(), "the next link has no after cursor");
        }
        if (!cursors.add(LongHashSet.hash(cursor))) {
            throw OktaErrors.protocol(call, http.server(), "the next link repeats the cursor " + cursor
                    + " after " + pages + " pages; paging would never end");
        }
        return cursor;
    }

    static String queryParam(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
