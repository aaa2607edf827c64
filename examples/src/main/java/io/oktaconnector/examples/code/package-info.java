/**
 * Small, compiled code examples of the connector's extension points. Each has a {@code main} that starts a small
 * simulated org on 127.0.0.1 and runs against it; its {@code export} method takes any
 * {@link io.oktaconnector.okta.OktaSettings}, so the same code runs against a real org:
 * <ul>
 *   <li>{@link io.oktaconnector.examples.code.CustomMappingExample}: an entity mapping built in code instead of read
 *       from XML;</li>
 *   <li>{@link io.oktaconnector.examples.code.JsonLinesSinkExample} with
 *       {@link io.oktaconnector.examples.code.JsonLinesSink}: a custom {@link io.oktaconnector.api.TableSink} that writes
 *       JSON lines instead of CSV, published all together or not at all.</li>
 * </ul>
 * They use the connector's exported packages only. The README's "Use it as a library" code is compiled and run from
 * outside this build, by {@code consumer-it}.
 */
package io.oktaconnector.examples.code;
