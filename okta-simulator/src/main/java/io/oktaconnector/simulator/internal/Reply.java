package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** What an endpoint answers, before the pipeline adds the standard headers and applies faults. */
final class Reply {
    final int status;
    final byte[] body;
    final List<String[]> headers = new ArrayList<>(2);
    /** True for a paged collection: self and (maybe) next Link headers are sent. */
    boolean paged;
    /** The next page's cursor, or null on the last page. */
    String nextCursor;
    /** The id of the last item on this page (for the endless-next fault), or null. */
    String lastId;

    Reply(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static Reply json(JsonNode node) {
        return new Reply(200, Json.bytes(node));
    }

    static Reply raw(byte[] json) {
        return new Reply(200, json);
    }

    /** 200 with an empty body (Okta's spec for lifecycle calls that return nothing). */
    static Reply emptyOk() {
        return new Reply(200, new byte[0]);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }

    static Reply page(List<byte[]> items, String nextCursor, String lastId) {
        Reply r = new Reply(200, Wire.array(items));
        r.paged = true;
        r.nextCursor = nextCursor;
        r.lastId = lastId;
        return r;
    }

    /** @return this reply's status and headers with an empty body (a fault) */
    Reply withoutBody() {
        Reply r = new Reply(status, new byte[0]);
        r.headers.addAll(headers);
        r.paged = paged;
        r.nextCursor = nextCursor;
        r.lastId = lastId;
        return r;
    }

    Reply header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }
}
