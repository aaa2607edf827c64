package io.oktaconnector.examples;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Configures slf4j-simple through its system properties. Must run before the first slf4j logger is created:
 * slf4j-simple reads its default level once, when it initializes.
 */
final class LogSetup {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    /**
     * Loggers that stay off even with {@code --verbose}: at DEBUG they print request and response headers, the
     * {@code Authorization: SSWS <token>} header included, and the wire logger prints every byte.
     */
    static final List<String> ALWAYS_OFF = List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");

    private LogSetup() {
    }

    /**
     * @param args the command line; {@code --verbose} anywhere before a {@code --} turns logging on
     * @return whether logging is verbose
     */
    static boolean verboseRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the slf4j-simple properties: everything off by default (the library and the SDK are silent); with
     * {@code verbose}, DEBUG for {@code io.oktaconnector} and INFO for everything else. Always to stderr; the header
     * and wire loggers always off.
     *
     * @param verbose whether {@code --verbose} was given
     */
    static void configure(boolean verbose) {
        System.setProperty(PREFIX + "logFile", "System.err");
        System.setProperty(PREFIX + "defaultLogLevel", verbose ? "info" : "off");
        System.setProperty(PREFIX + "log.io.oktaconnector", verbose ? "debug" : "off");
        for (String name : ALWAYS_OFF) {
            System.setProperty(PREFIX + "log." + name, "off");
        }
        System.setProperty(PREFIX + "showDateTime", "true");
        System.setProperty(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty(PREFIX + "showThreadName", "true");
        System.setProperty(PREFIX + "showShortLogName", "true");
        // java.util.logging writes INFO and above to stderr by default; nothing on our class path should use it, but
        // a stray line would break the one-error-line contract
        Logger root = LogManager.getLogManager().getLogger("");
        if (root != null) {
            root.setLevel(verbose ? Level.INFO : Level.OFF);
        }
    }
}
