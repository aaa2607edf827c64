/**
 * The Okta connector's API: {@link io.oktaconnector.okta.OktaSettings} (one connection's validated settings),
 * {@link io.oktaconnector.okta.OktaConnector} (the facade: export, check, validate), and
 * {@link io.oktaconnector.okta.EntityMappings} (the host's XML entity mapping). Everything under {@code .internal} may
 * change without notice.
 */
package io.oktaconnector.okta;
