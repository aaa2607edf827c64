package io.oktaconnector.okta.internal.http;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Captures each response's status and headers for the calling thread. The classic HttpClient runs response
 * interceptors on the thread that executes the request, once per exchange, for every status (204 and errors
 * included), so a reader on the same thread right after the call sees exactly that call's response. The SDK's own
 * per-thread maps are unusable (case-sensitive, not updated on 204, never cleaned).
 */
final class ResponseCapture implements HttpResponseInterceptor {

    private static final ThreadLocal<ResponseInfo> LAST = new ThreadLocal<>();

    static void clear() {
        LAST.remove();
    }

    /** @return the last response received by this thread since {@link #clear()}, or {@code null} */
    static ResponseInfo last() {
        return LAST.get();
    }

    @Override
    public void process(HttpResponse response, EntityDetails entity, HttpContext context) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        LAST.set(new ResponseInfo(response.getCode(), headers));
    }
}
