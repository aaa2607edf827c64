package io.oktaconnector.okta.internal.http;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.Socket;

/**
 * An HTTP/1.1 client connection that never logs. httpclient5's own connection writes every request header (the
 * {@code Authorization} line included) to the {@code org.apache.hc.client5.http.headers} logger and the raw bytes to
 * {@code org.apache.hc.client5.http.wire} as soon as a host turns those loggers to DEBUG; the token must appear in no
 * log line whatever the host's logging configuration, so our pool uses this connection instead.
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

    private volatile Timeout socketTimeout;

    private QuietConnection() {
        super(Http1Config.DEFAULT, null, null, null, null, null, null);
    }

    @Override
    public void bind(Socket socket) throws IOException {
        super.bind(socket);
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
        super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    @Override
    public void activate() {
        super.setSocketTimeout(socketTimeout);
    }
}
