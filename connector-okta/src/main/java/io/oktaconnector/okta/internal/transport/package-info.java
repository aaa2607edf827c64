/**
 * What guards the connector's HTTP traffic besides the request layer: the configured proxy, the extra trust store, and
 * the guard that keeps credentials to the configured org's origin. Internal: not an API.
 */
package io.oktaconnector.okta.internal.transport;
