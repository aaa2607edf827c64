/** The export: paging, projection of raw JSON onto columns, the five tables, concurrency and atomic commit. */
package io.oktaconnector.okta.internal.export;
