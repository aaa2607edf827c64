/**
 * The command line {@code java -jar examples/target/okta-connector.jar}: {@code export}, {@code fulfill},
 * {@code check}, {@code protect} and {@code demo}, one picocli subcommand class each.
 *
 * <p>Contract (see the project's design, "CLI"): every command answers {@code --help} with exit code 0; exit 0 on
 * success; exit 1 on failure with exactly one line {@code error: <message>} on stderr and nothing else there; exit 2 on
 * bad usage (picocli's message and the usage on stderr); {@code fulfill} exits 0 whenever every order got a result,
 * {@code Errored} ones included, and prints {@code OrdersCount:n} and {@code Progress:k} lines on stdout for the host
 * agent. Library and SDK logging are silent unless {@code --verbose}, and the HTTP header and wire loggers are silent
 * always, since they would print the {@code Authorization} header.
 *
 * <p>Entry points: {@link io.oktaconnector.examples.Main#main(String[])} for the jar, and
 * {@link io.oktaconnector.examples.OktaConnectorCli#run} for running the commands in-process (tests, hosts that embed
 * the CLI). Only the connector's exported packages are used here, never an {@code internal} one.
 */
package io.oktaconnector.examples;
