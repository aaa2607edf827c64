package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.okta.sdk.resource.client.Pair;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Pages through one Okta list by the {@code after} cursor of its {@code Link rel="next"}. Only the cursor is taken from
 * the link, and only when the link's origin is the configured org: a foreign origin is a PROTOCOL error and is never
 * requested. A cursor seen before is a PROTOCOL error (a loop), as is a next link without a cursor (we could not follow
 * it, and stopping would silently lose rows). A page that is not a JSON array of objects is a PROTOCOL error. An
 * empty page that links on is followed (the repeated-cursor check ends a loop). The one pagination of the connector:
 * the export and the fulfill wire both page through here.
 */
public final class Pager {

    private static final Logger LOG = LoggerFactory.getLogger(Pager.class);

    /** Each object of a page as a tree, read like any answer (the page's own end is checked by {@link PageBody}). */
    private static final ObjectReader TREE = OktaApiClient.treeReader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final OktaHttp http;
    private final String path;
    private final List<Pair> query;

    /**
     * @param http  the request layer
     * @param path  the list's path below the org URL
     * @param query the query of the first page; the {@code after} cursor is added for the next ones
     */
    public Pager(OktaHttp http, String path, List<Pair> query) {
        this.http = http;
        this.path = path;
        this.query = List.copyOf(query);
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
            return walk(new PageBody<>(TREE::readTree, limit()), consumer::accept, () -> false, maxPages) >= 0;
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
     * @param consumer  receives each page's items in order
     * @param cancelled checked before each request
     * @param <T>       what each object becomes
     * @return the number of pages read
     * @throws Exception from the consumer, or a ConnectorException
     */
    <T> int forEachPage(PageBody.ObjectReader<T> each, ItemsConsumer<T> consumer, BooleanSupplier cancelled)
            throws Exception {
        return walk(new PageBody<>(each, limit()), consumer, cancelled, Integer.MAX_VALUE);
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
    private <T> int walk(PageBody<T> body, ItemsConsumer<T> consumer, BooleanSupplier cancelled, int maxPages)
            throws Exception {
        Call call = Call.of("GET", path);
        Set<String> cursors = new HashSet<>();
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
            List<T> items = page.items();
            pages++;
            consumer.accept(items);
            Optional<String> next = LinkHeaders.next(r.info());
            if (next.isEmpty()) {
                return pages;
            }
            if (pages >= maxPages) {
                return -1;
            }
            URI link;
            try {
                link = new URI(next.get());
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
            if (!cursors.add(cursor)) {
                throw OktaErrors.protocol(call, http.server(), "the next link repeats the cursor " + cursor
                        + " after " + pages + " pages; paging would never end");
            }
            if (items.isEmpty()) {
                // Okta ends a list by leaving out the next link; an empty page that links on (a filtered page) is
                // followed, since stopping could silently lose rows; the cursor check above ends a loop
                LOG.debug("{}: empty page with a next link; following it", call);
            }
            after = cursor;
        }
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
