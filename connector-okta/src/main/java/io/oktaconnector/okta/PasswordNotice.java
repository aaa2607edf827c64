package io.oktaconnector.okta;

import io.oktaconnector.api.Secret;

import java.util.Objects;

/**
 * A password the connector has set in Okta, for a {@link PasswordNotifier}. {@code toString()} hides the password.
 *
 * @param connectionId the connection that set it, never {@code null}
 * @param assignmentId the provisioning order's {@code AssignedResourceTypeId}, never {@code null}
 * @param userId       the Okta user id ({@code 00u…}), never {@code null}
 * @param login        the user's {@code profile.login}, never {@code null}
 * @param password     the password, never {@code null}
 * @param mustChange   whether Okta will ask the user for a new password at the next sign-in
 * @since 0.1
 */
public record PasswordNotice(String connectionId, String assignmentId, String userId, String login, Secret password,
                             boolean mustChange) {
    /**
     * Checks the components (see the type's description).
     *
     * @param connectionId the connection that set it, never {@code null}
     * @param assignmentId the provisioning order's {@code AssignedResourceTypeId}, never {@code null}
     * @param userId       the Okta user id ({@code 00u…}), never {@code null}
     * @param login        the user's {@code profile.login}, never {@code null}
     * @param password     the password, never {@code null}
     * @param mustChange   whether Okta will ask the user for a new password at the next sign-in
     */
    public PasswordNotice {
        Objects.requireNonNull(connectionId, "connectionId == null");
        Objects.requireNonNull(assignmentId, "assignmentId == null");
        Objects.requireNonNull(userId, "userId == null");
        Objects.requireNonNull(login, "login == null");
        Objects.requireNonNull(password, "password == null");
    }
}
