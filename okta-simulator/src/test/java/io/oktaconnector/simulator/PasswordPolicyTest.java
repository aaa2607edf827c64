package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The org's password policy on create and update, and the hashed memory of the last password set. */
class PasswordPolicyTest {
    private static final String PROFILE = "{\"profile\":{\"login\":\"pw@example.com\",\"email\":\"pw@example.com\","
            + "\"firstName\":\"Pat\",\"lastName\":\"Word\"}";
    OktaSimulator sim;
    Http http;

    @BeforeEach
    void start() {
        sim = OktaSimulator.builder().seed(3).users(2).groups(1).apps(0).start();
        http = new Http(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> create(String password) {
        return http.send("POST", "/api/v1/users", PROFILE + ",\"credentials\":{\"password\":{\"value\":\""
                + password + "\"}}}");
    }

    private static void refused(HttpResponse<String> r, String password, String rules) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = Http.json(r);
        assertThat(error.get("errorCode").asText()).isEqualTo("E0000001");
        assertThat(error.get("errorSummary").asText()).isEqualTo("Api validation failed: password");
        assertThat(error.at("/errorCauses/0/errorSummary").asText()).isEqualTo("password: Password requirements were"
                + " not met. Password requirements: " + rules + ".");
        assertThat(r.body()).doesNotContain(password);
    }

    @Test
    void oktasDefaultPolicyRefusesWeakPasswordsOnCreateAndRemembersOnlyAHash() {
        assertThat(sim.org().passwordPolicy()).isEqualTo(PasswordPolicy.OKTA_DEFAULT);
        for (String weak : new String[]{"Sh0rt", "alllower99", "ALLUPPER99", "NoDigitsHere"}) {
            refused(create(weak), weak, "at least 8 characters, a lowercase letter, an uppercase letter, a number");
        }
        assertThat(sim.org().user("pw@example.com")).isEmpty();

        HttpResponse<String> ok = create("Str0ng-enough");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(Http.json(ok).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(sim.org().passwordMatches("pw@example.com", "Str0ng-enough")).isTrue();
        assertThat(sim.org().passwordMatches("pw@example.com", "Str0ng-enougH")).isFalse();
        assertThat(sim.org().user("pw@example.com").orElseThrow().toString()).doesNotContain("Str0ng-enough");
    }

    @Test
    void updateIsCheckedAgainstThePolicyInForce() {
        String id = Http.json(create("Str0ng-enough")).get("id").asText();
        sim.org().setPasswordPolicy(new PasswordPolicy(12, false, false, true, true));
        HttpResponse<String> weak = http.send("POST", "/api/v1/users/" + id,
                "{\"credentials\":{\"password\":{\"value\":\"only-1-sym\"}}}");
        refused(weak, "only-1-sym", "at least 12 characters, a number, a symbol");
        assertThat(sim.org().passwordMatches(id, "Str0ng-enough")).isTrue();

        HttpResponse<String> ok = http.send("POST", "/api/v1/users/" + id,
                "{\"credentials\":{\"password\":{\"value\":\"longer-1-symbol\"}}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(sim.org().passwordMatches(id, "longer-1-symbol")).isTrue();
        assertThat(sim.org().passwordMatches(id, "Str0ng-enough")).isFalse();

        JsonNode temp = Http.json(http.send("POST", "/api/v1/users/" + id
                + "/lifecycle/expire_password_with_temp_password", null));
        assertThat(sim.org().passwordMatches(id, temp.get("tempPassword").asText())).isTrue();
        assertThat(sim.org().user(id).orElseThrow().get("status").asText()).isEqualTo("PASSWORD_EXPIRED");
    }

    @Test
    void noPolicyAcceptsAnyPasswordAndPoliciesAreChecked() {
        sim.org().setPasswordPolicy(PasswordPolicy.NONE);
        assertThat(create("x").statusCode()).isEqualTo(200);
        assertThat(sim.org().passwordMatches("pw@example.com", "x")).isTrue();
        assertThat(sim.org().passwordMatches("nobody@example.com", "x")).isFalse();
        assertThatThrownBy(() -> new PasswordPolicy(0, false, false, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        try (OktaSimulator strict = OktaSimulator.builder().users(0).groups(0).apps(0)
                .passwordPolicy(new PasswordPolicy(30, true, true, true, true)).start()) {
            HttpResponse<String> r = new Http(strict).send("POST", "/api/v1/users", PROFILE
                    + ",\"credentials\":{\"password\":{\"value\":\"Str0ng-enough\"}}}");
            refused(r, "Str0ng-enough", "at least 30 characters, a lowercase letter, an uppercase letter, a number,"
                    + " a symbol");
        }
    }
}
