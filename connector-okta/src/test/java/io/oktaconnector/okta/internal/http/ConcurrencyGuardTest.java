package io.oktaconnector.okta.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyGuardTest {

    @Test
    void boundsRequestsInFlight() {
        ConcurrencyGuard g = new ConcurrencyGuard(2);
        assertThat(g.available()).isTrue();
        g.acquire();
        g.acquire();
        assertThat(g.available()).isFalse();
        g.release();
        assertThat(g.available()).isTrue();
        assertThat(g.inFlight()).isEqualTo(1);
    }

    @Test
    void halvesOncePerOverloadAndGrowsBackByOne() {
        ConcurrencyGuard g = new ConcurrencyGuard(16);
        // a burst: four requests sent at t=10, all refused
        assertThat(g.concurrencyLimited(20, 10)).isTrue();
        assertThat(g.concurrencyLimited(21, 10)).isFalse();
        assertThat(g.concurrencyLimited(22, 10)).isFalse();
        assertThat(g.limit()).isEqualTo(8);
        // a request sent after the decrease and still refused: halve again
        assertThat(g.concurrencyLimited(40, 30)).isTrue();
        assertThat(g.limit()).isEqualTo(4);
        for (int i = 0; i < 7; i++) {
            g.succeeded();
        }
        assertThat(g.limit()).isEqualTo(4);
        g.succeeded();
        assertThat(g.limit()).isEqualTo(5);
        for (int i = 0; i < 1000; i++) {
            g.succeeded();
        }
        assertThat(g.limit()).isEqualTo(16);
        for (int t = 100; t < 110; t++) {
            g.concurrencyLimited(t, t);
        }
        assertThat(g.limit()).isEqualTo(1);
    }
}
