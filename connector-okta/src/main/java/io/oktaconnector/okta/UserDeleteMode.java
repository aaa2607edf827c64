package io.oktaconnector.okta;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@code Deleted} order does to an Okta user (setting {@code UserDeleteMode}). Okta deletes in two steps:
 * the first {@code DELETE} only deactivates; a user is removed for good only once deactivated.
 *
 * @since 0.1
 */
public enum UserDeleteMode {
    /** Deactivate the user (status {@code DEPROVISIONED}): reversible, the user stays in the org and in exports. */
    DEACTIVATE,
    /** Deactivate, then delete the user permanently. */
    DELETE;

    /**
     * @param text a settings value, {@code Deactivate} or {@code Delete}, any case
     * @return the mode, or empty when the value is neither
     */
    public static Optional<UserDeleteMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (UserDeleteMode m : values()) {
            if (m.name().equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
