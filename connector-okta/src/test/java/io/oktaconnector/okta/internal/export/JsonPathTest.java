package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPathTest {

    private static final ObjectMapper M = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Test
    void resolvesExactCaseFirstThenIgnoringCase() throws Exception {
        JsonNode n = M.readTree("""
                {"lastMembershipUpdated":"2024-01-01","LastMembershipUpdated":"other",
                 "profile":{"city":"Zürich","City":"wrong","n":42,"f":1.50,"b":false,"a":["x","y"],"o":{"k":null},
                            "nil":null,"empty":""},
                 "type":{"id":"oty1"}}
                """);
        assertThat(JsonPath.of("lastMembershipUpdated").value(n)).isEqualTo("2024-01-01");
        assertThat(JsonPath.of("lastMemberShipUpdated").value(n)).isEqualTo("2024-01-01");
        assertThat(JsonPath.of("profile.city").value(n)).isEqualTo("Zürich");
        assertThat(JsonPath.of("PROFILE.CITY").value(n)).isEqualTo("Zürich");
        assertThat(JsonPath.of("type.id").value(n)).isEqualTo("oty1");
        assertThat(JsonPath.of("profile.n").value(n)).isEqualTo("42");
        assertThat(JsonPath.of("profile.f").value(n)).isEqualTo("1.50");
        assertThat(JsonPath.of("profile.b").value(n)).isEqualTo("false");
        assertThat(JsonPath.of("profile.a").value(n)).isEqualTo("[\"x\",\"y\"]");
        assertThat(JsonPath.of("profile.o").value(n)).isEqualTo("{\"k\":null}");
        assertThat(JsonPath.of("profile.nil").value(n)).isEmpty();
        assertThat(JsonPath.of("profile.empty").value(n)).isEmpty();
        assertThat(JsonPath.of("profile.missing").value(n)).isEmpty();
        assertThat(JsonPath.of("profile.city.deeper").value(n)).isEmpty();
        assertThat(JsonPath.of("nothing.at.all").value(n)).isEmpty();
    }
}
