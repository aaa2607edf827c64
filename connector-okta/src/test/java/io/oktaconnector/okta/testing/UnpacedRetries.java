package io.oktaconnector.okta.testing;

import io.oktaconnector.okta.internal.http.Call;
import io.oktaconnector.okta.internal.http.CallPolicy;
import io.oktaconnector.okta.internal.http.Exchange;
import io.oktaconnector.okta.internal.http.ResponseInfo;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * A request policy without pacing, for the control experiment that shows what the governor's pacing saves: every
 * request is sent at once, and a 429 is retried (up to 10 times) after its reset, read against the server's
 * {@code Date}, plus a second, capped at 5 s. Nothing else is retried. Not for production: the connector always runs
 * on the {@link io.oktaconnector.okta.internal.http.Governor}.
 */
public final class UnpacedRetries implements CallPolicy {
    private static final int RETRIES = 10;
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    @Override
    public Exchange execute(Call call, Supplier<Exchange> attempt) throws InterruptedException {
        for (int retry = 0; ; retry++) {
            Exchange ex = attempt.get();
            if (ex.status() != 429 || retry == RETRIES) {
                return ex;
            }
            Thread.sleep(wait(ex.info()).toMillis());
        }
    }

    private static Duration wait(ResponseInfo info) {
        String reset = info == null ? null : info.first("X-Rate-Limit-Reset");
        String date = info == null ? null : info.first("Date");
        if (reset == null || date == null) {
            return Duration.ofSeconds(1);
        }
        try {
            long now = ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .toEpochMilli();
            long millis = Long.parseLong(reset.strip()) * 1000 - now + 1000;
            return Duration.ofMillis(Math.max(1000, Math.min(millis, MAX_WAIT.toMillis())));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Duration.ofSeconds(1);
        }
    }
}
