/**
 * What guards the connector's HTTP traffic besides the request layer: the configured proxy, the extra trust store,
 * and the OAuth interceptor that puts a bearer token on requests to the configured org only and renews it once after
 * a 401. Internal: not an API.
 */
package io.oktaconnector.okta.internal.transport;
