/**
 * OAuth 2.0 client credentials with {@code private_key_jwt}, done with JDK crypto through the connector's own
 * HttpClient: PEM key reading, client assertion signing, token cache with single-flight renewal after a 401, and the
 * SDK authentication that sends the bearer token. Internal: not an API.
 */
package io.oktaconnector.okta.internal.oauth;
