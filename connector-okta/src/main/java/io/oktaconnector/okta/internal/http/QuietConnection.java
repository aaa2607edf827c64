package io.oktaconnector.okta.internal.http;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * An HTTP/1.1 client connection that never logs. httpclient5's own connection writes every request header (the
 * {@code Authorization} line included) to the {@code org.apache.hc.client5.http.headers} logger and the raw bytes to
 * {@code org.apache.hc.client5.http.wire} as soon as a host turns those loggers to DEBUG; the token must appear in no
 * log line whatever the host's logging configuration, so our pool uses this connection instead.
 *
 * <p>It is also where a hostile server's answer is bounded: every byte read goes through a stream that keeps the
 * {@link AttemptLimits} of the attempt on the calling thread (a deadline for the whole answer, however slowly it
 * trickles), and a status line or header longer than {@link #MAX_LINE} characters, or more than {@link #MAX_HEADERS}
 * headers, is refused instead of held.
 */
final class QuietConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

    /** Creates quiet connections for the pool. */
    static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
        QuietConnection c = new QuietConnection();
        if (socket != null) {
            c.bind(socket);
        }
        return c;
    };

    /** The longest status line or header line accepted, in characters. */
    static final int MAX_LINE = 64 * 1024;
    /** The most headers one answer may have. */
    static final int MAX_HEADERS = 500;

    private volatile Timeout socketTimeout;
    /** The attempt reading from this connection, until it goes back to the pool; guarded by {@code this}. */
    private AttemptLimits reader;

    private QuietConnection() {
        super(Http1Config.custom().setMaxLineLength(MAX_LINE).setMaxHeaderCount(MAX_HEADERS).build(),
                null, null, null, null, null, null);
    }

    @Override
    public void bind(Socket socket) throws IOException {
        super.bind(new SocketHolder(socket) {
            @Override
            protected InputStream getInputStream(Socket s) throws IOException {
                return new LimitedInput(s.getInputStream(), s, QuietConnection.this);
            }
        });
        socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
    }

    @Override
    public Socket getSocket() {
        var holder = getSocketHolder();
        return holder == null ? null : holder.getSocket();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        super.setSocketTimeout(timeout);
        socketTimeout = timeout;
    }

    @Override
    public void passivate() {
        synchronized (this) {
            reader = null; // back in the pool: no attempt's cancellation may close it now
        }
        super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    /** @param attempt the attempt that reads from this connection now */
    synchronized void claim(AttemptLimits attempt) {
        reader = attempt;
    }

    /** Closes this connection at once if {@code attempt} still reads from it (a blocked read then fails). */
    synchronized void cancel(AttemptLimits attempt) {
        if (reader == attempt) {
            close(CloseMode.IMMEDIATE);
        }
    }

    @Override
    public void activate() {
        super.setSocketTimeout(socketTimeout);
    }

    /**
     * The socket's input as the attempt on the reading thread may see it: nothing after its deadline, and no read
     * blocked past it (the socket timeout is lowered to the time left for that read). Outside an attempt (none set on
     * the thread) it is the plain socket stream.
     */
    private static final class LimitedInput extends FilterInputStream {
        private final Socket socket;
        private final QuietConnection connection;

        LimitedInput(InputStream in, Socket socket, QuietConnection connection) {
            super(in);
            this.socket = socket;
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            AttemptLimits limits = AttemptLimits.current();
            if (limits == null) {
                return in.read(b, off, len);
            }
            connection.claim(limits);
            limits.reading(connection);
            long leftMillis = Math.max(1, (limits.left() + 999_999) / 1_000_000);
            int timeout = socket.getSoTimeout();
            if (timeout != 0 && timeout <= leftMillis) {
                return in.read(b, off, len); // the read timeout ends this read before the deadline does
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            try {
                return in.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw limits.exceeded(e);
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(timeout);
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // through read(), so that a skip obeys the deadline too
            byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }
}
