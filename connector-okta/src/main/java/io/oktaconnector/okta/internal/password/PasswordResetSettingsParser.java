package io.oktaconnector.okta.internal.password;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.PasswordResetSettings.Mode;
import io.oktaconnector.okta.internal.secret.SettingsJson;

import java.util.Locale;

/**
 * Reads a connection's {@code PasswordResetSettings} object (values already decrypted and resolved). Booleans and
 * numbers may be JSON literals or strings (a secret reference resolves to a string). Every error is INVALID_SETTINGS
 * naming the full key, e.g. {@code Connections.Okta.PasswordResetSettings.GeneratedLength}.
 */
public final class PasswordResetSettingsParser {
    /** The key of the object inside a connection. */
    public static final String KEY = "PasswordResetSettings";

    private PasswordResetSettingsParser() {
    }

    /**
     * @param node          the {@code PasswordResetSettings} value, or {@code null} when the key is absent
     * @param connectionKey the connection's key path, e.g. {@code Connections.Okta}
     * @return the settings; {@link PasswordResetSettings#DEFAULTS} when {@code node} is null or JSON null
     */
    public static PasswordResetSettings parse(JsonNode node, String connectionKey) {
        String prefix = connectionKey + "." + KEY;
        if (node == null || node.isNull()) {
            return PasswordResetSettings.DEFAULTS;
        }
        if (!node.isObject()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, prefix + ": must be a JSON object");
        }
        PasswordResetSettings d = PasswordResetSettings.DEFAULTS;
        try {
            Boolean autoGenerate = bool(node, "AutoGenerate", prefix);
            String defaultPassword = text(node, "DefaultPassword", prefix);
            String modeText = text(node, "Mode", prefix);
            Mode mode;
            if (modeText != null && !modeText.isBlank()) {
                mode = Mode.parse(modeText);
                if (autoGenerate != null && autoGenerate != (mode == Mode.GENERATE)) {
                    throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "PasswordResetSettings.AutoGenerate: "
                            + autoGenerate + " contradicts Mode " + mode.settingsName());
                }
            } else if (Boolean.TRUE.equals(autoGenerate)) {
                mode = Mode.GENERATE;
            } else if (defaultPassword != null && !defaultPassword.isBlank()) {
                mode = Mode.DEFAULT;
            } else {
                mode = Mode.OKTA_EMAIL;
            }
            Boolean disable = bool(node, "DisableNotifications", prefix);
            Boolean notify = bool(node, "NotifyUser", prefix);
            if (disable != null && notify != null && disable.equals(notify)) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS,
                        "PasswordResetSettings.NotifyUser: contradicts DisableNotifications");
            }
            boolean notifyUser = notify != null ? notify : disable != null ? !disable : d.notifyUser();
            Boolean mustChange = bool(node, "MustChange", prefix);
            return new PasswordResetSettings(mode,
                    defaultPassword == null || defaultPassword.isBlank() ? null : Secret.of(defaultPassword),
                    integer(node, "GeneratedLength", prefix, d.generatedLength()),
                    integer(node, "GeneratedLowerCaseCharsCount", prefix, d.lowerCaseCount()),
                    integer(node, "GeneratedUpperCaseCharsCount", prefix, d.upperCaseCount()),
                    integer(node, "GeneratedDigitCharsCount", prefix, d.digitCount()),
                    integer(node, "GeneratedSymbolCharsCount", prefix, d.symbolCount()),
                    mustChange == null ? d.mustChange() : mustChange,
                    notifyUser);
        } catch (ConnectorException e) {
            // the record names keys relative to PasswordResetSettings; give the full path
            if (e.getMessage().startsWith(KEY + ".")) {
                throw new ConnectorException(e.code(), connectionKey + "." + e.getMessage());
            }
            throw e;
        }
    }

    private static String text(JsonNode node, String name, String prefix) {
        JsonNode v = SettingsJson.field(node, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, prefix + "." + name + ": must be a string");
        }
        return v.textValue();
    }

    private static Boolean bool(JsonNode node, String name, String prefix) {
        JsonNode v = SettingsJson.field(node, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String t = v.textValue().strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
        }
        throw new ConnectorException(ErrorCode.INVALID_SETTINGS, prefix + "." + name + ": must be true or false");
    }

    private static int integer(JsonNode node, String name, String prefix, int fallback) {
        JsonNode v = SettingsJson.field(node, name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue().strip());
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new ConnectorException(ErrorCode.INVALID_SETTINGS, prefix + "." + name + ": must be a whole number");
    }
}
