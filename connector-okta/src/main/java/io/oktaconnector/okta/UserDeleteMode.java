package io.oktaconnector.okta;

/**
 * What a fulfilled {@code Deleted} user order does in Okta (settings key {@code UserDeleteMode}).
 *
 * <p>The default is {@link #DEACTIVATE_ONLY}: deleting an Okta user is irreversible (the user, its app assignments and
 * its history are gone), while a deactivated (DEPROVISIONED) user can be reactivated. A host that wants the user
 * removed sets {@code "UserDeleteMode": "DeactivateAndDelete"}.
 *
 * @since 0.1
 */
public enum UserDeleteMode {
    /** Deactivate the user (status DEPROVISIONED); the user stays in Okta and can be reactivated. The default. */
    DEACTIVATE_ONLY("DeactivateOnly"),
    /** Deactivate the user, then delete it permanently (Okta's two-step delete). */
    DEACTIVATE_AND_DELETE("DeactivateAndDelete");

    private final String settingsValue;

    UserDeleteMode(String settingsValue) {
        this.settingsValue = settingsValue;
    }

    /** @return the value as written in the settings file, e.g. {@code DeactivateOnly} */
    public String settingsValue() {
        return settingsValue;
    }

    /**
     * Parses a settings value, ignoring case; accepts {@code DeactivateOnly} and {@code DEACTIVATE_ONLY} forms.
     *
     * @param value the settings value, may be {@code null}
     * @return the mode, or {@code null} when the value names none
     */
    public static UserDeleteMode parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().replace("_", "");
        for (UserDeleteMode m : values()) {
            if (m.settingsValue.equalsIgnoreCase(v)) {
                return m;
            }
        }
        return null;
    }
}
