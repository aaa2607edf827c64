/**
 * Fulfill internals: reading the host's orders, planning each order into Okta operations, executing them with
 * idempotency checks, the dry-run recorder, and the crash-safe journal of an orders file. Not an API: everything
 * here may change without notice.
 */
package io.oktaconnector.okta.internal.fulfill;
