package io.oktaconnector.simulator.internal;

import java.util.List;

/** An Okta error answer raised inside a handler: HTTP status, Okta error code, summary and causes. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final List<String> causes;

    public ApiError(int status, String code, String summary, String... causes) {
        super(summary, null, false, false);
        this.status = status;
        this.code = code;
        this.causes = List.of(causes);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> causes() {
        return causes;
    }

    public static ApiError notFound(String what, String kind) {
        return new ApiError(404, "E0000007", "Not found: Resource not found: " + what + " (" + kind + ")");
    }

    public static ApiError validation(String field, String cause) {
        return new ApiError(400, "E0000001", "Api validation failed: " + field, field + ": " + cause);
    }

    public static ApiError badSearch() {
        return new ApiError(400, "E0000031", "Invalid search criteria.");
    }

    public static ApiError malformed() {
        return new ApiError(400, "E0000003", "The request body was not well-formed.");
    }
}
