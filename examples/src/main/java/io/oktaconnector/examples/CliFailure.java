package io.oktaconnector.examples;

/**
 * A failure of the command line itself (not of the connector), reported as {@code error: <message>} with exit code 1
 * instead of as an internal error.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
