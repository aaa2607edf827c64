package io.oktaconnector.api;

/**
 * What went wrong, in terms a host can act on. The code, not the message, is what callers branch on.
 *
 * @since 0.1
 */
public enum ErrorCode {
    /** A settings value is missing or malformed; fix the configuration. */
    INVALID_SETTINGS(false),
    /** The entity mapping cannot be read or names something unknown. */
    INVALID_MAPPING(false),
    /** A provisioning order is malformed (unknown change type, missing resource id, wrong value types). */
    INVALID_ORDER(false),
    /** The target refused the credentials (HTTP 401, a bad or expired token, a failed OAuth grant). */
    AUTHENTICATION(false),
    /** The credentials are valid but lack a permission or a scope (HTTP 403 on a read or a write). */
    PERMISSION_DENIED(false),
    /** The object does not exist (HTTP 404). */
    NOT_FOUND(false),
    /** The object to create exists already (a duplicate login, group name, …). */
    ALREADY_EXISTS(false),
    /** The target refused the change in the object's current state (a lifecycle rule, an app still active, …). */
    REJECTED(false),
    /** The target's rate limit is exhausted and the wait would pass the deadline. */
    RATE_LIMITED(true),
    /** The target or the network failed transiently (5xx, connection reset, refused connection). */
    UNAVAILABLE(true),
    /** A deadline passed before the operation completed. */
    TIMEOUT(true),
    /** A write may or may not have been applied (the connection dropped after the request was sent). */
    OUTCOME_UNKNOWN(false),
    /** The target answered something that breaks its protocol (malformed JSON, a foreign or repeating page link). */
    PROTOCOL(false),
    /** A local file could not be read or written. */
    IO(false),
    /** A defect in the connector itself. */
    INTERNAL(false);

    private final boolean retriable;

    ErrorCode(boolean retriable) {
        this.retriable = retriable;
    }

    /**
     * Whether repeating the same operation later may succeed without any change on the host's side.
     *
     * @return {@code true} for transient failures
     */
    public boolean isRetriable() {
        return retriable;
    }
}
