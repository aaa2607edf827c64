package io.oktaconnector.okta.internal.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTest {

    private static RateLimitHeaders of(Map<String, List<String>> headers) {
        return RateLimitHeaders.of(new ResponseInfo(200, headers));
    }

    @Test
    void readsTheThreeHeadersAndTheServersDate() {
        RateLimitHeaders h = of(Map.of("X-Rate-Limit-Limit", List.of("600"), "X-Rate-Limit-Remaining", List.of("598"),
                "X-Rate-Limit-Reset", List.of("1609459200"), "Date", List.of("Fri, 01 Jan 2021 00:00:00 GMT")));
        assertThat(h).isEqualTo(new RateLimitHeaders(600, 598, 1609459200, 1609459200_000L));
        assertThat(h.complete()).isTrue();
        assertThat(h.concurrencyLimited()).isFalse();
        assertThat(h.millisUntilReset(0)).isZero();
    }

    @Test
    void headerNamesIgnoreCase() {
        RateLimitHeaders h = of(Map.of("x-rate-limit-limit", List.of("100"), "X-RATE-LIMIT-REMAINING", List.of("7"),
                "x-Rate-limit-Reset", List.of("1609459260"), "date", List.of("Fri, 01 Jan 2021 00:00:30 GMT")));
        assertThat(h).isEqualTo(new RateLimitHeaders(100, 7, 1609459260, 1609459230_000L));
        assertThat(h.millisUntilReset(0)).isEqualTo(30_000);
    }

    @Test
    void duplicatedOrCommaJoinedHeadersTakeTheSmallest() {
        RateLimitHeaders dup = of(Map.of("X-Rate-Limit-Limit", List.of("1200", "600"),
                "X-Rate-Limit-Remaining", List.of("599", "1198"), "X-Rate-Limit-Reset", List.of("1609459260", "1609459290")));
        assertThat(dup).isEqualTo(new RateLimitHeaders(600, 599, 1609459260, -1));
        RateLimitHeaders joined = of(Map.of("X-Rate-Limit-Limit", List.of("1200, 600"),
                "X-Rate-Limit-Remaining", List.of("1198,599"), "X-Rate-Limit-Reset", List.of("1609459290 , 1609459260")));
        assertThat(joined).isEqualTo(dup);
    }

    @Test
    void garbageIsIgnoredAndAZeroResetIsNone() {
        RateLimitHeaders h = of(Map.of("X-Rate-Limit-Limit", List.of("abc", "-5", "600"),
                "X-Rate-Limit-Remaining", List.of("", "1e3", " 12 "),
                "X-Rate-Limit-Reset", List.of("0", "99999999999999999999", "1609459260"),
                "Date", List.of("yesterday", "Fri, 01 Jan 2021 00:00:00 GMT")));
        assertThat(h).isEqualTo(new RateLimitHeaders(600, 12, 1609459260, 1609459200_000L));

        RateLimitHeaders none = of(Map.of("X-Rate-Limit-Limit", List.of("x"), "Date", List.of("garbage")));
        assertThat(none).isEqualTo(RateLimitHeaders.NONE);
        assertThat(none.complete()).isFalse();
        assertThat(none.millisUntilReset(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(RateLimitHeaders.of(null)).isEqualTo(RateLimitHeaders.NONE);
    }

    @Test
    void withoutADateTheLocalClockMeasuresTheReset() {
        RateLimitHeaders h = of(Map.of("X-Rate-Limit-Limit", List.of("600"), "X-Rate-Limit-Remaining", List.of("0"),
                "X-Rate-Limit-Reset", List.of("1609459260")));
        assertThat(h.serverDateMillis()).isEqualTo(-1);
        assertThat(h.millisUntilReset(Instant.parse("2021-01-01T00:00:45Z").toEpochMilli())).isEqualTo(15_000);
    }

    @Test
    void limitAndRemainingZeroIsTheConcurrencyLimit() {
        RateLimitHeaders h = of(Map.of("X-Rate-Limit-Limit", List.of("0"), "X-Rate-Limit-Remaining", List.of("0"),
                "X-Rate-Limit-Reset", List.of("1609459320")));
        assertThat(h.concurrencyLimited()).isTrue();
        assertThat(of(Map.of("X-Rate-Limit-Limit", List.of("600"), "X-Rate-Limit-Remaining", List.of("0")))
                .concurrencyLimited()).isFalse();
    }
}
