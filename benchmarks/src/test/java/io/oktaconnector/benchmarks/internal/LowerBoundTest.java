package io.oktaconnector.benchmarks.internal;

import io.oktaconnector.simulator.RateLimitBucket;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LowerBoundTest {

    /** 100,000 users; Everyone has them all, one group is empty, one has 30 members; two apps. */
    private static final OrgTruth ORG = new OrgTruth(100_000, List.of("g0", "g1", "g2"),
            new long[] {100_000, 0, 30}, new int[] {0, 0, 1}, new int[] {1, 0});

    @Test
    void theLongestMemberChainBoundsTheExportWhenTheBudgetSuffices() {
        LowerBound b = LowerBound.of(ORG, Conditions.pinned(), 1.0, 0);
        // users: 500 pages over a budget of 300 per 6 s window: 2 windows → 6 s + 0.1 s;
        // Everyone: 100 member pages after one groups page, 0.1 s each → 10.1 s
        assertThat(b.seconds()).isCloseTo(10.1, within(1e-9));
        // users 500, groups 1, apps 1 + 2 app-group lists, schemas 2 + members 100 + 1 (the empty group skipped)
        assertThat(b.best().requests()).containsEntry(RateLimitBucket.USERS, 500L)
                .containsEntry(RateLimitBucket.OTHER, 103L).containsEntry(RateLimitBucket.APPS, 3L);
        assertThat(b.requests()).isEqualTo(607);
    }

    @Test
    void ourShareAndTheNeighbourShrinkTheBudget() {
        // budget 300 x 0.5 = 150 per window: 500 pages need 4 windows → 18 s + 0.1 s
        assertThat(LowerBound.of(ORG, Conditions.pinned(), 0.5, 0).seconds()).isCloseTo(18.1, within(1e-9));
        // 300 x 0.5 x (1 - 0.5) = 75 per window: 7 windows → 36.1 s
        assertThat(LowerBound.of(ORG, Conditions.pinned(), 0.5, 0.5).seconds()).isCloseTo(36.1, within(1e-9));
    }

    @Test
    void writesAreBoundByTheirBucket() {
        // 10,000 changes at 600 per window: 17 windows → 16 x 6 s + 0.1 s
        LowerBound b = LowerBound.ofWrites(10_000, RateLimitBucket.OTHER, Conditions.pinned(), 1.0);
        assertThat(b.seconds()).isCloseTo(96.1, within(1e-9));
    }

    @Test
    void noLatencyAndNoLimitsGiveNoBound() {
        assertThat(LowerBound.of(ORG, Conditions.fast(), 1.0, 0).seconds()).isZero();
    }
}
