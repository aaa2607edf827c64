package io.oktaconnector.simulator.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server: one thread per connection, keep-alive, Content-Length and chunked
 * request bodies. Written instead of using the JDK HttpServer because the simulator must control
 * the exact letter case of header names (the JDK server rewrites them) and the transport itself
 * (resets, truncated bodies). TCP_NODELAY is on for every connection.
 */
public final class HttpCore implements Closeable {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int IDLE_MILLIS = 120_000;

    private final ServerSocket server;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Function<HttpRequest, HttpResponse> handler;
    private final Thread acceptor;
    private volatile boolean closed;

    public HttpCore(int port, int maxThreads, Function<HttpRequest, HttpResponse> handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(16, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "okta-sim-conn-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "okta-sim-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                s.setTcpNoDelay(true);
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (RejectedExecutionException | IOException e) {
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            OutputStream out = s.getOutputStream();
            while (!closed) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                    writeSimple(out, 400, "bad request line");
                    return;
                }
                List<String[]> headers = new ArrayList<>();
                String line;
                while ((line = readLine(in)) != null && !line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon <= 0 || headers.size() > MAX_HEADERS) {
                        writeSimple(out, 400, "bad header");
                        return;
                    }
                    headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
                }
                if (line == null) {
                    return;
                }
                String method = parts[0];
                boolean http10 = parts[2].equals("HTTP/1.0");
                String te = find(headers, "Transfer-Encoding");
                String cl = find(headers, "Content-Length");
                if ("100-continue".equalsIgnoreCase(find(headers, "Expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body;
                if (te != null && te.toLowerCase().contains("chunked")) {
                    body = readChunked(in);
                } else if (cl != null) {
                    int len;
                    try {
                        len = Integer.parseInt(cl);
                    } catch (NumberFormatException e) {
                        writeSimple(out, 400, "bad content-length");
                        return;
                    }
                    body = in.readNBytes(len);
                    if (body.length != len) {
                        return;
                    }
                } else {
                    body = null;
                }
                // Okta refuses a PUT/POST without Content-Length with 411; the handler decides
                boolean lengthMissing = body == null && (method.equals("POST") || method.equals("PUT"));
                HttpRequest req = new HttpRequest(method, parts[1], headers, body == null ? new byte[0] : body,
                        lengthMissing);
                HttpResponse resp = handler.apply(req);
                String conn = find(headers, "Connection");
                boolean keepAlive = http10 ? "keep-alive".equalsIgnoreCase(conn) : !"close".equalsIgnoreCase(conn);
                if (!write(s, out, resp, method.equals("HEAD"))) {
                    return;
                }
                if (!keepAlive) {
                    return;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle keep-alive connection or client went away
        } catch (IOException e) {
            // broken connection: nothing to answer
        } finally {
            open.remove(s);
        }
    }

    /** Writes a response; false when the connection must end. */
    private static boolean write(Socket s, OutputStream out, HttpResponse r, boolean head) throws IOException {
        if (r.action == HttpResponse.Action.RESET_BEFORE) {
            reset(s);
            return false;
        }
        StringBuilder sb = new StringBuilder(512);
        sb.append("HTTP/1.1 ").append(r.status).append(' ').append(HttpResponse.reason(r.status)).append("\r\n");
        for (String[] h : r.headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        sb.append("\r\n");
        byte[] headBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = head ? new byte[0] : r.body;
        if (r.action == HttpResponse.Action.TRUNCATE) {
            out.write(headBytes);
            out.write(body, 0, body.length / 2);
            out.flush();
            reset(s);
            return false;
        }
        if (body.length > 0 && body.length < 64 * 1024) {
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            out.write(all);
        } else {
            out.write(headBytes);
            out.write(body);
        }
        out.flush();
        if (r.action == HttpResponse.Action.RESET_AFTER) {
            reset(s);
            return false;
        }
        return true;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void writeSimple(OutputStream out, int status, String msg) throws IOException {
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + HttpResponse.reason(status) + "\r\nContent-Length: " + b.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
    }

    private static String find(List<String[]> headers, String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] b = buf.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.UTF_8);
            }
            buf.write(c);
            if (buf.size() > MAX_LINE) {
                throw new IOException("line too long");
            }
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("eof in chunked body");
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                String l;
                while ((l = readLine(in)) != null && !l.isEmpty()) {
                    // trailers ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            body.write(chunk);
            readLine(in);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // ignore
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
        try {
            acceptor.join(2000);
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
