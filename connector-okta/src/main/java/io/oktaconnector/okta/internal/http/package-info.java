/**
 * The request layer: the SDK client built in code, per-thread response capture, Link parsing, the request
 * {@link io.oktaconnector.okta.internal.http.Governor} behind the retry seam
 * ({@link io.oktaconnector.okta.internal.http.CallPolicy}: per-bucket pacing, bounded and adaptive concurrency, every
 * retry, the run's deadline) and the one error translation point ({@link io.oktaconnector.okta.internal.http.OktaErrors}).
 */
package io.oktaconnector.okta.internal.http;
