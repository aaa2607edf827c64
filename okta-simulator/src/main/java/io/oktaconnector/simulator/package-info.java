/**
 * A wire-compatible, in-memory Okta org on loopback, for tests, demos and benchmarks.
 *
 * <p>Start one with {@link io.oktaconnector.simulator.OktaSimulator#builder()}; point an Okta client at
 * {@link io.oktaconnector.simulator.OktaSimulator#baseUrl()} with the SSWS token
 * {@link io.oktaconnector.simulator.OktaSimulator#token()}; assert on the ground truth
 * ({@link io.oktaconnector.simulator.SimOrg}), the {@link io.oktaconnector.simulator.RequestLog} and the
 * {@link io.oktaconnector.simulator.Counters}; inject failures with {@link io.oktaconnector.simulator.FaultRule}s.
 * Everything in this package is thread-safe unless stated otherwise.
 */
package io.oktaconnector.simulator;
