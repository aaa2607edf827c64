package io.oktaconnector.examples;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProxySettings;
import io.oktaconnector.okta.TrustStoreSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The top-level command {@code okta-connector} and the in-process entry point {@link #run}.
 *
 * <p>Each subcommand is one class ({@code ExportCommand}, {@code FulfillCommand}, {@code CheckCommand},
 * {@code ProtectCommand}, {@code DemoCommand}); a new command is one more class added to {@code subcommands} below.
 * Subcommands reach this object through {@link picocli.CommandLine.ParentCommand} for the streams, the terminal flag
 * and the secret registry.
 *
 * @since 0.1
 */
@Command(name = "okta-connector",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = OktaConnectorCli.Version.class,
        sortOptions = false,
        description = "Exports an Okta org to CSV files, fulfills provisioning orders into it, checks a connection, "
                + "protects the credentials of a settings file, or runs a self-contained demo.",
        footer = {"", "Exit codes: 0 success, 1 failure (one 'error:' line on stderr), 2 bad usage."},
        subcommands = {ExportCommand.class, FulfillCommand.class, CheckCommand.class, ProtectCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class})
public final class OktaConnectorCli {

    /** Exit code of a successful command (and of {@code --help}). */
    public static final int OK = 0;
    /** Exit code of a failed command: exactly one {@code error: …} line on stderr. */
    public static final int FAILED = 1;
    /** Exit code of bad usage: picocli's message and the usage on stderr. */
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log the connector (DEBUG) and its libraries (INFO) to stderr, and print stack traces. "
                    + "Request headers are never logged.")
    boolean verbose;

    private final boolean interactive;
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();

    private OktaConnectorCli(boolean interactive) {
        this.interactive = interactive;
    }

    /**
     * Runs one command line in this JVM. Logging is not configured here: {@link Main} does that before anything else;
     * an embedding host keeps its own.
     *
     * @param args        the command line, never {@code null}
     * @param out         receives the command's results (summaries), never {@code null}
     * @param err         receives progress (when {@code interactive}), the {@code error:} line and usage errors, never
     *                    {@code null}
     * @param interactive whether {@code err} is a terminal: only then is export progress shown
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
        Objects.requireNonNull(args, "args == null");
        PrintWriter outWriter = writer(out);
        PrintWriter errWriter = writer(err);
        try {
            return commandLine(interactive, outWriter, errWriter).execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    static CommandLine commandLine(boolean interactive, PrintWriter out, PrintWriter err) {
        OktaConnectorCli top = new OktaConnectorCli(interactive);
        CommandLine cl = new CommandLine(top);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(top::handleFailure);
        cl.setParameterExceptionHandler(OktaConnectorCli::handleUsageError);
        return cl;
    }

    private static PrintWriter writer(PrintStream stream) {
        // the platform charset, as System.out itself uses on Java 17
        return new PrintWriter(Objects.requireNonNull(stream, "stream == null"), true);
    }

    /** @return whether stderr is a terminal (progress is shown only then) */
    boolean interactive() {
        return interactive;
    }

    /** @return whether {@code --verbose} was given (on the top command or a subcommand) */
    boolean verbose() {
        return verbose;
    }

    /**
     * Registers a credential the commands have loaded, so that no error line can show it, whatever a library put in
     * an exception message.
     *
     * @param secret a credential, never {@code null}
     */
    void registerSecret(Secret secret) {
        secrets.add(Objects.requireNonNull(secret, "secret == null"));
    }

    /**
     * Registers every credential of loaded settings (see {@link #registerSecret}).
     *
     * @param settings the settings a command has loaded, never {@code null}
     * @return {@code settings}
     */
    OktaSettings registerSecrets(OktaSettings settings) {
        settings.apiKey().ifPresent(this::registerSecret);
        settings.privateKey().ifPresent(this::registerSecret);
        settings.proxy().map(ProxySettings::password).ifPresent(this::registerSecret);
        settings.trustStore().map(TrustStoreSettings::password).ifPresent(this::registerSecret);
        Secret defaultPassword = settings.passwordReset().defaultPassword();
        if (defaultPassword != null) {
            registerSecret(defaultPassword);
        }
        return settings;
    }

    /**
     * @param text text about to be printed
     * @return the text with every registered credential replaced by {@code [hidden]}
     */
    String hideSecrets(String text) {
        return redact(text, secrets);
    }

    /**
     * Exit code 2: picocli's message, its suggestions for a mistyped command or option, and always the usage (picocli's
     * own handler leaves the usage out when it has a suggestion).
     */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        cl.usage(err, cl.getColorScheme());
        err.flush();
        return USAGE;
    }

    /** Exit code 1 with exactly one {@code error:} line; the stack trace follows only with {@code --verbose}. */
    private int handleFailure(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(errorLine(e, secrets));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            // a trace repeats the messages: hide the secrets there too
            err.print(redact(trace.toString(), secrets));
        }
        err.flush();
        return FAILED;
    }

    /**
     * The one line a failure prints: {@code error: <message>} for a {@link ConnectorException} (its message is written
     * for a person), {@code error: internal error: <class>: <message>} for anything else. Line breaks become spaces;
     * the known secrets are replaced by {@code [hidden]}.
     *
     * @param e       the failure
     * @param secrets credentials the command has loaded
     * @return the line, without a line separator
     */
    static String errorLine(Throwable e, List<Secret> secrets) {
        String text;
        if (e instanceof ConnectorException || e instanceof CliFailure) {
            text = e.getMessage();
        } else {
            String m = e.getMessage();
            text = "internal error: " + e.getClass().getName() + (m == null || m.isBlank() ? "" : ": " + m);
        }
        return "error: " + redact(text, secrets).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String redact(String text, List<Secret> secrets) {
        String result = text;
        for (Secret s : secrets) {
            // defence in depth: the connector promises never to put a credential in a message; the CLI promises the
            // same for everything it prints, so it does not rely on that promise alone
            String value = s.reveal();
            if (!value.isBlank()) {
                result = result.replace(value, "[hidden]");
            }
        }
        return result;
    }

    /** Reads the version from the jar's manifest ({@code Implementation-Version}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = OktaConnectorCli.class.getPackage().getImplementationVersion();
            return new String[] {"okta-connector " + (v == null ? "(development build)" : v)};
        }
    }
}
