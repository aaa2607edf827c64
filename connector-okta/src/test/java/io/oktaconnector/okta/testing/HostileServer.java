package io.oktaconnector.okta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A hostile Okta on 127.0.0.1: a raw-socket HTTP/1.1 server in front of a real one (the simulator). It forwards every
 * request unchanged (its own origin written into {@code Link} headers), except those a rule picks, which it answers
 * the way a broken or malicious server or proxy would:
 * <ul>
 *   <li>{@link #trickleHeaders}: the whole answer, status line and headers included, one byte per interval;</li>
 *   <li>{@link #trickleBody}: the headers at once, then the body one byte per interval;</li>
 *   <li>{@link #everNewCursor}: the first page again and again, each time with a new {@code after} cursor;</li>
 *   <li>{@link #endlessList}: page after page of objects never seen before, never ending;</li>
 *   <li>{@link #duplicateIds}: later pages carry a copy of the first page's first object (same id);</li>
 *   <li>{@link #oversizedPage}: a page of far more objects than the {@code limit} asked for, streamed (never held
 *       here), of any size;</li>
 *   <li>{@link #echoBody}: {@code 400 E0000001} whose {@code errorCauses} quote the request's body, passwords
 *       included, as a careless server or proxy does.</li>
 * </ul>
 * The raw socket is needed for the trickles: an HTTP server library writes a status line and headers in one go.
 * Each connection carries one exchange ({@code Connection: close}). Threads are named {@code hostile-server-*}.
 */
public final class HostileServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "date");

    /** One request as received; header names lower case. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {
        /** @return the path, without the query */
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** @param name a query parameter @return its decoded value, or {@code null} */
        public String query(String name) {
            int q = target.indexOf('?');
            if (q < 0) {
                return null;
            }
            for (String part : target.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                if (k.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** @return the target with the query parameter {@code name} removed */
        public String without(String name) {
            int q = target.indexOf('?');
            if (q < 0) {
                return target;
            }
            List<String> kept = new ArrayList<>();
            for (String part : target.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                if (!URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    kept.add(part);
                }
            }
            return path() + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }

        /** @return the body as UTF-8 text */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A whole answer: status, headers (name, value) in order, body. */
    public record Answer(int status, List<String[]> headers, byte[] body) {
        /** @param name a header name @return its first value, or {@code null} */
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        /** @return this answer with every header {@code name} replaced by one with {@code value} */
        public Answer withHeader(String name, String value) {
            List<String[]> hs = new ArrayList<>();
            for (String[] h : headers) {
                if (!h[0].equalsIgnoreCase(name)) {
                    hs.add(h);
                }
            }
            if (value != null) {
                hs.add(new String[] {name, value});
            }
            return new Answer(status, hs, body);
        }

        /** @return this answer with another body */
        public Answer withBody(byte[] newBody) {
            return new Answer(status, headers, newBody);
        }
    }

    /** How a picked request is answered. */
    @FunctionalInterface
    public interface Play {
        /**
         * @param request the request
         * @param out     forwards to the real server and writes the answer
         */
        void serve(Request request, Responder out) throws IOException, InterruptedException;
    }

    /** Forwarding and writing, for a {@link Play}. */
    public interface Responder {
        /** @return the real server's answer to {@code request} (its {@code Link}s pointing here) */
        Answer upstream(Request request) throws IOException, InterruptedException;

        /** Writes the answer at once. */
        void send(Answer answer) throws IOException;

        /**
         * Writes the answer one byte per {@code interval}: all of it, or only the body.
         *
         * @param headersToo whether the status line and headers trickle too
         */
        void trickle(Answer answer, boolean headersToo, Duration interval) throws IOException, InterruptedException;

        /** @return the raw stream, for a play that writes its own bytes (it must write a whole HTTP answer) */
        OutputStream raw();

        /** @return this server's base URL, for links a play writes */
        String baseUrl();
    }

    private final String upstream;
    /** One client for every server: its selector thread lives on, so it is not taken for a thread a run left. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "hostile-server-client");
                t.setDaemon(true);
                return t;
            })).build();
    private final ServerSocket socket;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private record Rule(Predicate<Request> when, Play play) {
    }

    /**
     * @param upstream the real server's base URL (the simulator's), to which unpicked requests go
     */
    public HostileServer(String upstream) throws IOException {
        this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-server-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /** @return {@code http://127.0.0.1:port}, the {@code Server} to configure */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * Answers the requests {@code when} picks with {@code play}; the first matching rule wins.
     *
     * @return this
     */
    public HostileServer on(Predicate<Request> when, Play play) {
        rules.add(new Rule(when, play));
        return this;
    }

    /** @return a rule's predicate: a GET of exactly {@code path} (no query considered) */
    public static Predicate<Request> get(String path) {
        return r -> r.method().equals("GET") && r.path().equals(path);
    }

    /** @return a rule's predicate: a GET whose path matches the regular expression */
    public static Predicate<Request> getMatching(String pathRegex) {
        return r -> r.method().equals("GET") && r.path().matches(pathRegex);
    }

    /** @return {@code METHOD target} of every request received, in order */
    public List<String> requests() {
        return List.copyOf(log);
    }

    /** @return body and header bytes written to clients so far */
    public long bytesSent() {
        return bytesSent.get();
    }

    // ---------------------------------------------------------------- plays

    /** @return the whole answer (status line, headers, body) one byte per {@code interval} */
    public static Play trickleHeaders(Duration interval) {
        return (req, out) -> out.trickle(out.upstream(req), true, interval);
    }

    /** @return the headers at once, then the body one byte per {@code interval} */
    public static Play trickleBody(Duration interval) {
        return (req, out) -> out.trickle(out.upstream(req), false, interval);
    }

    /**
     * @return the first page of the list, whatever the cursor asked for, linking on to a cursor never seen before
     */
    public static Play everNewCursor() {
        AtomicLong n = new AtomicLong();
        return (req, out) -> {
            Answer first = out.upstream(new Request(req.method(), req.without("after"), req.headers(), req.body()));
            String limit = req.query("limit");
            String next = "<" + out.baseUrl() + (req.path() + "?" + (limit == null ? "" : "limit=" + limit + "&")
                    + "after=fresh" + n.incrementAndGet()) + ">; rel=\"next\"";
            out.send(first.withHeader("Link", next));
        };
    }

    /**
     * @return a list that never ends: each page {@code limit} objects never sent before (ids {@code 00uendless…}),
     *         linking on to a new cursor
     */
    public static Play endlessList() {
        AtomicLong n = new AtomicLong();
        return (req, out) -> {
            int limit = req.query("limit") == null ? 20 : Integer.parseInt(req.query("limit"));
            ArrayNode page = JSON.createArrayNode();
            for (int i = 0; i < limit; i++) {
                long k = n.incrementAndGet();
                page.addObject().put("id", String.format(Locale.ROOT, "00uendless%010d", k)).put("status", "ACTIVE")
                        .putObject("profile").put("login", "endless" + k + "@example.com");
            }
            String next = "<" + out.baseUrl() + req.path() + "?limit=" + limit + "&after=endless" + n.get()
                    + ">; rel=\"next\"";
            out.send(new Answer(200, List.of(new String[] {"Content-Type", "application/json"},
                    new String[] {"Link", next}), JSON.writeValueAsBytes(page)));
        };
    }

    /**
     * @return pages after the first carry, besides their own objects, a copy of the first page's first object (same
     *         id), where the page has room for it below {@code limit}
     */
    public static Play duplicateIds() {
        java.util.concurrent.ConcurrentHashMap<String, JsonNode> firsts = new java.util.concurrent.ConcurrentHashMap<>();
        return (req, out) -> {
            Answer a = out.upstream(req);
            if (a.status() != 200) {
                out.send(a);
                return;
            }
            ArrayNode page = (ArrayNode) JSON.readTree(a.body());
            if (req.query("after") == null) {
                if (!page.isEmpty()) {
                    firsts.put(req.path(), page.get(0).deepCopy());
                }
            } else {
                String limit = req.query("limit");
                JsonNode dup = firsts.get(req.path());
                if (dup != null && (limit == null || page.size() < Integer.parseInt(limit))) {
                    page.add(dup.deepCopy());
                }
            }
            out.send(a.withBody(JSON.writeValueAsBytes(page)));
        };
    }

    /**
     * @param objects      objects in the page
     * @param bytesPerItem about how large each object is (a padding attribute fills it)
     * @return one page of {@code objects} valid user objects, streamed chunk by chunk, with no next link
     */
    public static Play oversizedPage(long objects, int bytesPerItem) {
        return (req, out) -> {
            OutputStream raw = out.raw();
            raw.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String pad = "x".repeat(Math.max(0, bytesPerItem - 200));
            StringBuilder chunk = new StringBuilder("[");
            for (long i = 0; i < objects; i++) {
                chunk.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"id\":\"00uhostile%011d\","
                        + "\"status\":\"ACTIVE\",\"created\":\"2024-01-01T00:00:00.000Z\",\"profile\":{\"login\":"
                        + "\"u%d@example.com\",\"firstName\":\"F\",\"lastName\":\"L\",\"email\":\"u%d@example.com\","
                        + "\"pad\":\"%s\"}}", i, i, i, pad));
                if (chunk.length() >= 64 * 1024 || i == objects - 1) {
                    if (i == objects - 1) {
                        chunk.append(']');
                    }
                    writeChunk(raw, chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
            }
            raw.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            raw.flush();
        };
    }

    /**
     * @return {@code 400 E0000001} whose summary and causes quote the request body (what a careless server or proxy
     *         does with a body it refuses)
     */
    public static Play echoBody() {
        return (req, out) -> {
            String quoted;
            try {
                quoted = JSON.readTree(req.body()).toString(); // compact, on one line, as a server quotes it
            } catch (IOException e) {
                quoted = req.bodyText();
            }
            ObjectNode err = JSON.createObjectNode();
            err.put("errorCode", "E0000001");
            err.put("errorSummary", "Api validation failed: " + quoted);
            err.put("errorId", "oaeEcho");
            err.putArray("errorCauses").addObject().put("errorSummary", "could not process the body " + quoted);
            out.send(new Answer(400, List.of(new String[] {"Content-Type", "application/json"},
                    new String[] {"X-Okta-Request-Id", "echo-" + System.nanoTime()}), JSON.writeValueAsBytes(err)));
        };
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------- server

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            Thread t = new Thread(() -> serve(s), "hostile-server-" + connections.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            Request req = read(in);
            if (req == null) {
                return;
            }
            log.add(req.method() + " " + req.target());
            Responder out = new SocketResponder(s.getOutputStream());
            for (Rule r : rules) {
                if (r.when().test(req)) {
                    r.play().serve(req, out);
                    return;
                }
            }
            out.send(out.upstream(req));
        } catch (SocketException e) {
            // the client gave up (it cut a trickle short, or refused a page): that is the point
        } catch (IOException e) {
            // likewise a broken pipe
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(s);
        }
    }

    private static Request read(InputStream in) throws IOException {
        String line = line(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                b.write(in.readNBytes(n));
                line(in);
            }
            line(in);
            body = b.toByteArray();
        } else {
            String length = headers.get("content-length");
            body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        }
        return new Request(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private final class SocketResponder implements Responder {
        private final OutputStream out;

        SocketResponder(OutputStream out) {
            this.out = new CountingStream(out);
        }

        @Override
        public Answer upstream(Request request) throws IOException, InterruptedException {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstream + request.target()))
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach((name, value) -> {
                if (!HOP_BY_HOP.contains(name)) {
                    rb.header(name, value);
                }
            });
            HttpResponse<byte[]> r = CLIENT.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            List<String[]> headers = new ArrayList<>();
            r.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(lower) && !lower.startsWith(":")) {
                    for (String v : values) {
                        headers.add(new String[] {name, lower.equals("link") ? v.replace(upstream, baseUrl()) : v});
                    }
                }
            });
            return new Answer(r.statusCode(), headers, r.body());
        }

        @Override
        public String baseUrl() {
            return HostileServer.this.baseUrl();
        }

        @Override
        public void send(Answer answer) throws IOException {
            out.write(head(answer));
            out.write(answer.body());
            out.flush();
        }

        @Override
        public void trickle(Answer answer, boolean headersToo, Duration interval)
                throws IOException, InterruptedException {
            byte[] head = head(answer);
            if (!headersToo) {
                out.write(head);
                out.flush();
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            if (headersToo) {
                all.write(head);
            }
            all.write(answer.body());
            for (byte b : all.toByteArray()) {
                if (closed) {
                    return;
                }
                out.write(b);
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        }

        @Override
        public OutputStream raw() {
            return out;
        }

        private byte[] head(Answer a) {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(a.status()).append(' ')
                    .append(a.status() == 200 ? "OK" : "Status").append("\r\n");
            for (String[] h : a.headers()) {
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            sb.append("Content-Length: ").append(a.body().length).append("\r\nConnection: close\r\n\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Counts what is written to clients. */
    private final class CountingStream extends java.io.FilterOutputStream {
        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytesSent.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytesSent.addAndGet(len);
        }
    }

    /** Stops accepting, cuts every open connection and waits for the server's threads. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
