package io.oktaconnector.okta.internal.http;

import io.oktaconnector.okta.internal.http.BucketPacer.Decision;
import io.oktaconnector.okta.internal.http.BucketPacer.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Pacing decisions as plain functions of what the org reported and what we sent; time is a number. */
class BucketPacerTest {

    private static final long S = FakeTicker.S;
    private static final long MS = FakeTicker.MS;
    /** The server's Date of every answer: epoch 1,800,000,000 s. */
    private static final long DATE_MS = 1_800_000_000_000L;
    /** A local wall clock that is an hour off: must never matter when the server sends a Date. */
    private static final long SKEWED_WALL = DATE_MS + 3_600_000L;

    private long now = 1_000 * S;

    private static BucketPacer pacer(double share) {
        return new BucketPacer(Bucket.USERS, share, 2, 0.25, 60 * S);
    }

    private static RateLimitHeaders h(long limit, long remaining, long secondsToReset) {
        return new RateLimitHeaders(limit, remaining, DATE_MS / 1000 + secondsToReset, DATE_MS);
    }

    /** One probe, answered with these numbers; then: may the next request start? */
    private Decision afterAnswer(double share, long limit, long remaining, long secondsToReset) {
        BucketPacer p = pacer(share);
        Decision first = p.tryAcquire(now);
        assertThat(first.granted()).isTrue();
        p.answered(first.ticket(), 200, h(limit, remaining, secondsToReset), now, SKEWED_WALL);
        return p.tryAcquire(now);
    }

    @ParameterizedTest(name = "limit {0}, remaining {1}, reset in {2} s, share {3} -> granted {4}, else wait {5} s")
    @CsvSource({
            // our budget is floor(limit x share); the remaining count must stay at or above limit - budget
            "600, 599, 60, 0.5, true,  0",
            "600, 301, 30, 0.5, true,  0",
            "600, 300, 30, 0.5, false, 30",
            "600, 250, 12, 0.5, false, 12",
            "600,   1, 30, 1.0, true,  0",
            "600,   0, 30, 1.0, false, 30",
            "100,  60, 10, 0.5, true,  0",
            "100,  50, 10, 0.5, false, 10",
            "100,  81, 10, 0.2, true,  0",
            "100,  80, 10, 0.2, false, 10",
            "100,  72, 10, 0.29, true, 0",
            "100,  71, 10, 0.29, false, 10",
    })
    void keepsTheHeadroomThatBelongsToOtherIntegrations(long limit, long remaining, long reset, double share,
                                                        boolean granted, long waitSeconds) {
        Decision d = afterAnswer(share, limit, remaining, reset);
        assertThat(d.granted()).isEqualTo(granted);
        if (!granted) {
            assertThat(d.reason()).isEqualTo(Reason.BUDGET);
            assertThat(d.waitNanos()).isEqualTo(waitSeconds * S);
        }
    }

