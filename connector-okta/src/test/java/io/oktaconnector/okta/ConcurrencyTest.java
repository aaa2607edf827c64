package io.oktaconnector.okta;

import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.oktaconnector.okta.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** MaxConcurrency bounds the requests in flight, and more than the SDK's default 5 are used when allowed. */
class ConcurrencyTest {

    @Test
    void requestsInFlightFollowMaxConcurrency(@TempDir Path dir) throws Exception {
        try (OktaSimulator sim = OktaSimulator.builder().seed(9).users(300).groups(40).apps(4)
                // each request takes 300 ms: the 40 member lists certainly overlap more than 5 at a time even on a
                // loaded machine (at 40 ms a slow scheduler could finish each before the next starts)
                .latency(Duration.ofMillis(300), Duration.ZERO).start()) {
            OktaConnector.export(settings(sim, "Wide").maxConcurrency(12).build(), dir.resolve("wide"));
            long wide = sim.counters().peakConcurrency();
            assertThat(wide).isGreaterThan(5).isLessThanOrEqualTo(12);
            assertThat(readCsv(dir.resolve("wide/Wide_groupsusers.csv")).sortedRows()).isEqualTo(expectedMemberships(sim));
        }
        try (OktaSimulator sim = OktaSimulator.builder().seed(9).users(300).groups(40).apps(4)
                .start()) {
            OktaConnector.export(settings(sim, "Narrow").maxConcurrency(2).build(), dir.resolve("narrow"));
            assertThat(sim.counters().peakConcurrency()).isLessThanOrEqualTo(2);
            assertThat(readCsv(dir.resolve("narrow/Narrow_groupsusers.csv")).sortedRows())
                    .isEqualTo(expectedMemberships(sim));
        }
    }
}
