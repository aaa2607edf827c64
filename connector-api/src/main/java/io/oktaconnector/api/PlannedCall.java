package io.oktaconnector.api;

import java.util.Objects;

/**
 * One operation a fulfill run would send, as shown by a dry run.
 *
 * @param assignmentId the order it belongs to, never {@code null}
 * @param method       the operation's verb (HTTP method for Okta), never {@code null}
 * @param target       what it acts on (a path for Okta), never {@code null}
 * @param body         the payload with every secret masked, never {@code null} (empty when none)
 * @since 0.1
 */
public record PlannedCall(String assignmentId, String method, String target, String body) {
    /**
     * Checks the components (see the type's description).
     *
     * @param assignmentId the order it belongs to, never {@code null}
     * @param method       the operation's verb (HTTP method for Okta), never {@code null}
     * @param target       what it acts on (a path for Okta), never {@code null}
     * @param body         the payload with every secret masked, never {@code null} (empty when none)
     */
    public PlannedCall {
        Objects.requireNonNull(assignmentId, "assignmentId == null");
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(target, "target == null");
        Objects.requireNonNull(body, "body == null");
    }
}
