/**
 * Credentials in settings: secret references ({@code ${env:}}, {@code ${file:}}, vault resolvers), protected values
 * of {@code appsettings.encrypted.agent.json} (RSA-OAEP-SHA-256 wrapped AES-256-GCM, JDK crypto only) and the one
 * reader that merges both files into a connection's clear settings. Internal: not an API.
 */
package io.oktaconnector.okta.internal.secret;
