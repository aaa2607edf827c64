package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.PlannedCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a run over orders files reports: the counts of every order, and the results and calls of its first orders, in
 * file order (calls up to a number). Only those are held: a large folder's results are in its results file, not in
 * memory. Not thread-safe: fed from the run's thread.
 */
final class RunTotals {
    private final int keep;
    private final int keepCalls;
    private final List<FulfillResult> results = new ArrayList<>();
    private final List<PlannedCall> plan = new ArrayList<>();
    private long orders;
    private long errored;
    // the file being worked on: a slot for each of its first orders while the summary has room
    private FulfillResult[] fileResults = new FulfillResult[0];
    private List<List<PlannedCall>> fileCalls = List.of();

    private int callsKept;

    /**
     * @param keep      how many orders' results the summary keeps
     * @param keepCalls how many calls of those orders it keeps: an order's calls are kept whole or not at all
     */
    RunTotals(int keep, int keepCalls) {
        this.keep = keep;
        this.keepCalls = keepCalls;
    }

    /** A file's orders come next: its first ones get slots while the summary has room. */
    void startFile(int size) {
        int slots = Math.max(0, Math.min(keep - results.size(), size));
        fileResults = new FulfillResult[slots];
        fileCalls = new ArrayList<>(Collections.nCopies(slots, null));
    }

    /** @return whether the current file has any slot */
    boolean keepsAny() {
        return fileResults.length > 0;
    }

    /** A result an interrupted run recorded (counted by {@link #counted}). */
    void previous(int index, FulfillResult result) {
        if (index < fileResults.length) {
            fileResults[index] = result;
        }
    }

    /** Counts the results an interrupted run recorded. */
    void counted(long count, long erroredCount) {
        orders += count;
        errored += erroredCount;
    }

    /** An order of the current file ended now. */
    void ended(int index, FulfillResult result, List<PlannedCall> calls) {
        orders++;
        errored += result.executed() ? 0 : 1;
        if (index < fileResults.length) {
            fileResults[index] = result;
            if (callsKept + calls.size() <= keepCalls) {
                // one order may send thousands of link writes: the plan stops growing, not the count
                fileCalls.set(index, calls);
                callsKept += calls.size();
            }
        }
    }

    /** The current file is done: its kept results join the summary, in file order. */
    void endFile() {
        for (int i = 0; i < fileResults.length; i++) {
            if (fileResults[i] != null) {
                results.add(fileResults[i]);
                if (fileCalls.get(i) != null) {
                    plan.addAll(fileCalls.get(i));
                }
            }
        }
        fileResults = new FulfillResult[0];
        fileCalls = List.of();
    }

    FulfillSummary summary(long requests, Duration elapsed) {
        return new FulfillSummary(results, plan, requests, elapsed, orders, errored);
    }
}
