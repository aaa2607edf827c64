/**
 * Contract tests shipped in the {@code connector-api} test-jar: {@link io.oktaconnector.api.contract.TableSinkContract}
 * (every {@link io.oktaconnector.api.TableSink} implementation extends it) and
 * {@link io.oktaconnector.api.contract.InMemoryTableSink}, an in-memory sink for other modules' tests.
 */
package io.oktaconnector.api.contract;
