package io.oktaconnector.api;

import java.util.Objects;

/**
 * One problem found by offline validation.
 *
 * @param key     the settings key, mapping element or order field concerned (e.g. {@code Connections.Okta.Server}),
 *                never {@code null}
 * @param message what is wrong and how to fix it, never {@code null}, never containing a secret
 * @since 0.1
 */
public record Problem(String key, String message) {
    /**
     * Checks the components (see the type's description).
     *
     * @param key     the settings key, mapping element or order field concerned (e.g. {@code
     *                Connections.Okta.Server}), never {@code null}
     * @param message what is wrong and how to fix it, never {@code null}, never containing a secret
     */
    public Problem {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(message, "message == null");
    }

    /** @return {@code key: message}, the form used in error lines */
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
