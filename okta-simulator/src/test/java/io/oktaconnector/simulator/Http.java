package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny JDK HttpClient wrapper for tests. */
final class Http {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String token;

    Http(OktaSimulator sim) {
        this(sim.baseUrl(), sim.token());
    }

    Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String method, String pathOrUrl, String body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "SSWS " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else if (method.equals("POST") || method.equals("PUT")) {
            b.method(method, HttpRequest.BodyPublishers.ofString(""));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String next(HttpResponse<String> r) {
        List<String> links = r.headers().allValues("link");
        for (String l : links) {
            Matcher m = NEXT.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
