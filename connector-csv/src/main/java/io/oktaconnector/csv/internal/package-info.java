/**
 * Implementation of the CSV sink and journal: encoding, temporary file handling, reading back. Not an API: may
 * change in any release.
 */
package io.oktaconnector.csv.internal;
