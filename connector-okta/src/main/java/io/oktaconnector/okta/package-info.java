/**
 * The Okta connector's API.
 * <ul>
 *   <li>{@link io.oktaconnector.okta.OktaSettings}: one connection's validated settings, loaded from the host's
 *       {@code appsettings.agent.json} or built in code;</li>
 *   <li>{@link io.oktaconnector.okta.OktaConnector}: the facade. {@code export} (the static one-liner into CSV files,
 *       or into any {@link io.oktaconnector.api.TableSink}), {@code fulfill} (typed orders, a host's orders files
 *       crash-safely, or a {@link io.oktaconnector.okta.ProvisioningOrders} file), {@code check} (the credentials, and
 *       a mapping's paths against the org's schemas) and {@code validate};</li>
 *   <li>{@link io.oktaconnector.okta.EntityMappings} (the host's XML entity mapping) and
 *       {@link io.oktaconnector.okta.ProvisioningOrders} (the host's orders JSON, accepted and rejected entries);</li>
 *   <li>{@link io.oktaconnector.okta.PasswordNotifier}: where the passwords the connector sets are delivered.</li>
 * </ul>
 * Everything under {@code io.oktaconnector.okta.internal} is an implementation detail that may change without notice:
 * it is left out of the javadoc, and a host must not use it, even though the jar (an automatic module named
 * {@code io.oktaconnector.okta}) cannot hide it on the module path.
 */
package io.oktaconnector.okta;
