package io.oktaconnector.okta.internal.http;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Decides how one logical call is carried out: when each attempt may start (pacing) and whether a failed attempt is
 * repeated. The single seam between the request layer and the retry/rate-limit logic: the {@link Governor}, in
 * production and in the tests (only a control experiment runs without pacing).
 *
 * <p>Implementations are shared by every worker thread: thread-safe.
 */
public interface CallPolicy {

    /**
     * Runs the call.
     *
     * @param call    what is called
     * @param attempt performs one HTTP attempt; never throws, the outcome says what happened
     * @return the outcome of the last attempt made (a success, or the failure to report)
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    Exchange execute(Call call, Supplier<Exchange> attempt) throws InterruptedException;

    /**
     * Runs the call within a run: waits are counted and the run's deadline is kept. The default ignores the scope.
     *
     * @param call    what is called
     * @param attempt performs one HTTP attempt
     * @param scope   the run's deadline and counters
     * @return the outcome of the last attempt made
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws io.oktaconnector.api.ConnectorException TIMEOUT past the deadline, RATE_LIMITED when a rate-limit wait
     *                                                 would end after it
     */
    default Exchange execute(Call call, Supplier<Exchange> attempt, CallScope scope) throws InterruptedException {
        return execute(call, attempt);
    }

    /**
     * @param timeout how long a run may take
     * @return the run's deadline on this policy's clock
     */
    default Deadline deadlineAfter(Duration timeout) {
        return Deadline.after(timeout, Ticker.SYSTEM);
    }

    /**
     * @return the clock of this policy's deadlines ({@link #deadlineAfter}), to measure the time left to one
     */
    default Ticker ticker() {
        return Ticker.SYSTEM;
    }

    /**
     * @param bucket a rate-limit bucket
     * @return the requests per window this policy lets us send in it, as far as known; -1 when it does not pace
     */
    default long budgetPerWindow(Bucket bucket) {
        return -1;
    }
}
