/**
 * Small, compiled code examples of the connector's extension points, each a class with a {@code main} that runs
 * against a simulated org (or a real one, given a settings file):
 * <ul>
 *   <li>{@link io.oktaconnector.examples.code.CustomMappingExample}: an entity mapping built in code instead of read
 *       from XML;</li>
 *   <li>{@link io.oktaconnector.examples.code.JsonLinesSinkExample} with
 *       {@link io.oktaconnector.examples.code.JsonLinesSink}: a custom {@link io.oktaconnector.api.TableSink} that writes
 *       JSON lines instead of CSV, published all together or not at all.</li>
 * </ul>
 * They use the connector's exported packages only.
 */
package io.oktaconnector.examples.code;
