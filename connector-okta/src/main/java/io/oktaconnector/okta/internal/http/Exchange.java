package io.oktaconnector.okta.internal.http;

/**
 * The outcome of one HTTP attempt.
 *
 * @param status  the HTTP status, or 0 when no response arrived (I/O failure)
 * @param info    the response's status and headers, or {@code null} when none arrived
 * @param body    the body of a success as read (a Jackson tree, or a {@link BodyReader}'s result), or {@code null}
 *                (204, an empty body, failure)
 * @param errorBody the raw body of an error response, or {@code null}
 * @param failure what went wrong, or {@code null} on success
 */
public record Exchange(int status, ResponseInfo info, Object body, String errorBody, RuntimeException failure) {

    /** @return whether the attempt succeeded */
    public boolean ok() {
        return failure == null;
    }

    /** @return whether the attempt got no usable response: an I/O or parse failure rather than an HTTP status */
    public boolean noResponse() {
        return failure != null && status == 0;
    }
}
