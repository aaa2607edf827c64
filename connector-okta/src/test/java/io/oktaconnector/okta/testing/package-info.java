/** Test fixtures shared by the connector's tests. */
package io.oktaconnector.okta.testing;
