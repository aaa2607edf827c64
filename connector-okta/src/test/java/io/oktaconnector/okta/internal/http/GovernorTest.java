package io.oktaconnector.okta.internal.http;

import com.okta.sdk.resource.client.ApiException;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The governor's retry rules and waits, on a fake clock: no test sleeps. */
class GovernorTest {

    private static final long S = FakeTicker.S;
    private static final long MS = FakeTicker.MS;
    private static final Instant SERVER_NOW = Instant.parse("2026-11-28T12:00:10Z");
    private static final String SERVER_DATE = "Sat, 28 Nov 2026 12:00:10 GMT";

    /** Our wall clock is an hour ahead of Okta's: only a missing Date may make it matter. */
    private final FakeTicker ticker = new FakeTicker(SERVER_NOW.plusSeconds(3600));
    private final RequestStats stats = new RequestStats();
    private int attempts;

    private Governor governor(int maxRateLimitRetries) {
        return new Governor(new Governor.Config(0.5, 8, 2, 0.25, Duration.ofSeconds(60), maxRateLimitRetries, 4,
                Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMillis(250), 10), ticker, () -> 0.5);
    }

    private final Governor governor = governor(20);

    private static Map<String, List<String>> rl(long limit, long remaining, Instant reset, String date) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("X-Rate-Limit-Limit", List.of(String.valueOf(limit)));
        h.put("X-Rate-Limit-Remaining", List.of(String.valueOf(remaining)));
        h.put("X-Rate-Limit-Reset", List.of(String.valueOf(reset.getEpochSecond())));
        if (date != null) {
            h.put("Date", List.of(date));
        }
        h.put("X-Okta-Request-Id", List.of("reqTest"));
        return h;
    }

    private static Exchange ok(Map<String, List<String>> headers) {
        return new Exchange(200, new ResponseInfo(200, headers), null, null, null);
    }

    private static Exchange ok() {
        return ok(rl(600, 590, SERVER_NOW.plusSeconds(50), SERVER_DATE));
    }

    private static Exchange status(int s, Map<String, List<String>> headers) {
        return new Exchange(s, new ResponseInfo(s, headers), null, "{}", new ApiException(s, "x"));
    }

    private static Exchange status(int s) {
        return status(s, rl(600, 590, SERVER_NOW.plusSeconds(50), SERVER_DATE));
    }

    private static Exchange failure(Exception cause) {
        return new Exchange(0, null, null, null, new ApiException(cause));
    }

    private Exchange run(Governor g, String method, CallScope scope, Exchange... outcomes) throws InterruptedException {
        Deque<Exchange> q = new ArrayDeque<>(List.of(outcomes));
        return g.execute(Call.of(method, "/api/v1/users"), () -> {
            attempts++;
            return q.removeFirst();
        }, scope);
    }

    private Exchange run(String method, Exchange... outcomes) throws InterruptedException {
        return run(governor, method, new CallScope(Deadline.NONE, List.of(stats)), outcomes);
    }

    @Test
    void a429WaitsUntilTheResetMeasuredAgainstTheServersDatePlusOneSecond() throws InterruptedException {
        Exchange e = run("GET", status(429, rl(600, 0, SERVER_NOW.plusSeconds(5), SERVER_DATE)), ok());
        assertThat(e.ok()).isTrue();
        assertThat(attempts).isEqualTo(2);
        // reset - Date = 5 s, plus one second for the headers' resolution; the local clock an hour off changes nothing
        assertThat(ticker.waitMillis()).containsExactly(6_000L);
        assertThat(stats.waits()).isEqualTo(1);
        assertThat(stats.waitNanos()).isEqualTo(6 * S);
    }

    @Test
    void withoutADateTheLocalClockMeasuresTheResetAndEveryWaitIsCapped() throws InterruptedException {
        FakeTicker local = new FakeTicker(SERVER_NOW);
        Governor g = new Governor(governor.config(), local, () -> 0.5);
        Deque<Exchange> q = new ArrayDeque<>(List.of(status(429, rl(600, 0, SERVER_NOW.plusSeconds(15), null)),
                status(429, rl(600, 0, SERVER_NOW.plusSeconds(3_600), SERVER_DATE)), ok()));
        assertThat(g.execute(Call.of("GET", "/api/v1/users"), q::removeFirst).ok()).isTrue();
        assertThat(local.waitMillis()).containsExactly(16_000L, 60_000L);
    }

    @Test
    void a429OnAWriteIsRetried() throws InterruptedException {
        // Okta refused it before doing anything
        Exchange e = run("POST", status(429, rl(600, 0, SERVER_NOW.plusSeconds(1), SERVER_DATE)), ok());
        assertThat(e.ok()).isTrue();
        assertThat(attempts).isEqualTo(2);
        assertThat(ticker.waitMillis()).containsExactly(2_000L);
    }

    @Test
    void givesUpAfterTheLastRateLimitRetry() throws InterruptedException {
        Exchange limited = status(429, rl(600, 0, SERVER_NOW.plusSeconds(1), SERVER_DATE));
        Exchange last = run(governor(2), "GET", CallScope.NONE, limited, limited, limited);
        assertThat(last.status()).isEqualTo(429);
        assertThat(attempts).isEqualTo(3);
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedWithJitteredBackoffForReadsOnly() throws InterruptedException {
        Exchange dropped = failure(new NoHttpResponseException("dropped"));
        assertThat(run("GET", status(503), dropped, status(502), failure(new SocketException("Connection reset")),
                ok()).ok()).isTrue();
        // full jitter (the random source says 0.5) below 0.5 s, 1 s, 2 s, 4 s
        assertThat(ticker.waitMillis()).containsExactly(250L, 500L, 1_000L, 2_000L);
        assertThat(attempts).isEqualTo(5);

        ticker.waits.clear();
        attempts = 0;
        assertThat(run("GET", status(500), status(500), status(500), status(500), status(500)).status())
                .isEqualTo(500);
        assertThat(attempts).isEqualTo(5); // 4 retries

        attempts = 0;
        ticker.waits.clear();
        // a write may have been applied: returned as it is (OUTCOME_UNKNOWN for the fulfill layer)
        assertThat(run("POST", status(503)).status()).isEqualTo(503);
        assertThat(run("PUT", status(500)).status()).isEqualTo(500);
        assertThat(run("DELETE", dropped).status()).isZero();
        // not transient: a refused connection, a client error
        assertThat(run("GET", failure(new ConnectException("refused"))).status()).isZero();
        assertThat(run("GET", status(404)).status()).isEqualTo(404);
        assertThat(run("GET", status(501)).status()).isEqualTo(501);
        assertThat(attempts).isEqualTo(6);
        assertThat(ticker.waits).isEmpty();
    }

    @Test
    void aConcurrency429HalvesTheRequestsInFlightAndRetriesSoonNotAtItsReset() throws InterruptedException {
        Exchange concurrency = status(429, rl(0, 0, SERVER_NOW.plusSeconds(60), SERVER_DATE));
        assertThat(governor.concurrencyLimit()).isEqualTo(8);
        assertThat(run("GET", concurrency, ok()).ok()).isTrue();
        // a tenth of 250 ms plus half of the rest, not the 50 s the reset suggests
        assertThat(ticker.waitMillis()).containsExactly(138L);
        assertThat(governor.concurrencyLimit()).isEqualTo(4);
        // additive increase: one more after twice the bound's worth of successes
        for (int i = 0; i < 7; i++) {
            run("GET", ok());
        }
        assertThat(governor.concurrencyLimit()).isEqualTo(5); // the retry above was the first success
        ticker.advance(2 * S);
        run("GET", concurrency, ok());
        assertThat(governor.concurrencyLimit()).isEqualTo(2);
        // the bucket learnt nothing from them
        assertThat(governor.budgetPerWindow(Bucket.USERS)).isEqualTo(300);
    }

    @Test
    void aConcurrency429ThatNeverEndsIsAClearRateLimitedError() {
        Exchange concurrency = status(429, rl(0, 0, SERVER_NOW.plusSeconds(60), SERVER_DATE));
        Exchange[] all = new Exchange[12];
        java.util.Arrays.fill(all, concurrency);
        assertThatThrownBy(() -> run("GET", all))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("concurrency limit").contains("MaxConcurrency")
                            .contains("reqTest");
                });
        assertThat(attempts).isEqualTo(11);
    }

    @Test
    void aRateLimitWaitPastTheRunsDeadlineFailsAtOnceWithRateLimited() {
        CallScope scope = new CallScope(new Deadline(ticker.nanos() + 10 * S, Duration.ofMinutes(240)), List.of(stats));
        assertThatThrownBy(() -> run(governor, "GET", scope,
                status(429, rl(600, 0, SERVER_NOW.plusSeconds(30), SERVER_DATE)), ok()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("GET /api/v1/users").contains("RunTimeoutMinutes")
                            .contains("resets in 31 s");
                });
        assertThat(attempts).isEqualTo(1);
        assertThat(ticker.waits).isEmpty();
    }

    @Test
    void noRequestStartsAfterTheDeadline() {
        CallScope scope = new CallScope(new Deadline(ticker.nanos() - 1, Duration.ofMinutes(1)), List.of());
        assertThatThrownBy(() -> run(governor, "GET", scope, ok()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("RunTimeoutMinutes (1 min)");
                });
        assertThat(attempts).isZero();
    }

    @Test
    void aBackoffPastTheDeadlineReturnsTheFailureInsteadOfWaiting() throws InterruptedException {
        CallScope scope = new CallScope(new Deadline(ticker.nanos() + 100 * MS, Duration.ofMinutes(1)), List.of());
        assertThat(run(governor, "GET", scope, status(503), ok()).status()).isEqualTo(503);
        assertThat(attempts).isEqualTo(1);
    }

    @Test
    void pacesTheNextRequestWhenTheAnswersShowOurShareIsSpent() throws InterruptedException {
        // limit 100, share 0.5: the remaining count may not drop below 50
        Map<String, List<String>> spent = rl(100, 50, SERVER_NOW.plusSeconds(6), SERVER_DATE);
        assertThat(run("GET", ok(spent)).ok()).isTrue();
        assertThat(ticker.waits).isEmpty();
        assertThat(run("GET", ok(rl(100, 99, SERVER_NOW.plusSeconds(12), "Sat, 28 Nov 2026 12:00:16 GMT"))).ok())
                .isTrue();
        assertThat(ticker.waitMillis()).containsExactly(6_000L);
        assertThat(stats.waits()).isEqualTo(1);
        assertThat(governor.budgetPerWindow(Bucket.USERS)).isEqualTo(50);
        assertThat(governor.budgetPerWindow(Bucket.APPS)).isEqualTo(-1);
    }

    @Test
    void aFailureInsideTheAttemptReleasesItsPermits() {
        Governor g = new Governor(new Governor.Config(0.5, 1, 1, 0.25, Duration.ofSeconds(60), 20, 4,
                Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMillis(250), 10), ticker, () -> 0.5);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> g.execute(Call.of("GET", "/api/v1/users"), () -> {
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(ticker.waits).isEmpty();
    }
}
