/** Reading the seed's XML {@code EntityTypeMapping} elements, and checking a mapping's paths against the org. */
package io.oktaconnector.okta.internal.mapping;
