package io.oktaconnector.okta.internal.http;

import com.okta.sdk.resource.client.ApiException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimpleRetryPolicyTest {

    private final List<Duration> waits = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private final SimpleRetryPolicy policy = new SimpleRetryPolicy(3, Duration.ofSeconds(60), 2, Duration.ofMillis(500),
            waits::add, clock);

    private static Exchange ok() {
        return new Exchange(200, new ResponseInfo(200, Map.of()), null, null, null);
    }

    private static Exchange status(int s, Map<String, List<String>> headers) {
        return new Exchange(s, new ResponseInfo(s, headers), null, "{}", new ApiException(s, "x"));
    }

    private Exchange run(String method, Exchange... outcomes) throws InterruptedException {
        Deque<Exchange> q = new ArrayDeque<>(List.of(outcomes));
        return policy.execute(Call.of(method, "/api/v1/users"), q::removeFirst);
    }

    @Test
    void waitsUntilTheResetByTheServersClockPlusOneSecond() throws InterruptedException {
        // server Date 12:00:10, reset at 12:00:15 -> 6 s, whatever our own clock says
        Map<String, List<String>> h = Map.of("Date", List.of("Sat, 28 Nov 2026 12:00:10 GMT"),
                "X-Rate-Limit-Reset", List.of(String.valueOf(Instant.parse("2026-11-28T12:00:15Z").getEpochSecond())));
        assertThat(run("GET", status(429, h), ok()).ok()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(6));
    }

    @Test
    void capsTheWaitAndToleratesMissingOrDuplicateHeaders() throws InterruptedException {
        long far = Instant.parse("2026-11-28T13:00:00Z").getEpochSecond();
        long near = Instant.parse("2026-11-28T12:00:02Z").getEpochSecond();
        assertThat(run("POST", status(429, Map.of("X-Rate-Limit-Reset", List.of(String.valueOf(far)))),
                status(429, Map.of("X-Rate-Limit-Reset", List.of(String.valueOf(near), "garbage"),
                        "Date", List.of("not a date", "Sat, 28 Nov 2026 12:00:00 GMT"))),
                status(429, Map.of()), ok()).ok()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(4));
    }

    @Test
    void givesUpAfterTheLastRateLimitRetry() throws InterruptedException {
        Exchange last = run("GET", status(429, Map.of()), status(429, Map.of()), status(429, Map.of()),
                status(429, Map.of()));
        assertThat(last.status()).isEqualTo(429);
        assertThat(waits).hasSize(3);
    }

    @Test
    void retriesServerErrorsAndDroppedConnectionsForReadsOnly() throws InterruptedException {
        Exchange dropped = new Exchange(0, null, null, null, new ApiException(new NoHttpResponseException("x")));
        assertThat(run("GET", status(503, Map.of()), dropped, ok()).ok()).isTrue();
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        waits.clear();
        assertThat(run("GET", status(500, Map.of()), status(500, Map.of()), status(500, Map.of())).status())
                .isEqualTo(500);
        assertThat(waits).hasSize(2);
        waits.clear();
        assertThat(run("POST", status(503, Map.of())).status()).isEqualTo(503);
        assertThat(run("DELETE", dropped).status()).isZero();
        Exchange refused = new Exchange(0, null, null, null, new ApiException(new ConnectException("refused")));
        assertThat(run("GET", refused).status()).isZero();
        assertThat(run("GET", status(404, Map.of())).status()).isEqualTo(404);
        assertThat(waits).isEmpty();
    }
}