    @Test
    void probesWithAFewRequestsUntilTheFirstAnswerTellsTheLimit() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        Decision b = p.tryAcquire(now);
        Decision c = p.tryAcquire(now);
        assertThat(a.granted()).isTrue();
        assertThat(b.granted()).isTrue();
        assertThat(c.granted()).isFalse();
        assertThat(c.reason()).isEqualTo(Reason.PROBING);
        assertThat(p.budget()).isEqualTo(-1);
        p.answered(a.ticket(), 200, h(600, 598, 60), now, SKEWED_WALL);
        assertThat(p.limit()).isEqualTo(600);
        assertThat(p.budget()).isEqualTo(300);
        assertThat(p.tryAcquire(now).granted()).isTrue();
    }

    @Test
    void spreadsTheBudgetOverTheWindowInsteadOfSpendingItAtOnce() {
        BucketPacer p = pacer(0.5);
        Decision first = p.tryAcquire(now);
        long start = now;
        p.answered(first.ticket(), 200, h(600, 599, 60), now, SKEWED_WALL);
        // allowed in this window: 599 - 300 = 299; a burst of a quarter of the budget (75), the rest spread
        int burst = 0;
        while (p.tryAcquire(now).granted()) {
            burst++;
        }
        assertThat(burst).isEqualTo(75);
        Decision next = p.tryAcquire(now);
        assertThat(next.reason()).isEqualTo(Reason.SPREADING);
        // 224 left over 60 s: one every 60/224 s
        assertThat(next.waitNanos() / (double) S).isCloseTo(60.0 / 224, within(0.01));

        int granted = burst;
        long last = now;
        while (true) {
            Decision d = p.tryAcquire(now);
            if (d.granted()) {
                granted++;
                last = now;
            } else if (d.reason() == Reason.SPREADING) {
                now += d.waitNanos();
            } else {
                assertThat(d.reason()).isEqualTo(Reason.BUDGET);
                break;
            }
        }
        assertThat(granted).isEqualTo(299);
        // the budget lasted until the end of the window
        assertThat((last - start) / (double) S).isBetween(58.0, 60.0);
    }

    @Test
    void aNeighboursUseShowsInTheRemainingCountAndShrinksOurs() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        Decision b = p.tryAcquire(now);
        p.answered(a.ticket(), 200, h(600, 599, 60), now, SKEWED_WALL);
        // someone else took 240 requests between our two
        p.answered(b.ticket(), 200, h(600, 358, 60), now, SKEWED_WALL);
        int granted = 0;
        Decision d;
        while ((d = p.tryAcquire(now)).granted() || d.reason() == Reason.SPREADING) {
            if (d.granted()) {
                granted++;
            } else {
                now += d.waitNanos();
            }
        }
        assertThat(granted).isEqualTo(58); // 358 - 300
        assertThat(d.reason()).isEqualTo(Reason.BUDGET);
    }

    @Test
    void theWindowEndIsMeasuredOnTheServersClockAndTheEarliestEstimateWins() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        Decision b = p.tryAcquire(now);
        // Date has a resolution of one second: the same reset seen 400 ms later by a Date that did not tick yet
        p.answered(a.ticket(), 200, h(100, 50, 10), now, SKEWED_WALL);
        p.answered(b.ticket(), 200, h(100, 50, 10), now + 400 * MS, SKEWED_WALL);
        Decision d = p.tryAcquire(now + 400 * MS);
        assertThat(d.reason()).isEqualTo(Reason.BUDGET);
        assertThat(d.waitNanos()).isEqualTo(10 * S - 400 * MS);
    }

    @Test
    void aFreshWindowStartsWithABurstAndItsFirstAnswerTeachesTheWindowLength() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        p.answered(a.ticket(), 200, h(100, 50, 6), now, SKEWED_WALL);
        Decision spent = p.tryAcquire(now);
        assertThat(spent.reason()).isEqualTo(Reason.BUDGET);
        now += spent.waitNanos();
        // the window is over: a quarter of the budget (12.5 -> 12) at once, then spreading over the assumed length
        int burst = 0;
        Decision d;
        long lastTicket = 0;
        while ((d = p.tryAcquire(now)).granted()) {
            burst++;
            lastTicket = d.ticket();
        }
        assertThat(burst).isEqualTo(12);
        assertThat(d.reason()).isEqualTo(Reason.SPREADING);
        assertThat(p.windowLength()).isEqualTo(60 * S);
        // the first answer of the new window: reset 6 s after the previous one
        p.answered(lastTicket, 200, new RateLimitHeaders(100, 88, DATE_MS / 1000 + 12, DATE_MS + 6_000), now,
                SKEWED_WALL);
        assertThat(p.windowLength()).isEqualTo(6 * S);
        // 88 - 50 = 38 more in this window (all 12 sent are counted in the 88)
        int more = 0;
        while ((d = p.tryAcquire(now)).granted() || d.reason() == Reason.SPREADING) {
            if (d.granted()) {
                more++;
            } else {
                now += d.waitNanos();
            }
        }
        assertThat(more).isEqualTo(38);
    }

    @Test
    void anEarlyEstimateOfTheEndIsCorrectedByAnAnswerFromTheSameWindow() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        p.answered(a.ticket(), 200, h(100, 51, 2), now, SKEWED_WALL);
        now += 2 * S;
        Decision fresh = p.tryAcquire(now); // assumed a new window
        assertThat(fresh.granted()).isTrue();
        // but its answer still names the old reset, with the old window spent down to the headroom
        p.answered(fresh.ticket(), 200, new RateLimitHeaders(100, 50, DATE_MS / 1000 + 2, DATE_MS + 1_000), now,
                SKEWED_WALL);
        Decision d = p.tryAcquire(now);
        assertThat(d.granted()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.BUDGET);
        assertThat(d.waitNanos()).isEqualTo(S);
        // an answer about an older window changes nothing
        p.answered(0, 200, new RateLimitHeaders(100, 99, DATE_MS / 1000 - 60, DATE_MS - 61_000), now, SKEWED_WALL);
        assertThat(p.tryAcquire(now).waitNanos()).isEqualTo(S);
    }

    @Test
    void a429BlocksTheBucketUntilTheResetByTheServersDatePlusOneSecond() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        p.answered(a.ticket(), 429, h(600, 0, 5), now, SKEWED_WALL);
        Decision d = p.tryAcquire(now);
        assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(d.waitNanos()).isEqualTo(6 * S);
        now += 6 * S;
        assertThat(p.tryAcquire(now).granted()).isTrue();

        // without a Date our own clock measures it; a far reset is capped
        BucketPacer q = pacer(0.5);
        Decision b = q.tryAcquire(now);
        q.answered(b.ticket(), 429, new RateLimitHeaders(600, 0, DATE_MS / 1000 + 20, -1), now, DATE_MS + 5_000);
        assertThat(q.tryAcquire(now).waitNanos()).isEqualTo(16 * S);
        BucketPacer r = pacer(0.5);
        Decision c = r.tryAcquire(now);
        r.answered(c.ticket(), 429, h(600, 0, 3_600), now, SKEWED_WALL);
        assertThat(r.tryAcquire(now).waitNanos()).isEqualTo(60 * S);
    }

    @Test
    void aConcurrency429TeachesNothingAboutTheBucket() {
        BucketPacer p = pacer(0.5);
        Decision a = p.tryAcquire(now);
        p.answered(a.ticket(), 429, h(0, 0, 60), now, SKEWED_WALL);
        assertThat(p.limit()).isEqualTo(-1);
        assertThat(p.tryAcquire(now).granted()).isTrue();
    }

    @Test
    void aBucketWhoseAnswersCarryNoHeadersIsNotPaced() {
        BucketPacer p = pacer(0.5);
        for (int i = 0; i < BucketPacer.HEADERLESS_ANSWERS; i++) {
            Decision d = p.tryAcquire(now);
            assertThat(d.granted()).isTrue();
            p.answered(d.ticket(), 200, RateLimitHeaders.NONE, now, SKEWED_WALL);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(p.tryAcquire(now).granted()).isTrue();
        }
        assertThat(p.inFlight()).isEqualTo(100);
    }
}
