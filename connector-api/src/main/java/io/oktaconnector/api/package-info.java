/**
 * The connector SPI shared by an identity-governance host agent and every connector implementation.
 *
 * <p>This package depends on the JDK only. A host exports through an {@link io.oktaconnector.api.Exporter}
 * into a {@link io.oktaconnector.api.TableSink}, and fulfills {@link io.oktaconnector.api.ProvisioningOrder}s
 * through a {@link io.oktaconnector.api.Fulfiller}. Every failure is a {@link io.oktaconnector.api.ConnectorException}
 * carrying an {@link io.oktaconnector.api.ErrorCode}; credentials travel as {@link io.oktaconnector.api.Secret}s,
 * which never print.
 *
 * <p>A host obtains a connector by name, without naming its classes: {@link io.oktaconnector.api.Connectors#factory}
 * finds the {@link io.oktaconnector.api.ConnectorFactory} registered with {@link java.util.ServiceLoader}, which
 * creates the connector from one connection's {@link io.oktaconnector.api.ConnectionSettings}.
 *
 * <p>Value types are records that reject {@code null} components unless documented otherwise and copy the
 * collections they are given, so they are immutable and safe to share between threads.
 */
package io.oktaconnector.api;
