package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;

import java.util.Objects;

/**
 * How a connection sets passwords, on user creation and on an order that asks for a reset: the connection's
 * {@code PasswordResetSettings} object, in the host's shape.
 * <pre>{@code
 * "PasswordResetSettings": {
 *     "Mode": "Generate",                    // OktaEmail | Generate | Default; default from AutoGenerate/DefaultPassword
 *     "AutoGenerate": true,                  // host's flag: true means Generate when Mode is absent
 *     "DefaultPassword": "${env:OKTA_INITIAL_PASSWORD}",  // Default mode only; a secret
 *     "GeneratedLength": 16,                 // 8..128; raised to the sum of the counts when that is larger
 *     "GeneratedLowerCaseCharsCount": 1,     // at least that many of each class
 *     "GeneratedUpperCaseCharsCount": 1,
 *     "GeneratedDigitCharsCount": 1,
 *     "GeneratedSymbolCharsCount": 1,
 *     "MustChange": true,                    // expire the password so the user changes it at first sign-in
 *     "DisableNotifications": false          // true: do not hand generated passwords to the PasswordNotifier
 * }
 * }</pre>
 * Without the object: {@link #DEFAULTS} (Okta sends its own email; the connector never holds a password).
 *
 * @param mode            how a password is set, never {@code null}
 * @param defaultPassword the password of {@link Mode#DEFAULT}, {@code null} in the other modes
 * @param generatedLength the minimum length of a generated password (8 to 128)
 * @param lowerCaseCount  minimum number of {@code a-z} in a generated password (0 or more)
 * @param upperCaseCount  minimum number of {@code A-Z}
 * @param digitCount      minimum number of {@code 0-9}
 * @param symbolCount     minimum number of symbols
 * @param mustChange      whether a password the connector sets is expired at once (Okta asks for a new one at the
 *                        next sign-in)
 * @param notifyUser      whether a generated or default password is handed to the {@link PasswordNotifier}
 * @since 0.1
 */
public record PasswordResetSettings(Mode mode, Secret defaultPassword, int generatedLength, int lowerCaseCount,
                                    int upperCaseCount, int digitCount, int symbolCount, boolean mustChange,
                                    boolean notifyUser) {
    /** Longest password generated: Okta accepts longer ones, but nothing is gained. */
    public static final int MAX_LENGTH = 128;
    /** Shortest generated password: Okta's own minimum. */
    public static final int MIN_LENGTH = 8;

    /** Okta emails the reset link; generated length 16 with one character of each class; must change; notify. */
    public static final PasswordResetSettings DEFAULTS =
            new PasswordResetSettings(Mode.OKTA_EMAIL, null, 16, 1, 1, 1, 1, true, true);

    /**
     * @param mode            how a password is set, never {@code null}
     * @param defaultPassword the password of {@link Mode#DEFAULT}, {@code null} in the other modes
     * @param generatedLength the minimum length of a generated password (8 to 128)
     * @param lowerCaseCount  minimum number of {@code a-z} in a generated password (0 or more)
     * @param upperCaseCount  minimum number of {@code A-Z}
     * @param digitCount      minimum number of {@code 0-9}
     * @param symbolCount     minimum number of symbols
     * @param mustChange      whether a password the connector sets is expired at once (Okta asks for a new one at the
     *                        next sign-in)
     * @param notifyUser      whether a generated or default password is handed to the {@link PasswordNotifier}
     * @throws ConnectorException INVALID_SETTINGS naming the {@code PasswordResetSettings} key at fault
     */
    public PasswordResetSettings {
        Objects.requireNonNull(mode, "mode == null");
        if (mode == Mode.DEFAULT && (defaultPassword == null || defaultPassword.isBlank())) {
            throw invalid("DefaultPassword", "required when Mode is Default");
        }
        if (mode != Mode.DEFAULT) {
            defaultPassword = null; // never keep a credential that no code path uses
        }
        if (generatedLength < MIN_LENGTH || generatedLength > MAX_LENGTH) {
            throw invalid("GeneratedLength", "must be between " + MIN_LENGTH + " and " + MAX_LENGTH);
        }
        checkCount("GeneratedLowerCaseCharsCount", lowerCaseCount);
        checkCount("GeneratedUpperCaseCharsCount", upperCaseCount);
        checkCount("GeneratedDigitCharsCount", digitCount);
        checkCount("GeneratedSymbolCharsCount", symbolCount);
        if ((long) lowerCaseCount + upperCaseCount + digitCount + symbolCount > MAX_LENGTH) {
            throw invalid("GeneratedLength", "the character counts add up to more than " + MAX_LENGTH);
        }
    }

    /** @return the length of a generated password: {@code generatedLength}, or the sum of the counts when larger */
    public int effectiveLength() {
        return Math.max(generatedLength, lowerCaseCount + upperCaseCount + digitCount + symbolCount);
    }

    private static void checkCount(String key, int count) {
        if (count < 0 || count > MAX_LENGTH) {
            throw invalid(key, "must be between 0 and " + MAX_LENGTH);
        }
    }

    private static ConnectorException invalid(String key, String message) {
        return new ConnectorException(ErrorCode.INVALID_SETTINGS, "PasswordResetSettings." + key + ": " + message);
    }

    /** How the connector sets a password. */
    public enum Mode {
        /**
         * Okta sends its own email ({@code reset_password?sendEmail=true}, or the activation email on creation);
         * the connector never sees a password. Settings value {@code OktaEmail}.
         */
        OKTA_EMAIL("OktaEmail"),
        /** The connector generates a password with {@code SecureRandom} and sets it. Settings value {@code Generate}. */
        GENERATE("Generate"),
        /** The connector sets {@code DefaultPassword}. Settings value {@code Default}. */
        DEFAULT("Default");

        private final String settingsName;

        Mode(String settingsName) {
            this.settingsName = settingsName;
        }

        /** @return the settings value, e.g. {@code OktaEmail} */
        public String settingsName() {
            return settingsName;
        }

        /**
         * @param text a settings value, ignoring case, e.g. {@code generate}
         * @return the mode
         * @throws ConnectorException INVALID_SETTINGS naming {@code PasswordResetSettings.Mode} for anything else
         */
        public static Mode parse(String text) {
            String t = text == null ? "" : text.strip();
            for (Mode m : values()) {
                if (m.settingsName.equalsIgnoreCase(t) || m.name().equalsIgnoreCase(t)) {
                    return m;
                }
            }
            // a short, sanitised excerpt at most, and nothing of what looks like a credential pasted here by mistake
            throw invalid("Mode", "must be OktaEmail, Generate or Default, not "
                    + io.oktaconnector.okta.internal.settings.SettingsValues.quoted(t, false));
        }
    }
}
