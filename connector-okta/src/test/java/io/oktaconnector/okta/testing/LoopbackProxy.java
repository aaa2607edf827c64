package io.oktaconnector.okta.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forwarding HTTP proxy on 127.0.0.1 for plain-HTTP targets (absolute-form request lines, as clients send them to
 * a proxy), with optional Basic proxy authentication: 407 until the right {@code Proxy-Authorization} comes. It
 * records every request it forwards and never passes {@code Proxy-Authorization} on.
 */
public final class LoopbackProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
            "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String expectedAuthorization;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final AtomicInteger challenged = new AtomicInteger();

    /**
     * @param username the required proxy user, or {@code null} for an open proxy
     * @param password its password
     */
    public LoopbackProxy(String username, String password) throws IOException {
        expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the proxy's port on 127.0.0.1 */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return {@code METHOD absolute-uri} of every forwarded request */
    public List<String> forwarded() {
        return forwarded;
    }

    /** @return how many requests were answered 407 */
    public int challenged() {
        return challenged.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI target = ex.getRequestURI();
            if (target.getScheme() == null) {
                send(ex, 400, "not a proxy request");
                return;
            }
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                challenged.incrementAndGet();
                ex.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"loopback\"");
                send(ex, 407, "proxy authentication required");
                return;
            }
            forwarded.add(ex.getRequestMethod() + " " + target);
            HttpRequest.Builder rb = HttpRequest.newBuilder(target).method(ex.getRequestMethod(),
                    HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> rb.header(name, v));
                }
            });
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(lower) && !lower.equals("date") && !lower.startsWith(":")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            byte[] body = r.body();
            ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
