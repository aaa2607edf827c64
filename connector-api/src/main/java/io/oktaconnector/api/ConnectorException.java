package io.oktaconnector.api;

import java.util.Objects;

/**
 * The one exception type of every connector operation. Unchecked, so the SPI stays free of {@code throws} clauses.
 *
 * <p>The message is meant for a person and names the key, the object or the request concerned; it never holds a
 * secret. Hosts branch on {@link #code()}.
 *
 * @since 0.1
 */
public class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong; never {@code null}. */
    private final ErrorCode code;

    /**
     * @param code    what went wrong, never {@code null}
     * @param message a message a person can act on, never {@code null}; must not contain secrets
     */
    public ConnectorException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param code    what went wrong, never {@code null}
     * @param message a message a person can act on, never {@code null}; must not contain secrets
     * @param cause   the underlying failure, may be {@code null}
     */
    public ConnectorException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message == null"), cause);
        this.code = Objects.requireNonNull(code, "code == null");
    }

    /** @return the error code, never {@code null} */
    public ErrorCode code() {
        return code;
    }

    /** @return whether the operation may succeed if simply repeated later */
    public boolean isRetriable() {
        return code.isRetriable();
    }
}
