/** Reading the seed's XML {@code EntityTypeMapping} elements. */
package io.oktaconnector.okta.internal.mapping;
