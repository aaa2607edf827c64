/**
 * The benchmark harness of okta-connector: {@link io.oktaconnector.benchmarks.BenchmarkMain} starts the
 * okta-simulator in a child JVM under the pinned benchmark conditions, seeds a scenario, runs our export (and a
 * baseline written with the SDK's typed API) in child JVMs of their own, and prints wall time, requests per rate-limit
 * bucket, 429s, peak heap, CPU time, rows per second and the ratio to a lower bound computed from the scenario.
 *
 * <p>Not part of {@code mvn verify}'s measurements: only a scaled-down smoke run is tested there.
 */
package io.oktaconnector.benchmarks;
