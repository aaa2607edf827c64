package io.oktaconnector.simulator.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A parsed HTTP/1.1 request. */
public final class HttpRequest {
    /** A query parameter, decoded, in request order. */
    public record Param(String name, String value) {
    }

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<String[]> headers;
    private final byte[] body;
    private final Map<String, List<String>> headerMap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Param> params = new ArrayList<>();

    private final boolean lengthMissing;

    HttpRequest(String method, String target, List<String[]> headers, byte[] body, boolean lengthMissing) {
        this.method = method;
        this.lengthMissing = lengthMissing;
        int q = target.indexOf('?');
        this.rawPath = q < 0 ? target : target.substring(0, q);
        this.rawQuery = q < 0 ? "" : target.substring(q + 1);
        this.headers = headers;
        this.body = body;
        for (String[] h : headers) {
            headerMap.computeIfAbsent(h[0], k -> new ArrayList<>(1)).add(h[1]);
        }
        if (!rawQuery.isEmpty()) {
            for (String part : rawQuery.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String k = eq < 0 ? part : part.substring(0, eq);
                String v = eq < 0 ? "" : part.substring(eq + 1);
                params.add(new Param(decode(k), decode(v)));
            }
        }
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public List<String[]> headers() {
        return headers;
    }

    public Map<String, List<String>> headerMap() {
        return headerMap;
    }

    public String header(String name) {
        List<String> v = headerMap.get(name);
        return v == null ? null : v.get(0);
    }

    /** A POST or PUT that came without Content-Length (Okta answers 411). */
    public boolean lengthMissing() {
        return lengthMissing;
    }

    public byte[] body() {
        return body;
    }

    public List<Param> params() {
        return params;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }
}
