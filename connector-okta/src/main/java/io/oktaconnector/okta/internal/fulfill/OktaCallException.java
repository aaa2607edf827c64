package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.util.List;
import java.util.Locale;

/**
 * Okta answered a request with an error. Carries what a person needs (Okta's {@code errorSummary}, causes and
 * {@code X-Okta-Request-Id}) and what code needs ({@code errorCode}, HTTP status); never a secret.
 */
public final class OktaCallException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String oktaCode;
    private final String summary;
    private final List<String> causes;
    private final String requestId;

    /**
     * @param code       our code for it
     * @param httpStatus the HTTP status
     * @param oktaCode   Okta's {@code errorCode}, e.g. {@code E0000001}; may be {@code null}
     * @param summary    Okta's {@code errorSummary}; may be {@code null}
     * @param causes     the {@code errorSummary} of each {@code errorCauses} element
     * @param requestId  the {@code X-Okta-Request-Id} header; may be {@code null}
     * @param request    what was sent, e.g. {@code POST /api/v1/users}, for the message
     */
    public OktaCallException(ErrorCode code, int httpStatus, String oktaCode, String summary, List<String> causes,
                             String requestId, String request) {
        super(code, message(httpStatus, oktaCode, summary, causes, requestId, request));
        this.httpStatus = httpStatus;
        this.oktaCode = oktaCode;
        this.summary = summary;
        this.causes = List.copyOf(causes);
        this.requestId = requestId;
    }

    private static String message(int httpStatus, String oktaCode, String summary, List<String> causes,
                                  String requestId, String request) {
        StringBuilder m = new StringBuilder();
        m.append(summary == null || summary.isBlank() ? "HTTP " + httpStatus : summary.strip());
        if (!causes.isEmpty()) {
            m.append(" (").append(String.join("; ", causes)).append(')');
        }
        m.append(" [").append(oktaCode == null ? "HTTP " + httpStatus : oktaCode + ", HTTP " + httpStatus);
        if (request != null) {
            m.append(", ").append(request);
        }
        if (requestId != null && !requestId.isBlank()) {
            m.append(", X-Okta-Request-Id ").append(requestId);
        }
        return m.append(']').toString();
    }

    /** @return the HTTP status */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return Okta's {@code errorCode}, or {@code null} */
    public String oktaCode() {
        return oktaCode;
    }

    /** @return Okta's {@code errorSummary}, or {@code null} */
    public String summary() {
        return summary;
    }

    /** @return the causes' summaries */
    public List<String> causes() {
        return causes;
    }

    /** @return the request id, or {@code null} */
    public String requestId() {
        return requestId;
    }

    /** @return whether Okta refused because a unique attribute (login, name) is taken */
    public boolean isDuplicate() {
        if (code() == ErrorCode.ALREADY_EXISTS) {
            return true;
        }
        return httpStatus == 400 && causes.stream()
                .anyMatch(c -> c.toLowerCase(Locale.ROOT).contains("already exists"));
    }
}
