package io.oktaconnector.okta.testing;

import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.internal.http.Governor;
import io.oktaconnector.okta.internal.http.Ticker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The production request governor with its waits shrunk, for tests whose faults would otherwise wait for seconds:
 * the same pacing, retry and error paths, only faster. Tests that need no shrinking use {@link Governor#of}.
 */
public final class TestGovernors {
    private TestGovernors() {
    }

    /**
     * @param settings valid settings ({@code MaxConcurrency} and {@code RateLimitShare} are taken from them)
     * @return a governor whose 429 waits are capped at 50 ms and retried twice, and whose backoffs start at 1 ms
     *         (three retries for reads)
     */
    public static Governor fast(OktaSettings settings) {
        Governor.Config production = Governor.Config.of(settings);
        return new Governor(new Governor.Config(production.share(), production.maxConcurrency(), production.probe(),
                production.burstFraction(), Duration.ofMillis(50), 2, 3, Duration.ofMillis(1), Duration.ofMillis(20),
                Duration.ofMillis(1), production.maxConcurrencyRetries()), Ticker.SYSTEM,
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
