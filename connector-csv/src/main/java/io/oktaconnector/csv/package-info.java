/**
 * CSV output for the connector: {@link io.oktaconnector.csv.CsvTableSink}, the default
 * {@link io.oktaconnector.api.TableSink}, which publishes a whole export atomically; {@link io.oktaconnector.csv.CsvAppender},
 * a flush-per-row CSV journal that survives a crash and can be resumed; and {@link io.oktaconnector.csv.CsvOptions}.
 *
 * <p>Files are RFC 4180 by default: comma, CRLF, UTF-8 without byte order mark, one header row, fields quoted only
 * where needed. Everything under {@code io.oktaconnector.csv.internal} is an implementation detail.
 */
package io.oktaconnector.csv;
