package io.oktaconnector.examples;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that name a connection: {@code --settings FILE --connection ID}. A picocli mixin. */
final class ConnectionOptions {

    @Option(names = "--settings", required = true, paramLabel = "FILE",
            description = "The settings file (appsettings.agent.json) holding the connection in its Connections section.")
    Path settings;

    @Option(names = "--connection", required = true, paramLabel = "ID",
            description = "The connection identifier, e.g. OktaExportFulfillment; it also names the exported files.")
    String connection;
}
