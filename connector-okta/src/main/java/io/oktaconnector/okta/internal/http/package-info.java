/**
 * The request layer: the SDK client built in code, per-thread response capture, Link parsing, the retry seam
 * ({@link io.oktaconnector.okta.internal.http.CallPolicy}) and the one error translation point
 * ({@link io.oktaconnector.okta.internal.http.OktaErrors}).
 */
package io.oktaconnector.okta.internal.http;
