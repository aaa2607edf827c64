package io.oktaconnector.examples;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.ProxySettings;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.oktaconnector.examples.CliTestSupport.ID;
import static io.oktaconnector.examples.CliTestSupport.SUFFIXES;
import static io.oktaconnector.examples.CliTestSupport.TOKEN;
import static io.oktaconnector.examples.CliTestSupport.WRONG_TOKEN;
import static io.oktaconnector.examples.CliTestSupport.cli;
import static io.oktaconnector.examples.CliTestSupport.file;
import static io.oktaconnector.examples.CliTestSupport.readCsv;
import static io.oktaconnector.examples.CliTestSupport.writeSettings;
import static org.assertj.core.api.Assertions.assertThat;

/** The CLI contract, run in-process through picocli with captured stdout and stderr, against the simulator. */
class CliTest {

    private static OktaSimulator sim;
    private static Path settings;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        sim = CliTestSupport.simulator();
        settings = writeSettings(shared.resolve("settings"), sim.baseUrl(), TOKEN);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    // ---------------------------------------------------------------- help and usage

    static Stream<List<String>> helpCommands() {
        return Stream.of(List.of("--help"), List.of("-h"), List.of("export", "--help"), List.of("check", "--help"),
                List.of("demo", "--help"), List.of("fulfill", "--help"), List.of("export", "-h"), List.of("help"),
                List.of("help", "export"), List.of("help", "check"), List.of("help", "demo"), List.of("help", "fulfill"),
                List.of("protect", "--help"), List.of("help", "protect"),
                // help wins over missing required options
                List.of("export", "--settings", "x.json", "--help"), List.of("fulfill", "--dry-run", "--help"));
    }

    @ParameterizedTest
    @MethodSource("helpCommands")
    void everyCommandAnswersHelp(List<String> args) {
        CliTestSupport.Run r = cli(args.toArray(String[]::new));

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: okta-connector");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpOfExportNamesEveryOption() {
        String help = cli("export", "--help").out();

        assertThat(help).contains("--settings=FILE", "--connection=ID", "--output=DIR", "--mapping=FILE", "--verbose");
    }

    @Test
    void helpOfFulfillNamesEveryOptionAndTheProgressLines() {
        String help = cli("fulfill", "--help").out();

        assertThat(help).contains("--settings=FILE", "--connection=ID", "--orders=FILE|DIR", "--results=FILE",
                "--mapping=FILE", "--dry-run", "--verbose", "OrdersCount:n", "Progress:k", "Completed/");
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        assertThat(cli("--help").out()).contains("  export ", "  fulfill ", "  check ", "  protect ", "  demo ",
                "  help ");
    }

