/** The harness's pieces: child processes, the lower bound, the baseline, the CPU floor, the report. */
package io.oktaconnector.benchmarks.internal;
