/**
 * Compact collections the connector keeps per run where a {@code java.util} collection would cost too much per entry
 * (a million user ids in a 64 MB heap).
 */
package io.oktaconnector.okta.internal.collect;
