package io.oktaconnector.okta;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.internal.export.ExportOptions;
import io.oktaconnector.okta.testing.UnpacedRetries;
import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RateLimitBucket;
import io.oktaconnector.simulator.RateLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static io.oktaconnector.okta.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request governor against the simulator's rate limiter: Workforce buckets, Okta's default 50 % per token, time
 * compressed. The assertions are on the simulator's counters (what Okta would have answered), not on timing.
 */
class GovernorSimulatorTest {

    /**
     * Workforce buckets with the apps bucket cut to 40 per window (20 for the token, 10 for our default share), windows
     * of 5 s: the 26 requests an export sends to the apps bucket need three windows. The windows are long against the
     * whole-second resets the headers carry and against a scheduling delay on a loaded machine, and our share is half
     * the token's: a request sent late or a window misjudged by a second cannot reach the token's limit; and the
     * unpaced control's burst of 26 cannot be spread over two windows by a slow machine.
     */
    private static RateLimits binding() {
        return RateLimits.workforce().bucket(RateLimitBucket.APPS, 40).perTokenShare(0.5).timeScale(12);
    }

    private static OktaSimulator.Builder org(RateLimits limits) {
        return OktaSimulator.builder().seed(31).users(300).groups(30).apps(25).rateLimits(limits)
                // the server's clock is 20 minutes behind ours: resets must be read against its Date
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)));
    }

    @Test
    void anExportReceivesNo429WhenTheBudgetIsOursAlone(@TempDir Path dir) throws Exception {
        try (OktaSimulator sim = org(binding()).start();
             OktaConnector okta = OktaConnector.create(settings(sim, "Paced").build(), Governor(sim),
                     new ExportOptions(ExportOptions.LinkSide.APPS))) {
            okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);

            assertThat(sim.counters().tooManyRequests()).isZero();
            assertThat(sim.counters().requests(RateLimitBucket.APPS)).isEqualTo(26);
            OktaStats stats = okta.stats();
            assertThat(stats.rateLimitedAnswers()).isZero();
            assertThat(stats.requestsPerBucket()).containsEntry("APPS", 26L).containsEntry("USERS", 2L);
            assertThat(stats.requests()).isEqualTo(sim.counters().requests());
            // the apps bucket had to wait for its windows
            assertThat(stats.waits()).isPositive();
            assertThat(stats.waitMillis()).isPositive();
            assertThat(readCsv(dir.resolve("Paced_groupsapps.csv")).sortedRows()).isEqualTo(expectedAppLinks(sim));
            assertThat(readCsv(dir.resolve("Paced_groupsusers.csv")).sortedRows()).isEqualTo(expectedMemberships(sim));
        }
    }

    @Test
    void withoutPacingTheSameExportRunsInto429s(@TempDir Path dir) throws Exception {
        // the control: proves that the conditions above bind, so that the zero is a result
        try (OktaSimulator sim = org(binding()).start();
             OktaConnector okta = OktaConnector.create(settings(sim, "Unpaced").build(),
                     new UnpacedRetries(),
                     new ExportOptions(ExportOptions.LinkSide.APPS))) {
            okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
            assertThat(sim.counters().tooManyRequests()).isPositive();
            assertThat(okta.stats().rateLimitedAnswers()).isEqualTo(sim.counters().tooManyRequests());
        }
    }

    @Test
    void theOrgsConcurrencyLimitLowersOurConcurrencyAndTheExportCompletes(@TempDir Path dir) throws Exception {
        RateLimits limits = RateLimits.none().concurrencyLimit(3);
        try (OktaSimulator sim = OktaSimulator.builder().seed(32).users(400).groups(40).apps(6).rateLimits(limits)
                .latency(Duration.ofMillis(15), Duration.ofMillis(5)).start();
             OktaConnector okta = OktaConnector.create(settings(sim, "Narrow").maxConcurrency(12).build())) {
            okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
            OktaStats stats = okta.stats();
            assertThat(sim.counters().concurrencyRejections()).isPositive();
            assertThat(stats.concurrencyLimitedAnswers()).isEqualTo(sim.counters().concurrencyRejections());
            // 12 in flight against a limit of 3 would have most requests refused; halving on the first refusals keeps
            // them a minority (their exact number depends on timing)
            assertThat(stats.concurrencyLimitedAnswers()).isLessThan(stats.requests() / 2);
            assertThat(readCsv(dir.resolve("Narrow_groupsusers.csv")).sortedRows()).isEqualTo(expectedMemberships(sim));
        }
    }

    private static io.oktaconnector.okta.internal.http.CallPolicy Governor(OktaSimulator sim) {
        return io.oktaconnector.okta.internal.http.Governor.of(settings(sim, "Paced").build());
    }
}
