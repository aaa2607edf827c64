package io.oktaconnector.okta.internal.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The rate-limit facts of one response: {@code X-Rate-Limit-Limit}, {@code -Remaining}, {@code -Reset} (epoch seconds)
 * and the server's {@code Date}. Header names ignore case ({@link ResponseInfo}). Okta sometimes sends a header twice
 * (okta-sdk-java #259) and proxies may comma-join repeated headers: every value counts and the smallest wins, the
 * binding limit being the lower one. A value that is not a non-negative integer is ignored, as is an unparseable date.
 *
 * @param limit            the bucket's limit per window, or -1 when not sent
 * @param remaining        requests left in the current window, or -1 when not sent
 * @param resetEpochSecond when the window resets, UTC epoch seconds, or -1 when not sent
 * @param serverDateMillis the server's clock when it answered, epoch milliseconds, or -1 without a usable {@code Date}
 */
public record RateLimitHeaders(long limit, long remaining, long resetEpochSecond, long serverDateMillis) {

    /** No rate-limit information at all. */
    public static final RateLimitHeaders NONE = new RateLimitHeaders(-1, -1, -1, -1);

    /**
     * @param info a response, may be {@code null}
     * @return its rate-limit facts
     */
    public static RateLimitHeaders of(ResponseInfo info) {
        if (info == null) {
            return NONE;
        }
        return new RateLimitHeaders(smallest(info.all("X-Rate-Limit-Limit")),
                smallest(info.all("X-Rate-Limit-Remaining")), smallestPositive(info.all("X-Rate-Limit-Reset")),
                date(info.all("Date")));
    }

    /** @return whether limit, remaining and reset were all sent */
    public boolean complete() {
        return limit >= 0 && remaining >= 0 && resetEpochSecond > 0;
    }

    /**
     * @return whether this is Okta's sign of the org-wide concurrency limit (limit and remaining both 0); its reset is
     *         only "a suggested value" and must not be waited for
     */
    public boolean concurrencyLimited() {
        return limit == 0 && remaining == 0;
    }

    /**
     * How long until the window resets, by the server's clock when it sent a {@code Date} (so that a skewed local clock
     * does not matter), else by {@code localNowMillis}.
     *
     * @param localNowMillis our wall clock, used only without a server {@code Date}
     * @return milliseconds until the reset (negative when past), or {@code Long.MIN_VALUE} without a reset
     */
    public long millisUntilReset(long localNowMillis) {
        if (resetEpochSecond <= 0) {
            return Long.MIN_VALUE;
        }
        long now = serverDateMillis >= 0 ? serverDateMillis : localNowMillis;
        return resetEpochSecond * 1000 - now;
    }

    static long smallest(List<String> values) {
        return smallest(values, 0);
    }

    /** A reset of 0 is as good as none: the smallest positive one. */
    static long smallestPositive(List<String> values) {
        return smallest(values, 1);
    }

    private static long smallest(List<String> values, long least) {
        long min = -1;
        for (String v : values) {
            for (String part : v.split(",")) {
                String p = part.strip();
                if (p.isEmpty() || p.length() > 18) {
                    continue;
                }
                boolean digits = true;
                for (int i = 0; i < p.length(); i++) {
                    if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                        digits = false;
                        break;
                    }
                }
                long n = digits ? Long.parseLong(p) : -1;
                if (n >= least) {
                    min = min < 0 ? n : Math.min(min, n);
                }
            }
        }
        return min;
    }

    static long date(List<String> values) {
        for (String d : values) {
            String text = d.strip();
            LastDate last = lastDate;
            if (text.equals(last.text)) {
                return last.millis; // answers within one second carry the same Date: parsing it is the costly part
            }
            try {
                long millis = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                lastDate = new LastDate(text, millis);
                return millis;
            } catch (DateTimeParseException ignored) {
                // a garbled Date counts as absent; the next one, else our own clock
            }
        }
        return -1;
    }

    /** The last {@code Date} parsed, shared by all threads (an immutable pair behind a volatile reference). */
    private record LastDate(String text, long millis) {
    }

    private static volatile LastDate lastDate = new LastDate(null, -1);
}
