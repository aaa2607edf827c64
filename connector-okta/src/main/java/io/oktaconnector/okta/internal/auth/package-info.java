/** OAuth 2.0 client credentials with {@code private_key_jwt}: PEM keys, client assertions, the token cache. */
package io.oktaconnector.okta.internal.auth;
