package io.oktaconnector.okta.internal.password;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.PasswordResetSettings.Mode;
import io.oktaconnector.okta.internal.secret.SettingsJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordResetSettingsParserTest {
    private static final String CONNECTION = "Connections.Okta";

    private static PasswordResetSettings parse(String json) throws Exception {
        JsonNode node = json == null ? null : SettingsJson.MAPPER.readTree(json);
        return PasswordResetSettingsParser.parse(node, CONNECTION);
    }

    private static void assertInvalid(String json, String key, String fragment) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
            assertThat(e.getMessage()).startsWith(CONNECTION + ".PasswordResetSettings." + key + ": ").contains(fragment);
        });
    }

    @Test
    void absentMeansOktaSendsTheEmail() throws Exception {
        assertThat(parse(null)).isEqualTo(PasswordResetSettings.DEFAULTS);
        assertThat(parse("null")).isEqualTo(PasswordResetSettings.DEFAULTS);
        assertThat(parse("{}")).isEqualTo(PasswordResetSettings.DEFAULTS);
        assertThat(PasswordResetSettings.DEFAULTS.mode()).isEqualTo(Mode.OKTA_EMAIL);
        assertThat(PasswordResetSettings.DEFAULTS.effectiveLength()).isEqualTo(16);
    }

    @Test
    void readsTheHostsShape() throws Exception {
        PasswordResetSettings s = parse("""
                { "AutoGenerate": "true", "GeneratedLength": "12", "GeneratedLowerCaseCharsCount": 8,
                  "GeneratedUpperCaseCharsCount": 4, "GeneratedDigitCharsCount": 2, "GeneratedSymbolCharsCount": 2,
                  "MustChange": false, "DisableNotifications": true }""");
        assertThat(s).isEqualTo(new PasswordResetSettings(Mode.GENERATE, null, 12, 8, 4, 2, 2, false, false));
        assertThat(s.effectiveLength()).isEqualTo(16);
    }

    @Test
    void modeFollowsAutoGenerateThenDefaultPassword() throws Exception {
        assertThat(parse("{\"AutoGenerate\": true}").mode()).isEqualTo(Mode.GENERATE);
        PasswordResetSettings d = parse("{\"DefaultPassword\": \"Welcome#2024\", \"AutoGenerate\": false}");
        assertThat(d.mode()).isEqualTo(Mode.DEFAULT);
        assertThat(d.defaultPassword()).isEqualTo(Secret.of("Welcome#2024"));
        assertThat(parse("{\"Mode\": \"oktaemail\", \"DefaultPassword\": \"x\"}"))
                .satisfies(s -> {
                    assertThat(s.mode()).isEqualTo(Mode.OKTA_EMAIL);
                    assertThat(s.defaultPassword()).isNull(); // not kept where nothing uses it
                });
        assertThat(parse("{\"Mode\": \"Generate\", \"NotifyUser\": false}").notifyUser()).isFalse();
    }

    @Test
    void toStringHidesTheDefaultPassword() throws Exception {
        assertThat(parse("{\"Mode\": \"Default\", \"DefaultPassword\": \"Welcome#2024\"}").toString())
                .doesNotContain("Welcome#2024").contains("[hidden]");
    }

    @Test
    void mistakesNameTheFullKey() {
        assertInvalid("{\"Mode\": \"Default\"}", "DefaultPassword", "required");
        assertInvalid("{\"Mode\": \"1\"}", "Mode", "OktaEmail, Generate or Default");
        assertInvalid("{\"Mode\": \"Default\", \"DefaultPassword\": \"x\", \"AutoGenerate\": true}", "AutoGenerate",
                "contradicts");
        assertInvalid("{\"GeneratedLength\": 7}", "GeneratedLength", "between 8 and 128");
        assertInvalid("{\"GeneratedLength\": 129}", "GeneratedLength", "between 8 and 128");
        assertInvalid("{\"GeneratedLength\": \"twelve\"}", "GeneratedLength", "whole number");
        assertInvalid("{\"GeneratedDigitCharsCount\": -1}", "GeneratedDigitCharsCount", "between 0 and");
        assertInvalid("{\"GeneratedLowerCaseCharsCount\": 100, \"GeneratedUpperCaseCharsCount\": 100}",
                "GeneratedLength", "add up");
        assertInvalid("{\"MustChange\": \"yes\"}", "MustChange", "true or false");
        assertInvalid("{\"DisableNotifications\": true, \"NotifyUser\": true}", "NotifyUser", "contradicts");
        assertInvalid("{\"DefaultPassword\": 12345678}", "DefaultPassword", "string");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(ConnectorException.class)
                .hasMessage(CONNECTION + ".PasswordResetSettings: must be a JSON object");
    }
}
