package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.http.Governor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings the request governor reads: RateLimitShare, MaxConcurrency, RunTimeoutMinutes. */
class GovernorSettingsTest {

    @TempDir
    Path dir;

    private OktaSettings load(String extra) throws IOException {
        Path f = dir.resolve("appsettings.agent.json");
        Files.writeString(f, "{\"Connections\":{\"Okta\":{\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00tok\""
                + extra + "}}}");
        return OktaSettings.load(f, "Okta");
    }

    @Test
    void defaultsLeaveHalfOfEveryBucketAndGiveARunFourHours() throws IOException {
        OktaSettings s = load("");
        assertThat(s.rateLimitShare()).isEqualTo(0.5);
        assertThat(s.maxConcurrency()).isEqualTo(8);
        assertThat(s.runTimeout()).isEqualTo(Duration.ofMinutes(240));
        Governor.Config c = Governor.Config.of(s);
        assertThat(c.share()).isEqualTo(0.5);
        assertThat(c.maxConcurrency()).isEqualTo(8);
    }

    @Test
    void readsTheKeys() throws IOException {
        OktaSettings s = load(",\"rateLimitShare\":0.8,\"MaxConcurrency\":\"12\",\"RunTimeoutMinutes\":30");
        assertThat(s.rateLimitShare()).isEqualTo(0.8);
        assertThat(s.runTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Governor.Config.of(s).maxConcurrency()).isEqualTo(12);
        assertThat(s.toString()).contains("runTimeout=PT30M");
        assertThat(s.toBuilder().build().runTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void refusesARunTimeoutOutsideOneMinuteToAWeek() {
        for (String bad : new String[] {"0", "-5", "10081", "\"soon\""}) {
            assertThatThrownBy(() -> load(",\"RunTimeoutMinutes\":" + bad))
                    .as(bad).isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                        assertThat(e.getMessage()).contains("Connections.Okta.RunTimeoutMinutes");
                    });
        }
        OktaSettings built = OktaSettings.builder().connectionId("Okta").server("https://acme.okta.com")
                .apiKey(Secret.of("00tok")).runTimeout(Duration.ofSeconds(30)).build();
        assertThat(built.validate()).anySatisfy(p -> assertThat(p.key()).isEqualTo("Connections.Okta.RunTimeoutMinutes"));
    }
}
