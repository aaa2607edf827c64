package io.oktaconnector.okta.internal.http;

import java.util.function.Supplier;

/**
 * Decides how one logical call is carried out: when each attempt may start (pacing) and whether a failed attempt is
 * repeated. The single seam between the request layer and the retry/rate-limit logic, so that the request governor can
 * replace {@link SimpleRetryPolicy} without touching callers.
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
}
