package io.oktaconnector.api;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

    @Test
    void copiesItsMapsChecksNullsAndNeverPrintsValues() {
        Map<String, String> values = new HashMap<>(Map.of("Server", "https://acme.okta.com"));
        ConnectionSettings s = new ConnectionSettings("Okta", values, Map.of("ApiKey", Secret.of("00a-token")));
        values.put("PageSize", "2");
        assertThat(s.values()).containsOnlyKeys("Server");
        assertThat(s.value("Server")).hasValue("https://acme.okta.com");
        assertThat(s.value("PageSize")).isEmpty();
        assertThat(s.secret("ApiKey")).hasValue(Secret.of("00a-token"));
        assertThat(s.toString()).contains("Okta", "Server", "ApiKey").doesNotContain("acme", "00a-token");
        assertThat(ConnectionSettings.of("Okta", Map.of()).secrets()).isEmpty();

        assertThatThrownBy(() -> new ConnectionSettings(null, Map.of(), Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("connectionId == null");
        assertThatThrownBy(() -> new ConnectionSettings("Okta", null, Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConnectionSettings("Okta", Map.of(), null)).isInstanceOf(NullPointerException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("Server", null);
        assertThatThrownBy(() -> ConnectionSettings.of("Okta", withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConnectionSettings("Okta", Map.of("ApiKey", "x"), Map.of("ApiKey", Secret.of("y"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApiKey");
    }

    @Test
    void aFulfillRequestDefaultsToTheDefaultMapping() {
        FulfillRequest r = FulfillRequest.of(java.util.List.of());
        assertThat(r.mapping()).isSameAs(EntityMapping.DEFAULTS);
        EntityMapping m = new EntityMapping(java.util.List.of());
        assertThat(r.withMapping(m).mapping()).isSameAs(m);
        assertThatThrownBy(() -> r.withMapping(null)).isInstanceOf(NullPointerException.class);
    }
}