    @Test
    void versionIsPrinted() {
        CliTestSupport.Run r = cli("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("okta-connector ");
    }

    static Stream<List<String>> badUsage() {
        return Stream.of(List.of(), List.of("frobnicate"), List.of("export"),
                List.of("export", "--settings", "s.json", "--connection", ID),
                List.of("check", "--settings"), List.of("check", "--connection", ID),
                List.of("check", "--settings", "s.json", "--connection", ID, "--bogus"),
                List.of("demo", "surplus"), List.of("--verbose"),
                List.of("fulfill", "--settings", "s.json", "--connection", ID, "--orders", "o.json"),
                List.of("fulfill", "--settings", "s.json", "--connection", ID, "--results", "r.csv"),
                List.of("fulfill", "--settings", "s.json", "--connection", ID, "--orders", "o.json", "--results",
                        "r.csv", "--dry-run=maybe"),
                List.of("fulfill", "--settings", "s.json", "--connection", ID, "--orders", "o.json", "--results",
                        "r.csv", "--force"),
                List.of("protect"), List.of("protect", "--certificate", "c.pem"), List.of("protect", "--settings"),
                List.of("protect", "--settings", "s.json", "extra"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageExitsWith2AndShowsTheUsageOnStderr(List<String> args) {
        CliTestSupport.Run r = cli(args.toArray(String[]::new));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: okta-connector");
    }

    // ---------------------------------------------------------------- check

    @Test
    void checkSucceedsWithOneLineOnStdout() {
        CliTestSupport.Run r = cli("check", "--settings", settings.toString(), "--connection", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).hasSize(1);
        assertThat(r.out()).startsWith("ok: connection " + ID + " reached " + sim.baseUrl() + ";")
                .doesNotContain(TOKEN);
    }

    @Test
    void checkWithAWrongTokenPrintsOneErrorLineNamingTheServerButNoToken() throws IOException {
        Path wrong = writeSettings(tmp, sim.baseUrl(), WRONG_TOKEN);

        CliTestSupport.Run r = cli("check", "--settings", wrong.toString(), "--connection", ID)
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains(sim.baseUrl()).contains("credentials")
                .doesNotContain(WRONG_TOKEN).doesNotContain(TOKEN);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verboseFailureAddsTheStackTraceButStillNoToken() throws IOException {
        Path wrong = writeSettings(tmp, sim.baseUrl(), WRONG_TOKEN);

        CliTestSupport.Run r = cli("check", "--settings", wrong.toString(), "--connection", ID, "--verbose");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines().get(0)).startsWith("error: ").contains(sim.baseUrl());
        assertThat(r.errLines()).hasSizeGreaterThan(1);
        assertThat(r.err()).contains(ConnectorException.class.getName()).contains("\tat ")
                .doesNotContain(WRONG_TOKEN).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedConnectionIsOneErrorLine() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path refused = writeSettings(tmp, "http://127.0.0.1:" + closedPort, TOKEN);

        CliTestSupport.Run r = cli("check", "--settings", refused.toString(), "--connection", ID)
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("127.0.0.1").doesNotContain(TOKEN);
    }

    // ---------------------------------------------------------------- settings failures

    @Test
    void aMissingSettingsFileIsOneErrorLine() {
        Path missing = tmp.resolve("nowhere.json");

        for (String command : List.of("check", "export")) {
            List<String> args = command.equals("check")
                    ? List.of(command, "--settings", missing.toString(), "--connection", ID)
                    : List.of(command, "--settings", missing.toString(), "--connection", ID, "--output", tmp.resolve("o").toString());
            CliTestSupport.Run r = cli(args.toArray(String[]::new)).failedWithOneErrorLine();

            assertThat(r.errorLine()).contains("nowhere.json");
            assertThat(r.out()).isEmpty();
        }
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    static Stream<List<String>> invalidSettings() {
        // the file's content, and a word the one error line must contain
        return Stream.of(
                List.of("{ \"Connections\": { \"" + ID + "\": { \"Server\": ", "JSON"),
                List.of("[1, 2]", "JSON object"),
                List.of("{ \"Connections\": { \"Other\": { \"Server\": \"https://a.okta.com\", \"ApiKey\": \"x\" } } }", ID),
                List.of("{ \"Connections\": { \"" + ID + "\": { \"ApiKey\": \"" + TOKEN + "\" } } }", "Server"),
                List.of("{ \"Connections\": { \"" + ID + "\": { \"Server\": \"https://a.okta.com\" } } }", "ApiKey"),
                List.of("{ \"Connections\": { \"" + ID + "\": { \"Server\": \"http://a.example.com\", \"ApiKey\": \""
                        + TOKEN + "\" } } }", "Server"),
                List.of("{ \"Connections\": { \"" + ID + "\": { \"Server\": \"not a url\", \"ApiKey\": \"" + TOKEN
                        + "\", \"MaxConcurrency\": \"many\" } } }", "MaxConcurrency"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void invalidSettingsAreOneErrorLineNamingTheProblem(List<String> contentAndWord) throws IOException {
        Path file = tmp.resolve("appsettings.agent.json");
        Files.writeString(file, contentAndWord.get(0), StandardCharsets.UTF_8);

        CliTestSupport.Run r = cli("check", "--settings", file.toString(), "--connection", ID)
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains(contentAndWord.get(1)).doesNotContain(TOKEN);
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1Okta", "Okta_Export", "Okta:x"})
    void anInvalidConnectionIdentifierIsOneErrorLine(String id) {
        CliTestSupport.Run r = cli("check", "--settings", settings.toString(), "--connection", id)
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains(id);
    }

    // ---------------------------------------------------------------- export

    @Test
    void exportWritesTheSameFilesAsTheLibraryCallAndASummary() throws IOException {
        Path cliOut = tmp.resolve("cli");
        Path libOut = tmp.resolve("lib");

        CliTestSupport.Run r = cli("export", "--settings", settings.toString(), "--connection", ID,
                "--output", cliOut.toString());
        OktaConnector.export(OktaSettings.load(settings, ID), libOut);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        CliTestSupport.assertSameExport(cliOut, libOut);
        Map<String, Long> expected = CliTestSupport.expectedRows(sim);
        Map<String, Long> actual = new HashMap<>();
        for (String suffix : SUFFIXES) {
            actual.put(suffix, (long) readCsv(file(cliOut, suffix)).rows().size());
        }
        assertThat(actual).isEqualTo(expected);
        // the summary: one line per file with its rows, then the totals
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Exported " + ID + " (" + sim.baseUrl() + ") into " + cliOut.toAbsolutePath());
        for (String suffix : SUFFIXES) {
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .matches("  " + ID + "_" + suffix + "\\.csv +" + expected.get(suffix) + " rows"));
        }
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        assertThat(lines.get(lines.size() - 1)).matches("5 files, " + total + " rows, [1-9][0-9]* requests, [0-9]+\\.[0-9] s");
        assertThat(r.out()).doesNotContain(TOKEN);
    }

    @Test
    void exportWithAMappingWritesTheMappedColumnsInDocumentOrder() throws IOException {
        Path mapping = tmp.resolve("mapping.xml");
        Files.writeString(mapping, """
                <?xml version="1.0" encoding="utf-8"?>
                <ConnectorConfiguration xmlns="urn:example:host">
                  <EntityTypeMapping Identifier="Okta_User" Connector="Okta" ConnectionTable="%1$s_users">
                    <Property Identifier="login" ConnectionColumn="profile.login" />
                    <Property Identifier="id" ConnectionColumn="id" IsPrimaryKey="true" />
                    <Property Identifier="city" ConnectionColumn="profile.city" />
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="Okta_Group" Connector="Okta" ConnectionTable="%1$s_groups">
                    <Property Identifier="id" ConnectionColumn="id" />
                    <Property Identifier="lmu" ConnectionColumn="lastMemberShipUpdated" />
                  </EntityTypeMapping>
                </ConnectorConfiguration>
                """.formatted(ID), StandardCharsets.UTF_8);
        Path out = tmp.resolve("mapped");

        CliTestSupport.Run r = cli("export", "--settings", settings.toString(), "--connection", ID,
                "--output", out.toString(), "--mapping", mapping.toString());

        assertThat(r.code()).as(r.err()).isZero();
        CliTestSupport.Csv users = readCsv(file(out, "users"));
        assertThat(users.header()).containsExactly("profile.login", "id", "profile.city");
        assertThat(users.rows()).hasSize((int) sim.org().userCount());
        assertThat(users.rows()).allSatisfy(row -> assertThat(row.get(0))
                .isEqualTo(sim.org().user(row.get(1)).orElseThrow().get("profile").get("login").asText()));
        CliTestSupport.Csv groups = readCsv(file(out, "groups"));
        assertThat(groups.header()).containsExactly("id", "lastMemberShipUpdated");
        assertThat(groups.rows()).allSatisfy(row -> assertThat(row.get(1)).isNotEmpty());
        // tables the mapping does not name keep their default columns
        assertThat(readCsv(file(out, "apps")).header())
                .containsExactly("id", "created", "lastUpdated", "status", "name", "label", "signOnMode");
    }

    @Test
    void anInvalidMappingIsOneErrorLineAndWritesNothing() throws IOException {
        Path mapping = tmp.resolve("mapping.xml");
        Files.writeString(mapping, "<not-closed>", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");

        CliTestSupport.Run r = cli("export", "--settings", settings.toString(), "--connection", ID,
                "--output", out.toString(), "--mapping", mapping.toString()).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("mapping.xml");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailedExportIsOneErrorLineAndLeavesThePreviousFilesUntouched() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(cli("export", "--settings", settings.toString(), "--connection", ID, "--output", out.toString())
                .code()).isZero();
        Map<String, byte[]> before = new HashMap<>();
        for (String suffix : SUFFIXES) {
            before.put(suffix, Files.readAllBytes(file(out, suffix)));
        }
        List<String> namesBefore = CliTestSupport.csvFiles(out);

        var fault = sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*/users").status(403));
        CliTestSupport.Run r;
        try {
            r = cli("export", "--settings", settings.toString(), "--connection", ID, "--output", out.toString())
                    .failedWithOneErrorLine();
        } finally {
            fault.remove();
        }

        assertThat(r.errorLine()).contains("/users").contains("403").doesNotContain(TOKEN);
        assertThat(r.out()).isEmpty();
        assertThat(CliTestSupport.csvFiles(out)).isEqualTo(namesBefore); // no temporary file left
        for (String suffix : SUFFIXES) {
            assertThat(Files.readAllBytes(file(out, suffix))).as(suffix).isEqualTo(before.get(suffix));
        }
    }

    @Test
    void progressGoesToStderrOnlyWhenItIsATerminal() {
        Path out = tmp.resolve("out");

        CliTestSupport.Run r = cli(true, "export", "--settings", settings.toString(), "--connection", ID,
                "--output", out.toString());

        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith("\rexporting: ").endsWith("\r").doesNotContain("\n");
        assertThat(r.out()).startsWith("Exported " + ID).doesNotContain("exporting:");
    }

    // ---------------------------------------------------------------- demo

    @Test
    void demoExportsTheSeededOrgFulfillsASampleAndPrintsTheResults() throws IOException {
        Path out = tmp.resolve("demo-out");
        List<String> demoFoldersBefore = demoFolders();

        CliTestSupport.Run r = cli("demo", "--output", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(CliTestSupport.csvFiles(out)).containsExactlyInAnyOrderElementsOf(
                SUFFIXES.stream().map(s -> ID + "_" + s + ".csv").toList());
        assertThat(readCsv(file(out, "users")).rows()).hasSize(DemoCommand.USERS);
        assertThat(readCsv(file(out, "groups")).rows()).hasSize(DemoCommand.GROUPS);
        assertThat(readCsv(file(out, "apps")).rows()).hasSize(DemoCommand.APPS);
        assertThat(r.out()).contains("Started the Okta simulator at http://127.0.0.1:")
                .contains("  " + ID + "_users.csv").containsPattern("\n5 files, [0-9]+ rows, [0-9]+ requests, ")
                // the simulator's tokens all begin with 00sim
                .doesNotContain("00sim");
        // then the sample of orders: a table with one row per order, the failing one explained in full
        String fulfill = r.out().substring(r.out().indexOf("== Fulfill"));
        List<String> lines = fulfill.lines().toList();
        assertThat(lines.get(0)).isEqualTo("== Fulfill");
        assertThat(lines.get(1)).startsWith("Fulfilling 8 sample orders: ");
        assertThat(lines.get(2)).matches("AssignmentId +State +Message +ResourceId");
        List<String> rows = lines.subList(3, 11);
        for (int i = 0; i < 8; i++) {
            String id = "DEMO-0" + (i + 1);
            assertThat(rows.get(i)).startsWith(id + " ")
                    .contains(id.equals(DemoOrders.DUPLICATE) ? "  Errored  " : "  Executed  ");
        }
        // ids of created and changed objects: users 00u, groups 00g, apps 0oa
        assertThat(rows.get(0)).matches(".*created user ada\\.lovelace.* 00u[0-9A-Za-z]{17}$");
        assertThat(rows.get(5)).matches(".*created group Demo pilots.* 00g[0-9A-Za-z]{17}$");
        assertThat(rows.get(6)).matches(".* 0oa[0-9A-Za-z]{17}$");
        assertThat(lines.get(11)).startsWith(DemoOrders.DUPLICATE + " Errored: ").contains("exists already")
                .contains("X-Okta-Request-Id");
        assertThat(lines.get(12)).matches("8 orders: 7 executed, 1 errored \\([0-9]+ requests, [0-9.]+ s\\); "
                + "the org now has " + (DemoCommand.USERS + 3) + " users \\(\\+3\\) and " + (DemoCommand.GROUPS + 1)
                + " groups \\(\\+1\\)");
        // the temporary settings folder (it holds the token) is gone
        assertThat(demoFolders()).isEqualTo(demoFoldersBefore);
    }

    private static List<String> demoFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("okta-connector-demo-")).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- the error line itself

    @Test
    void anUnexpectedExceptionIsReportedAsAnInternalErrorOnOneLine() {
        assertThat(OktaConnectorCli.errorLine(new IllegalStateException("boom\nsecond line"), List.of()))
                .isEqualTo("error: internal error: java.lang.IllegalStateException: boom second line");
        assertThat(OktaConnectorCli.errorLine(new NullPointerException(), List.of()))
                .isEqualTo("error: internal error: java.lang.NullPointerException");
    }

    @Test
    void everyCredentialOfLoadedSettingsIsHiddenFromWhatTheCliPrints() {
        String proxyPassword = "proxy-Pa55-7731";
        String defaultPassword = "Default-Pa55-9902";
        OktaSettings s = OktaSettings.builder().connectionId(ID).server("https://acme.okta.com")
                .apiKey(Secret.of(TOKEN)).proxy(new ProxySettings("proxy.local", 3128, "svc", Secret.of(proxyPassword)))
                .passwordReset(new PasswordResetSettings(PasswordResetSettings.Mode.DEFAULT, Secret.of(defaultPassword),
                        16, 1, 1, 1, 1, true, false))
                .build();
        OktaConnectorCli cli = OktaConnectorCli.commandLine(false, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getCommand();

        assertThat(cli.registerSecrets(s)).isSameAs(s);

        assertThat(cli.hideSecrets("a " + TOKEN + " b " + proxyPassword + " c " + defaultPassword))
                .isEqualTo("a [hidden] b [hidden] c [hidden]");
    }

    @Test
    void aConnectorExceptionIsReportedWithItsMessageAndKnownSecretsAreHidden() {
        ConnectorException e = new ConnectorException(ErrorCode.AUTHENTICATION, "refused " + TOKEN + "\r\n again");

        assertThat(OktaConnectorCli.errorLine(e, List.of(Secret.of(TOKEN))))
                .isEqualTo("error: refused [hidden] again");
    }
}
