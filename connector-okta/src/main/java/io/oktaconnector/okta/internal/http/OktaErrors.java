package io.oktaconnector.okta.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where Okta's answers and the SDK's exceptions become {@link ConnectorException}s: by HTTP status and
 * Okta {@code errorCode}. Messages name the call and the server and carry Okta's {@code errorSummary}, its causes and
 * the {@code X-Okta-Request-Id}; they never carry a request header, hence never the token.
 */
public final class OktaErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 403s that are a refusal of the change in the object's state, not a missing permission. */
    private static final Set<String> STATE_REFUSALS = Set.of("E0000016", "E0000038", "E0000056", "E0000112");

    private OktaErrors() {
    }

    /**
     * Translates a failed exchange.
     *
     * @param call   the call
     * @param ex     its last, failed, attempt
     * @param server the configured org URL
     * @return the exception to throw
     */
    public static ConnectorException translate(Call call, Exchange ex, String server) {
        return translate(call, ex, server, false);
    }

    /**
     * Translates a failed exchange.
     *
     * @param call   the call
     * @param ex     its last, failed, attempt
     * @param server the configured org URL
     * @param oauth  whether the connector signs in with OAuth (ClientId and a private key) rather than an API token:
     *               a 401 then names those settings
     * @return the exception to throw
     */
    public static ConnectorException translate(Call call, Exchange ex, String server, boolean oauth) {
        String where = call + " on " + server;
        if (ex.status() == 0 || ex.status() / 100 == 2) {
            return noHttpAnswer(call, ex, server, where);
        }
        int status = ex.status();
        OktaError err = OktaError.parse(ex.errorBody());
        String detail = "HTTP " + status + err.describe() + requestId(ex);
        if (status / 100 == 3) {
            String location = ex.info() == null ? null : ex.info().first("Location");
            return new ConnectorException(ErrorCode.PROTOCOL, where + ": redirect refused (HTTP " + status
                    + (location == null ? "" : " to " + origin(location)) + "); check Server" + requestId(ex));
        }
        return switch (status) {
            case 401 -> new ConnectorException(ErrorCode.AUTHENTICATION, "Okta at " + server
                    + " refused the credentials (" + call + ": " + detail + "); "
                    + (oauth ? "check ClientId and PrivateKey/PrivateKeyPath (the key registered with the service app)"
                    : "check ApiKey"));
            case 403 -> STATE_REFUSALS.contains(err.code)
                    ? new ConnectorException(ErrorCode.REJECTED, where + ": " + detail)
                    : new ConnectorException(ErrorCode.PERMISSION_DENIED, where + ": permission denied, " + detail
                    + "; the token's admin role or the app's scopes do not allow this");
            case 404 -> new ConnectorException(ErrorCode.NOT_FOUND, where + ": not found, " + detail);
            case 409 -> new ConnectorException(err.code.equals("E0000112") ? ErrorCode.REJECTED : ErrorCode.ALREADY_EXISTS,
                    where + ": " + detail);
            case 429 -> new ConnectorException(ErrorCode.RATE_LIMITED, where + ": rate limit exhausted, " + detail);
            case 400 -> new ConnectorException(err.alreadyExists() ? ErrorCode.ALREADY_EXISTS : ErrorCode.REJECTED,
                    where + ": " + detail);
            // any 5xx to a write: a 500/502/504 may come after the change was applied (a proxy or a timeout in
            // Okta's stack), and even a 503 is not a promise that nothing happened; so the effect is unknown and
            // the fulfill layer looks the object up before it sends a create again (never two objects)
            default -> status >= 500
                    ? call.idempotentRead()
                    ? new ConnectorException(ErrorCode.UNAVAILABLE, where + ": Okta failed, " + detail)
                    : new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, where + ": Okta failed, " + detail
                    + "; the change may or may not have been applied")
                    : new ConnectorException(ErrorCode.REJECTED, where + ": " + detail);
        };
    }

    /**
     * Translates a failure that is not an HTTP exchange at all (a defect, a surprise from the SDK).
     *
     * @param call   the call, may be {@code null}
     * @param e      the failure
     * @param server the configured org URL
     * @return the exception to throw
     */
    public static ConnectorException unexpected(Call call, RuntimeException e, String server) {
        if (e instanceof ConnectorException ce) {
            return ce;
        }
        return new ConnectorException(ErrorCode.INTERNAL, (call == null ? "" : call + " on ") + server
                + ": unexpected failure: " + e.getClass().getName(), e);
    }

    /**
     * @param call   the call whose page it is
     * @param server the org URL
     * @param what   what is wrong with the page
     * @return a PROTOCOL exception
     */
    public static ConnectorException protocol(Call call, String server, String what) {
        return new ConnectorException(ErrorCode.PROTOCOL, call + " on " + server + ": " + what);
    }

    private static ConnectorException noHttpAnswer(Call call, Exchange ex, String server, String where) {
        Throwable f = ex.failure();
        String host = host(server);
        for (Throwable t = f; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AttemptLimits.Exceeded x) {
                // a trickled answer, or one still coming when the run's time was up: cut off, whatever came so far
                return new ConnectorException(call.idempotentRead() ? ErrorCode.TIMEOUT : ErrorCode.OUTCOME_UNKNOWN,
                        where + ": " + x.getMessage() + "; the request was cut off" + requestId(ex)
                                + (call.idempotentRead() ? "" : "; the change may or may not have been applied"), f);
            }
            if (t instanceof OktaApiClient.TooLarge || t instanceof BodyReader.Refused) {
                // a page far larger than asked for, or a body past MaxResponseMegabytes: refused, not read further
                return new ConnectorException(call.idempotentRead() ? ErrorCode.PROTOCOL : ErrorCode.OUTCOME_UNKNOWN,
                        where + ": " + t.getMessage() + "; refused" + requestId(ex)
                                + (call.idempotentRead() ? "" : "; the change may or may not have been applied"), f);
            }
            if (t instanceof JsonProcessingException) {
                // a write answered 2xx whose body cannot be read was applied, but we do not know what it made
                return new ConnectorException(call.idempotentRead() ? ErrorCode.PROTOCOL : ErrorCode.OUTCOME_UNKNOWN,
                        where + ": the answer is not valid JSON (" + jsonProblem((JsonProcessingException) t) + ")"
                        + requestId(ex)
                        + (call.idempotentRead() ? "" : "; the change may or may not have been applied"), f);
            }
            if (t instanceof UnknownHostException) {
                return new ConnectorException(ErrorCode.UNAVAILABLE, "cannot resolve host " + host
                        + " (Server " + server + "); check the Server setting and DNS", f);
            }
            if (t instanceof ConnectTimeoutException || t instanceof ConnectionRequestTimeoutException) {
                return new ConnectorException(ErrorCode.TIMEOUT, where + ": connecting to " + host + " timed out", f);
            }
            if (t instanceof ConnectException) {
                return new ConnectorException(ErrorCode.UNAVAILABLE, "connection to " + host + " refused (Server "
                        + server + "); is the org URL right and reachable?", f);
            }
            if (t instanceof SocketTimeoutException) {
                return new ConnectorException(call.idempotentRead() ? ErrorCode.TIMEOUT : ErrorCode.OUTCOME_UNKNOWN,
                        where + ": no answer within the read timeout"
                                + (call.idempotentRead() ? "" : "; the change may or may not have been applied"), f);
            }
            if (t instanceof SSLException && !(t instanceof SSLHandshakeException) && !call.idempotentRead()) {
                // TLS failing after the handshake may have cut the answer to a request Okta received
                return new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, where + ": TLS with " + host + " failed ("
                        + firstLine(t.getMessage()) + "); the change may or may not have been applied", f);
            }
            if (t instanceof SSLException) {
                return new ConnectorException(ErrorCode.UNAVAILABLE, where + ": TLS with " + host + " failed ("
                        + firstLine(t.getMessage()) + ")", f);
            }
        }
        boolean answered = ex.status() / 100 == 2 || (ex.info() != null && ex.info().status() / 100 == 2);
        if (answered && !call.idempotentRead()) {
            // a write answered 2xx whose body was cut short: it was applied, but we do not know what it made
            return new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, where + ": the answer was cut short ("
                    + (f == null ? "no body" : firstLine(f.getMessage())) + ")" + requestId(ex)
                    + "; the change may or may not have been applied", f);
        }
        // a read whose 2xx body a dropped connection cut off is a transport failure (retried, then UNAVAILABLE), not
        // a strange answer
        boolean dropped = false;
        for (Throwable t = f; t != null && !dropped; t = t.getCause() == t ? null : t.getCause()) {
            dropped = t instanceof SocketException || t instanceof org.apache.hc.core5.http.ConnectionClosedException
                    || t instanceof org.apache.hc.core5.http.NoHttpResponseException;
        }
        if (answered && !dropped) {
            return new ConnectorException(ErrorCode.PROTOCOL, where + ": unexpected answer ("
                    + (f == null ? "no body" : firstLine(f.getMessage())) + ")" + requestId(ex), f);
        }
        if (!call.idempotentRead()) {
            return new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, where + ": the connection failed ("
                    + rootName(f) + "); the change may or may not have been applied" + requestId(ex), f);
        }
        return new ConnectorException(ErrorCode.UNAVAILABLE, where + ": the connection failed (" + rootName(f) + ")"
                + requestId(ex), f);
    }

    // Jackson's own message quotes the offending token, i.e. a piece of Okta's answer (profile data, or whatever a
    // broken proxy sent): name only the kind of problem and where it is
    private static String jsonProblem(JsonProcessingException e) {
        String kind = e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "it ends early" : "unexpected content";
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? kind : kind + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String rootName(Throwable f) {
        Throwable t = f;
        while (t != null && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == null ? "no response" : t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
    }

    private static String requestId(Exchange ex) {
        String id = ex.info() == null ? null : ex.info().first("X-Okta-Request-Id");
        return id == null ? "" : " [X-Okta-Request-Id " + id + "]";
    }

    static String origin(String url) {
        try {
            URI u = URI.create(url.strip());
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "an unparseable URL";
        }
    }

    private static String host(String server) {
        try {
            URI u = URI.create(server);
            return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return server;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** Okta's error body: {@code errorCode}, {@code errorSummary}, {@code errorCauses[].errorSummary}. */
    private record OktaError(String code, String summary, List<String> causes) {

        static OktaError parse(String body) {
            if (body == null || body.isBlank()) {
                return new OktaError("", "", List.of());
            }
            try {
                JsonNode n = JSON.readTree(body);
                if (n == null || !n.isObject()) {
                    return new OktaError("", "", List.of());
                }
                List<String> causes = new ArrayList<>();
                for (JsonNode c : n.path("errorCauses")) {
                    String s = c.path("errorSummary").asText("");
                    if (!s.isBlank()) {
                        causes.add(s);
                    }
                }
                return new OktaError(n.path("errorCode").asText(""), n.path("errorSummary").asText(""), causes);
            } catch (JsonProcessingException e) {
                return new OktaError("", "", List.of());
            }
        }

        boolean alreadyExists() {
            return causes.stream().anyMatch(c -> c.toLowerCase(java.util.Locale.ROOT).contains("already exists"))
                    || summary.toLowerCase(java.util.Locale.ROOT).contains("already exists");
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            if (!code.isEmpty()) {
                sb.append(' ').append(code);
            }
            if (!summary.isEmpty()) {
                sb.append(' ').append(firstLine(summary));
            }
            if (!causes.isEmpty()) {
                sb.append(" (causes: ");
                for (int i = 0; i < causes.size(); i++) {
                    sb.append(i == 0 ? "" : "; ").append(firstLine(causes.get(i)));
                }
                sb.append(')');
            }
            return sb.toString();
        }
    }
}
