package io.oktaconnector.examples.reliability;

import io.oktaconnector.examples.OktaConnectorCli;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input matrix (issue 8) for settings, mappings and command-line misuse: every case runs the CLI in-process
 * and is a golden test of the exact one {@code error:} line (or, for bad usage, the exact first line of picocli's
 * message) and the exit code. Nothing else may reach stderr (no stack trace without {@code --verbose}), nothing may
 * reach stdout, and no output file or folder may be left behind. {@code {dir}} in a golden line stands for the case's
 * temporary folder.
 *
 * <p>No case reaches the network: settings and mappings are refused before the connector connects (the settings of
 * the mapping cases point at a closed loopback port, which an attempt to connect would turn into another message).
 */
class BadInputMatrixTest {

    static final String ID = "OktaExportFulfillment";
    /** A loopback port nothing listens on: a case that connected would fail with "connection refused" instead. */
    static final String SERVER = "http://127.0.0.1:9";
    static final String TOKEN = "00badInputTOKENa1b2c3d4e5f6a7b8c9d0e1f2";
    static final String VALID = "{\"Connections\":{\"" + ID + "\":{\"Server\":\"" + SERVER + "\",\"ApiKey\":\"" + TOKEN
            + "\",\"AllowInsecureHttp\":true}}}";

    /** One case: files to write, the command line (with {dir}), the exit code and the golden first stderr line. */
    record Case(List<String[]> files, List<String> args, int exit, String line) {
    }

    /** Stands for a 50 MB orders file of valid orders, generated when the case runs. */
    static final String HUGE = "<50 MB of orders>";
    /** Marks a symbolic link in a case's files: the rest is the link's target. */
    static final String LINK = "<link to>";

    /** Marks file content written as Latin-1 bytes instead of UTF-8. */
    static final String LATIN1 = "\u0000latin1:";
    /** Marks file content followed by zero bytes up to a size in MB (a sparse file): {@code SPARSE + mb + ":" + head}. */
    static final String SPARSE = "\u0000sparse:";
    /** A file that a ${file:} reference of the settings reads: two lines of an /etc/shadow. */
    static final String SHADOW = "root:$6$saltsalt$V3ryS3cretHashValue0123456789:19000:0:99999:7:::\n"
            + "daemon:*:19000:0:99999:7:::\n";

    static Builder settings(String json) {
        return new Builder().file("appsettings.agent.json", json);
    }

    static final class Builder {
        final List<String[]> files = new ArrayList<>();

        Builder file(String name, String content) {
            files.add(new String[] {name, content});
            return this;
        }

        /** A symbolic link {@code name} to {@code target}, both relative to the case's folder. */
        Builder link(String name, String target) {
            files.add(new String[] {name, LINK + target});
            return this;
        }

        Case export(int exit, String line, String... extra) {
            List<String> args = new ArrayList<>(List.of("export", "--settings", "{dir}/appsettings.agent.json",
                    "--connection", ID, "--output", "{dir}/out"));
            args.addAll(List.of(extra));
            return new Case(files, args, exit, line);
        }

        Case fulfill(int exit, String line, String... extra) {
            List<String> args = new ArrayList<>(List.of("fulfill", "--settings", "{dir}/appsettings.agent.json",
                    "--connection", ID, "--orders", "{dir}/orders", "--results", "{dir}/results.csv"));
            args.addAll(List.of(extra));
            return new Case(files, args, exit, line);
        }

        Case run(int exit, String line, String... args) {
            return new Case(files, List.of(args), exit, line);
        }
    }

    static String connection(String body) {
        return "{\"Logging\":{\"Level\":\"Information\"},\"Connections\":{\"" + ID + "\":{" + body + "}}}";
    }

    static String mapping(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ConfigurationFile xmlns=\"urn:host\">\n" + body
                + "\n</ConfigurationFile>\n";
    }

    static final String SETTINGS_KEYS = "invalid settings in {dir}/appsettings.agent.json: ";
    static final String KEY = "Connections." + ID + ".";

    static Stream<Arguments> cases() {
        return Stream.of(
                // ---------------------------------------------------------------- settings
                named("settings: the file does not exist", new Builder().export(1,
                        "error: settings file {dir}/appsettings.agent.json does not exist")),
                named("settings: not JSON", settings("Connections = { Server: https://acme.okta.com }").export(1,
                        "error: settings file {dir}/appsettings.agent.json is not valid JSON at line 1, column 1")),
                named("settings: cut short", settings("{\"Connections\":{\"" + ID + "\":{\"Server\":\"https://a.okta.com\"")
                        .export(1, "error: settings file {dir}/appsettings.agent.json is not valid JSON at line 1, column 71")),
                named("settings: empty file", settings("").export(1,
                        "error: settings file {dir}/appsettings.agent.json is empty")),
                named("settings: a JSON array", settings("[{\"Connections\":{}}]").export(1,
                        "error: settings file {dir}/appsettings.agent.json is not a JSON object")),
                named("settings: no Connections section", settings("{\"Logging\":{}}").export(1,
                        "error: " + SETTINGS_KEYS + "Connections: is missing: the file has no \"Connections\" section")),
                named("settings: Connections is not an object", settings("{\"Connections\":[]}").export(1,
                        "error: " + SETTINGS_KEYS + "Connections: must be an object holding one section per connection")),
                named("settings: unknown connection", settings("{\"Connections\":{\"OktaProd\":{},\"AD\":{}}}").export(1,
                        "error: " + SETTINGS_KEYS + KEY.substring(0, KEY.length() - 1) + ": is missing: no connection named \""
                                + ID + "\" (found: OktaProd, AD)")),
                named("settings: Server missing", settings(connection("\"ApiKey\":\"" + TOKEN + "\"")).export(1,
                        "error: " + SETTINGS_KEYS + KEY + "Server: is required (the org URL, e.g. https://acme.okta.com)")),
                named("settings: Server empty", settings(connection("\"Server\":\"  \",\"ApiKey\":\"" + TOKEN + "\""))
                        .export(1, "error: " + SETTINGS_KEYS + KEY
                                + "Server: is required (the org URL, e.g. https://acme.okta.com)")),
                named("settings: Server not a URL", settings(connection("\"Server\":\"acme.okta.com\",\"ApiKey\":\""
                        + TOKEN + "\"")).export(1, "error: " + SETTINGS_KEYS + KEY + "Server: \"acme.okta.com\" is not an "
                        + "absolute URL with a host (expected e.g. https://acme.okta.com)")),
                named("settings: Server with another scheme", settings(connection("\"Server\":\"ftp://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\"")).export(1, "error: " + SETTINGS_KEYS + KEY
                        + "Server: must start with https://, not ftp://")),
                named("settings: http:// without AllowInsecureHttp", settings(connection("\"Server\":\"http://127.0.0.1:9\","
                        + "\"ApiKey\":\"" + TOKEN + "\"")).export(1, "error: " + SETTINGS_KEYS + KEY + "Server: uses http://; "
                        + "use https://, or set \"AllowInsecureHttp\": true for a loopback test server")),
                named("settings: http:// on a non-loopback host", settings(connection("\"Server\":\"http://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\",\"AllowInsecureHttp\":true")).export(1, "error: " + SETTINGS_KEYS
                        + KEY + "Server: http:// is allowed only to a loopback host (127.0.0.0/8, localhost, [::1]), not "
                        + "acme.okta.com")),
                named("settings: neither ApiKey nor OAuth keys", settings(connection("\"Server\":\"https://acme.okta.com\""))
                        .export(1, "error: " + SETTINGS_KEYS + KEY + "ApiKey: is required (an Okta API token, or ClientId with "
                                + "PrivateKeyPath or PrivateKey for OAuth)")),
                named("settings: ApiKey empty", settings(connection("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"\""))
                        .export(1, "error: " + SETTINGS_KEYS + KEY + "ApiKey: is empty")),
                named("settings: ApiKey still the placeholder", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"{apiToken}\"")).export(1, "error: " + SETTINGS_KEYS + KEY
                        + "ApiKey: is still the documentation's placeholder; paste the API token")),
                named("settings: both ApiKey and OAuth keys", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\",\"ClientId\":\"0oa1\",\"PrivateKeyPath\":\"key.pem\"")).export(1,
                        "error: " + SETTINGS_KEYS + KEY + "ApiKey: give either ApiKey or the OAuth keys (ClientId with "
                                + "PrivateKeyPath or PrivateKey), not both")),
                named("settings: ClientId without a private key", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ClientId\":\"0oa1\"")).export(1, "error: " + SETTINGS_KEYS + KEY
                        + "PrivateKeyPath: is required with ClientId (or give PrivateKey)")),
                named("settings: unset environment reference", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"${env:OKTA_CONNECTOR_RELIABILITY_UNSET}\"")).export(1, "error: " + SETTINGS_KEYS
                        + KEY + "ApiKey: environment variable OKTA_CONNECTOR_RELIABILITY_UNSET is not set (${env:} reference)")),
                named("settings: missing file reference", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"${file:token.txt}\"")).export(1, "error: " + SETTINGS_KEYS + KEY
                        + "ApiKey: file {dir}/token.txt does not exist (${file:} reference)")),
                named("settings: several bad keys at once", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\",\"PageSize\":0,\"MaxConcurrency\":\"many\",\"AllowInsecureHttp\":\"yes\""))
                        .export(1, "error: " + SETTINGS_KEYS + KEY + "AllowInsecureHttp: must be true or false; " + KEY
                                + "MaxConcurrency: must be a whole number; " + KEY + "PageSize: must be between 1 and 1000, not 0")),
                named("settings: bad connection identifier", settings(VALID).run(1,
                        "error: invalid settings in {dir}/appsettings.agent.json: connection identifier: \"1Okta_Prod\" must "
                                + "not begin with a digit; connection identifier: \"1Okta_Prod\" must not contain '_'",
                        "export", "--settings", "{dir}/appsettings.agent.json", "--connection", "1Okta_Prod", "--output",
                        "{dir}/out")),
                named("settings: the settings path is a folder", new Builder().file("settings.json/keep", "").run(1,
                        "error: settings file {dir}/settings.json is a folder, not a file", "export", "--settings",
                        "{dir}/settings.json", "--connection", ID, "--output", "{dir}/out")),

                named("settings: empty connection identifier", settings(VALID).run(1,
                        "error: invalid settings in {dir}/appsettings.agent.json: connection identifier: is empty; name the "
                                + "connection, e.g. \"OktaExportFulfillment\"", "export", "--settings",
                        "{dir}/appsettings.agent.json", "--connection", "", "--output", "{dir}/out")),
                named("cli: --output is a file", settings(VALID).file("out", "not a folder").export(1,
                        "error: cannot use {dir}/out as the output directory: it is a file, not a folder")),
                // ---------------------------------------------------------------- mappings
                named("mapping: the file does not exist", settings(VALID).export(1,
                        "error: mapping file {dir}/mapping.xml does not exist", "--mapping", "{dir}/mapping.xml")),
                named("mapping: not XML", settings(VALID).file("mapping.xml", "EntityTypeMapping: users").export(1,
                        "error: mapping file {dir}/mapping.xml is not well-formed XML at line 1, column 1: Content is not "
                                + "allowed in prolog.", "--mapping", "{dir}/mapping.xml")),
                named("mapping: unclosed element", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping ConnectionTable=\"" + ID + "_users\">")).export(1,
                        "error: mapping file {dir}/mapping.xml is not well-formed XML at line 4, column 3: The element type "
                                + "\"EntityTypeMapping\" must be terminated by the matching end-tag \"</EntityTypeMapping>\".", "--mapping", "{dir}/mapping.xml")),
                named("mapping: a DOCTYPE (entity expansion)", settings(VALID).file("mapping.xml",
                        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>\n")
                        .export(1, "error: mapping file {dir}/mapping.xml line 2: a DOCTYPE is not allowed", "--mapping",
                                "{dir}/mapping.xml")),
                named("mapping: unknown table", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping Identifier=\"Widget\" ConnectionTable=\"" + ID + "_widgets\">\n"
                                + "<Property Identifier=\"id\" ConnectionColumn=\"id\"/>\n</EntityTypeMapping>")).export(1,
                        "error: invalid mapping in {dir}/mapping.xml: line 3: EntityTypeMapping ConnectionTable=\"" + ID
                                + "_widgets\" names no table of connection " + ID + " (expected " + ID + "_ followed by one "
                                + "of users, groups, apps, groupsusers, groupsapps)", "--mapping", "{dir}/mapping.xml")),
                named("mapping: duplicate column", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping Identifier=\"User\" ConnectionTable=\"" + ID + "_users\">\n"
                                + "<Property Identifier=\"id\" ConnectionColumn=\"id\"/>\n"
                                + "<Property Identifier=\"login\" ConnectionColumn=\"profile.login\"/>\n"
                                + "<Property Identifier=\"login2\" ConnectionColumn=\"Profile.Login\"/>\n"
                                + "</EntityTypeMapping>")).export(1,
                        "error: invalid mapping in {dir}/mapping.xml: line 6: ConnectionColumn=\"Profile.Login\" of " + ID
                                + "_users is already mapped at line 5", "--mapping", "{dir}/mapping.xml")),
                named("mapping: empty path", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping Identifier=\"User\" ConnectionTable=\"" + ID + "_users\">\n"
                                + "<Property Identifier=\"id\" ConnectionColumn=\"id\"/>\n"
                                + "<Property Identifier=\"city\" ConnectionColumn=\" \"/>\n</EntityTypeMapping>")).export(1,
                        "error: invalid mapping in {dir}/mapping.xml: line 5: Property Identifier=\"city\" of " + ID
                                + "_users has an empty ConnectionColumn", "--mapping", "{dir}/mapping.xml")),
                named("mapping: the path is a folder", settings(VALID).file("mapping.xml/keep", "").export(1,
                        "error: mapping file {dir}/mapping.xml is a folder, not a file",
                        "--mapping", "{dir}/mapping.xml")),
                named("mapping: a table mapped twice", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping ConnectionTable=\"" + ID + "_apps\"><Property ConnectionColumn=\"id\"/>"
                                + "</EntityTypeMapping>\n<EntityTypeMapping ConnectionTable=\"" + ID + "_apps\">"
                                + "<Property ConnectionColumn=\"label\"/></EntityTypeMapping>")).export(1,
                        "error: invalid mapping in {dir}/mapping.xml: line 4: ConnectionTable=\"" + ID
                                + "_apps\" is already mapped at line 3", "--mapping", "{dir}/mapping.xml")),

                // ---------------------------------------------------------------- orders files (exit 1, no order runs)
                named("orders: not JSON", settings(VALID).file("orders/a.json", "ProvisioningOrdersList = []").fulfill(1,
                        "error: the orders file {dir}/orders/a.json is not valid JSON (unexpected token) at column 1 "
                                + "(line 1)")),
                named("orders: cut short", settings(VALID).file("orders/a.json", "{\"ProvisioningOrdersList\": [{\"A\":")
                        .fulfill(1, "error: the orders file {dir}/orders/a.json is not valid JSON (unexpected end of input) at "
                                + "column 34 (line 1)")),
                named("orders: empty file", settings(VALID).file("orders/a.json", "").fulfill(1,
                        "error: the orders file {dir}/orders/a.json is empty; expected {\"ProvisioningOrdersList\": [...]} "
                                + "(line 1)")),
                named("orders: a JSON array", settings(VALID).file("orders/a.json", "[]").fulfill(1,
                        "error: the orders file {dir}/orders/a.json is not a JSON object with a ProvisioningOrdersList "
                                + "array (it starts with [) (line 1)")),
                named("orders: no ProvisioningOrdersList", settings(VALID).file("orders/a.json", "{\"Orders\": []}")
                        .fulfill(1, "error: the orders file {dir}/orders/a.json has no ProvisioningOrdersList array (line 1)")),
                named("orders: ProvisioningOrdersList not an array", settings(VALID).file("orders/a.json",
                        "{\"ProvisioningOrdersList\": {}}").fulfill(1, "error: the orders file {dir}/orders/a.json has a "
                        + "ProvisioningOrdersList that is not an array (line 1)")),
                named("orders: the path does not exist", settings(VALID).fulfill(1,
                        "error: the orders file or folder {dir}/orders does not exist")),
                named("orders: the results path is a folder", settings(VALID).file("orders/a.json",
                        "{\"ProvisioningOrdersList\": [{\"AssignedResourceTypeId\":\"R1\",\"ChangeType\":\"Deleted\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"}}]}").file("results.csv/keep", "").fulfill(1,
                        "error: cannot read {dir}/results.csv: Is a directory")),
                named("orders: a 50 MB file", settings(VALID).file("orders/a.json", HUGE).fulfill(1,
                        "error: the orders file {dir}/orders/a.json is 50.0 MB, more than the 16 MB an orders file may "
                                + "hold; split the orders into several files of the orders folder")),
                named("cli: fulfill without --results", new Builder().run(2, "Missing required option: "
                        + "'--results=FILE'", "fulfill", "--settings", "s.json", "--connection", ID, "--orders", "o")),
                named("orders: Completed is a symbolic link", settings(VALID).file("orders/a.json", ONE_ORDER)
                        .file("elsewhere/keep", "").link("orders/Completed", "elsewhere").fulfill(1,
                        "error: the Completed folder {dir}/orders/Completed is a symbolic link; it must be a real "
                                + "folder inside the orders folder (remove the link)")),
                named("orders: Completed is a file", settings(VALID).file("orders/a.json", ONE_ORDER)
                        .file("orders/Completed", "not a folder").fulfill(1,
                        "error: the Completed folder {dir}/orders/Completed is not a folder; it must be a real "
                                + "folder inside the orders folder (move it away)")),

                // ---------------------------------------------------------------- command-line misuse (exit 2)
                named("cli: no command", new Builder().run(2, "Missing required subcommand")),
                named("cli: unknown command", new Builder().run(2, "Unmatched argument at index 0: 'exprot'", "exprot")),
                named("cli: missing --output", new Builder().run(2, "Missing required option: '--output=DIR'", "export",
                        "--settings", "s.json", "--connection", ID)),
                named("cli: unknown option", new Builder().run(2, "Unknown options: '--outptu', 'y'", "export", "--settings",
                        "s.json", "--connection", ID, "--output", "x", "--outptu", "y")),
                named("cli: option without its value", new Builder().run(2,
                        "Missing required parameter for option '--connection' (ID)", "check", "--settings", "s.json",
                        "--connection")),
                named("cli: option given twice", new Builder().run(2,
                        "option '--output' (DIR) should be specified only once", "export", "--settings", "s.json",
                        "--connection", ID, "--output", "a", "--output", "b")),

                // ---------------------------------------------------------------- issue 13: files and settings
                named("settings: Server from a ${file:} reference is never quoted", settings(connection(
                        "\"Server\":\"${file:shadow}\",\"ApiKey\":\"" + TOKEN + "\"")).file("shadow", SHADOW).export(1,
                        "error: " + SETTINGS_KEYS + KEY + "Server: the value of its secret reference is not a valid URL "
                                + "(expected e.g. https://acme.okta.com)")),
                named("settings: a token pasted into Server", settings(connection("\"Server\":\"" + TOKEN
                        + "\",\"ApiKey\":\"" + TOKEN + "\"")).export(1, "error: " + SETTINGS_KEYS + KEY + "Server: the "
                        + "value (not shown: it looks like a credential) is not an absolute URL with a host (expected "
                        + "e.g. https://acme.okta.com)")),
                named("settings: a token pasted into UserDeleteMode", settings(connection("\"Server\":\"" + SERVER
                        + "\",\"AllowInsecureHttp\":true,\"ApiKey\":\"" + TOKEN + "\",\"UserDeleteMode\":\"" + TOKEN + "\""))
                        .export(1, "error: " + SETTINGS_KEYS + KEY + "UserDeleteMode: must be DeactivateOnly or "
                                + "DeactivateAndDelete, not the value (not shown: it looks like a credential)")),
                named("settings: a long value with a bidi override is quoted short and escaped", settings(connection(
                        "\"Server\":\"acme\\u202Eokta" + "x".repeat(300) + "\",\"ApiKey\":\"" + TOKEN + "\"")).export(1,
                        "error: " + SETTINGS_KEYS + KEY + "Server: \"acme\\u202Eokta" + "x".repeat(23) + "… (309 "
                                + "characters)\" is not an absolute URL with a host (expected e.g. https://acme.okta.com)")),
                named("settings: a 90 MB settings file", settings(SPARSE + "90:{\"Connections\":{\"" + ID + "\":{\"Server\":\"")
                        .export(1, "error: settings file {dir}/appsettings.agent.json is 90.0 MB, more than the 1 MB a "
                                + "settings file may hold")),
                named("settings: OutputLockWaitSeconds out of range", settings(connection("\"Server\":\"" + SERVER
                        + "\",\"AllowInsecureHttp\":true,\"ApiKey\":\"" + TOKEN + "\",\"OutputLockWaitSeconds\":-5"))
                        .export(1, "error: " + SETTINGS_KEYS + KEY + "OutputLockWaitSeconds: must be between 0 and 86400 "
                                + "seconds, not -5")),
                named("settings: CsvFormulaEscaping not true or false", settings(connection("\"Server\":\"" + SERVER
                        + "\",\"AllowInsecureHttp\":true,\"ApiKey\":\"" + TOKEN + "\",\"CsvFormulaEscaping\":\"yes\""))
                        .export(1, "error: " + SETTINGS_KEYS + KEY + "CsvFormulaEscaping: must be true or false")),
                named("settings: a connection identifier of dots", settings(VALID).run(1,
                        "error: " + SETTINGS_KEYS + "connection identifier: \"...\" is not a valid name", "export",
                        "--settings", "{dir}/appsettings.agent.json", "--connection", "...", "--output", "{dir}/out")),
                named("settings: a 240-character connection identifier", settings(VALID).run(1,
                        "error: " + SETTINGS_KEYS + "connection identifier: \"" + "O".repeat(40) + "… (240 characters)\" is "
                                + "240 bytes long, more than 128 (it names files)", "export", "--settings",
                        "{dir}/appsettings.agent.json", "--connection", "O".repeat(240), "--output", "{dir}/out")),
                named("settings: a connection identifier with a bidi override", settings(VALID).run(1,
                        "error: " + SETTINGS_KEYS + "connection identifier: \"Okta\\u202Etxt.exe\" must not contain "
                                + "invisible or bidirectional formatting characters (it would name files that read as "
                                + "another name)", "export", "--settings", "{dir}/appsettings.agent.json", "--connection",
                        "Okta\u202Etxt.exe", "--output", "{dir}/out")),
                named("settings: a connection identifier with a zero-width space", settings(VALID).run(1,
                        "error: " + SETTINGS_KEYS + "connection identifier: \"Okta\\u200BExport\" must not contain "
                                + "invisible or bidirectional formatting characters (it would name files that read as "
                                + "another name)", "export", "--settings", "{dir}/appsettings.agent.json", "--connection",
                        "Okta\u200BExport", "--output", "{dir}/out")),
                named("mapping: a Property Identifier used twice in a table", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping Identifier=\"User\" ConnectionTable=\"" + ID + "_users\">\n"
                                + "<Property Identifier=\"id\" ConnectionColumn=\"id\"/>\n"
                                + "<Property Identifier=\"login\" ConnectionColumn=\"profile.login\"/>\n"
                                + "<Property Identifier=\"login\" ConnectionColumn=\"profile.email\"/>\n"
                                + "</EntityTypeMapping>")).export(1,
                        "error: invalid mapping in {dir}/mapping.xml: line 6: Property Identifier=\"login\" of " + ID
                                + "_users is already used at line 5", "--mapping", "{dir}/mapping.xml")),
                named("mapping: one entity type on two tables", settings(VALID).file("mapping.xml", mapping(
                        "<EntityTypeMapping Identifier=\"Account\" ConnectionTable=\"" + ID + "_users\">"
                                + "<Property ConnectionColumn=\"id\"/></EntityTypeMapping>\n"
                                + "<EntityTypeMapping Identifier=\"Account\" ConnectionTable=\"" + ID + "_groups\">"
                                + "<Property ConnectionColumn=\"id\"/></EntityTypeMapping>")).export(1,
                        "error: invalid mapping in {dir}/mapping.xml: line 4: EntityTypeMapping Identifier=\"Account\" of "
                                + ID + "_groups is already the entity type of " + ID + "_users at line 3", "--mapping",
                        "{dir}/mapping.xml")),
                named("mapping: undeclared Latin-1", settings(VALID).file("mapping.xml", LATIN1 + mapping(
                        "<EntityTypeMapping Identifier=\"User\" ConnectionTable=\"" + ID + "_users\">\n"
                                + "<Property Identifier=\"caf\u00e9\" ConnectionColumn=\"id\"/>\n</EntityTypeMapping>")).export(1,
                        "error: mapping file {dir}/mapping.xml is not UTF-8 text at line 4; declare its encoding (e.g. "
                                + "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>) or save it as UTF-8", "--mapping",
                        "{dir}/mapping.xml")),
                named("mapping: an unknown declared encoding", settings(VALID).file("mapping.xml",
                        "<?xml version=\"1.0\" encoding=\"x-klingon\"?>\n<r/>\n").export(1, "error: mapping file "
                        + "{dir}/mapping.xml declares the encoding x-klingon, which this Java runtime does not know; save "
                        + "it as UTF-8", "--mapping", "{dir}/mapping.xml")),
                named("mapping: a 66 MB mapping", settings(VALID).file("mapping.xml", SPARSE + "66:" + mapping(
                        "<EntityTypeMapping ConnectionTable=\"" + ID + "_users\">")).export(1, "error: mapping file "
                        + "{dir}/mapping.xml is 66.0 MB, more than the 8 MB a mapping file may hold", "--mapping",
                        "{dir}/mapping.xml")),

                // ---------------------------------------------------------------- issue 13: bounds on a server
                named("settings: RequestTimeoutSeconds 0", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\",\"RequestTimeoutSeconds\":0")).export(1, "error: " + SETTINGS_KEYS
                        + KEY + "RequestTimeoutSeconds: must be between 1 and 3600 seconds, not 0")),
                named("settings: MaxResponseMegabytes too large", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\",\"MaxResponseMegabytes\":2048")).export(1, "error: "
                        + SETTINGS_KEYS + KEY + "MaxResponseMegabytes: must be between 1 and 1024, not 2048")),
                named("settings: MaxObjectsPerList not a number", settings(connection("\"Server\":\"https://acme.okta.com\","
                        + "\"ApiKey\":\"" + TOKEN + "\",\"MaxObjectsPerList\":\"all\"")).export(1, "error: "
                        + SETTINGS_KEYS + KEY + "MaxObjectsPerList: must be a whole number")));
    }

    static Arguments named(String name, Case c) {
        return Arguments.of(Named.of(name, c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneExactLineAndLeavesNothing(Case c, @TempDir Path dir) throws IOException {
        for (String[] f : c.files()) {
            Path p = dir.resolve(f[0]);
            Files.createDirectories(p.getParent());
            if (f[1].equals(HUGE)) {
                writeHugeOrdersFile(p, 50L * 1024 * 1024);
            } else if (f[1].startsWith(LATIN1)) {
                Files.write(p, f[1].substring(LATIN1.length()).getBytes(StandardCharsets.ISO_8859_1));
            } else if (f[1].startsWith(SPARSE)) {
                String[] spec = f[1].substring(SPARSE.length()).split(":", 2);
                try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                    raf.write(spec[1].getBytes(StandardCharsets.UTF_8));
                    raf.setLength(Long.parseLong(spec[0]) * 1024 * 1024);
                }
            } else if (f[1].startsWith(LINK)) {
                Files.createSymbolicLink(p, dir.resolve(f[1].substring(LINK.length())));
            } else {
                Files.writeString(p, f[1]);
            }
        }
        List<String> before = listing(dir);
        String[] args = c.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);

        Run r = cli(args);

        String expected = c.line().replace("{dir}", dir.toString());
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(c.exit());
        assertThat(r.out()).as("stdout").isEmpty();
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("stderr").isNotEmpty();
        assertThat(lines.get(0)).isEqualTo(expected);
        if (c.exit() == 1) {
            assertThat(lines).as("stderr holds the one error line and nothing else").hasSize(1);
            assertThat(r.err()).doesNotContain(TOKEN).doesNotContain("root:", "V3ryS3cret", "\tat ");
        } else {
            // bad usage: picocli's message, then the usage or a suggestion
            assertThat(r.err()).containsAnyOf("Usage: okta-connector", "Did you mean: okta-connector export?",
                    "Possible solutions: --output");
            assertThat(r.err()).doesNotContain("\tat ");
        }
        assertThat(listing(dir)).as("no file or folder left behind").isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aHugeOrdersFileNeverExhaustsASmallHeap(@TempDir Path dir) throws Exception {
        // the jar as a host runs it, with a heap smaller than the file: refused before it is read, never an OOM
        Files.writeString(dir.resolve("appsettings.agent.json"), VALID);
        Files.createDirectories(dir.resolve("orders"));
        writeHugeOrdersFile(dir.resolve("orders/a.json"), 50L * 1024 * 1024);
        List<String> before = listing(dir);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(javaBin, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "io.oktaconnector.examples.Main", "fulfill", "--settings", dir + "/appsettings.agent.json",
                "--connection", ID, "--orders", dir + "/orders", "--results", dir + "/results.csv")
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the child ended").isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as("exit code; stderr: %s", err).isEqualTo(1);
        assertThat(err).isEqualTo("error: the orders file " + dir + "/orders/a.json is 50.0 MB, more than the 16 MB an "
                + "orders file may hold; split the orders into several files of the orders folder"
                + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();
        Files.delete(dir.resolve("out.txt"));
        Files.delete(dir.resolve("err.txt"));
        assertThat(listing(dir)).as("nothing moved, no results file").isEqualTo(before);
    }

    // ---------------------------------------------------------------- malformed orders: Errored rows (exit 0)

    /** A malformed order, alone in its file, and the exact result row it must get. */
    record Malformed(String order, List<String> row) {
    }

    static Arguments order(String name, String order, String assignmentId, String message, String changeType,
                           String resourceId) {
        return Arguments.of(Named.of(name, new Malformed(order, List.of(assignmentId, "Errored", message, changeType,
                resourceId))));
    }

    static final String USER = "\"ResourceType\":{\"Identifier\":\"Okta_User\",\"TargetEntityType\":{\"Identifier\":\"User\"}}";
    static final String GROUP = "\"ResourceType\":{\"Identifier\":\"Okta_Group\",\"TargetEntityType\":{\"Identifier\":\"Group\"}}";
    /** 24,000 group ids: an order of 540 KB of JSON. */
    static final String GROUP_IDS = IntStream.range(0, 24_000).mapToObj(i -> String.format("\"00g%017d\"", i))
            .collect(Collectors.joining(","));
    static final String ONE_ORDER = "{\"ProvisioningOrdersList\": [{\"AssignedResourceTypeId\":\"C1\","
            + "\"ChangeType\":\"Deleted\"," + USER + ",\"Resource\":{\"id\":\"00u1\"}}]}";

    static Stream<Arguments> malformedOrders() {
        return Stream.of(
                order("unknown ChangeType", "{\"AssignedResourceTypeId\":\"A1\",\"ChangeType\":\"Renamed\"," + USER
                                + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"profile.city\":\"Rome\"}}", "A1",
                        "malformed order #1 (line 2) A1: has the unknown ChangeType \"Renamed\" (expected Added, "
                                + "Modified or Deleted)", "", "00u1"),
                order("ChangeType not a string", "{\"AssignedResourceTypeId\":\"A2\",\"ChangeType\":2," + USER
                                + ",\"Resource\":{\"id\":\"00u1\"}}", "A2",
                        "malformed order #1 (line 2) A2: has a ChangeType that is not a string: a number", "", "00u1"),
                order("no ChangeType", "{\"AssignedResourceTypeId\":\"A3\"," + USER + "}", "A3",
                        "malformed order #1 (line 2) A3: has no ChangeType", "", ""),
                order("Modified without Resource.id", "{\"AssignedResourceTypeId\":\"A4\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Changes\":{\"profile.city\":\"Rome\"}}", "A4",
                        "malformed order #1 (line 2) A4: is Modified but has no Resource.id", "Modified", ""),
                order("Deleted with an empty Resource.id", "{\"AssignedResourceTypeId\":\"A5\",\"ChangeType\":\"Deleted\","
                                + USER + ",\"Resource\":{\"id\":\" \"}}", "A5",
                        "malformed order #1 (line 2) A5: is Deleted but has no Resource.id", "Deleted", ""),
                order("unknown entity type", "{\"AssignedResourceTypeId\":\"A6\",\"ChangeType\":\"Added\","
                                + "\"ResourceType\":{\"TargetEntityType\":{\"Identifier\":\"Printer\"}},"
                                + "\"Changes\":{\"name\":\"p\"}}", "A6",
                        "malformed order #1 (line 2) A6: has the unknown entity type \"Printer\" (expected User, Group, "
                                + "Application or an entity type of the mapping)", "Added", ""),
                order("no entity type", "{\"AssignedResourceTypeId\":\"A7\",\"ChangeType\":\"Added\","
                                + "\"Changes\":{\"profile.login\":\"x@example.com\"}}", "A7",
                        "malformed order #1 (line 2) A7: has no ResourceType.TargetEntityType.Identifier", "Added", ""),
                order("unknown navigation of a group", "{\"AssignedResourceTypeId\":\"A8\",\"ChangeType\":\"Modified\","
                                + GROUP + ",\"Resource\":{\"id\":\"00g1\"},\"Changes\":{\"Apps_add\":[\"0oa1\"]}}", "A8",
                        "malformed order #1 (line 2) A8: changes the unknown navigation \"Apps\" (Apps_add); a group has "
                                + "Users, Applications", "Modified", "00g1"),
                order("unknown navigation of a user", "{\"AssignedResourceTypeId\":\"A9\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"Applications_remove\":[\"0oa1\"]}}",
                        "A9", "malformed order #1 (line 2) A9: changes the unknown navigation \"Applications\" "
                                + "(Applications_remove); a user has Groups", "Modified", "00u1"),
                order("a link list that is a string", "{\"AssignedResourceTypeId\":\"A10\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"Groups_add\":\"00g1\"}}", "A10",
                        "malformed order #1 (line 2) A10: Groups_add must be an array of Okta ids, not a string",
                        "Modified", "00u1"),
                order("a link list holding a number", "{\"AssignedResourceTypeId\":\"A11\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"Groups_remove\":[5]}}", "A11",
                        "malformed order #1 (line 2) A11: Groups_remove must be an array of Okta ids (non-empty strings), "
                                + "but holds a number", "Modified", "00u1"),
                order("Changes that are an array", "{\"AssignedResourceTypeId\":\"A12\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":[\"profile.city\"]}", "A12",
                        "malformed order #1 (line 2) A12: has Changes that are not a JSON object but an array", "Modified", "00u1"),
                order("a value that is a list of objects", "{\"AssignedResourceTypeId\":\"A13\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"profile.tags\":[{\"a\":1}]}}",
                        "A13", "malformed order #1 (line 2) A13: profile.tags must hold strings, numbers or booleans, not "
                                + "an object", "Modified", "00u1"),
                order("a password of the wrong type is not echoed", "{\"AssignedResourceTypeId\":\"A14\","
                                + "\"ChangeType\":\"Modified\"," + USER + ",\"Resource\":{\"id\":\"00u1\"},"
                                + "\"Changes\":{\"password\":[{\"secret\":\"Hunter2-never-shown\"}]}}", "A14",
                        "malformed order #1 (line 2) A14: password must hold strings, numbers or booleans, not a value of "
                                + "the wrong type (object)", "Modified", "00u1"),
                order("an attribute changed twice", "{\"AssignedResourceTypeId\":\"A15\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"profile.city\":\"a\","
                                + "\"profile\":{\"city\":\"b\"}}}", "A15",
                        "malformed order #1 (line 2) A15: changes profile.city twice", "Modified", "00u1"),
                order("no AssignedResourceTypeId", "{\"ChangeType\":\"Modified\"," + USER
                                + ",\"Resource\":{\"id\":\"00u1\"}}", "",
                        "malformed order #1 (line 2): has no AssignedResourceTypeId", "", "00u1"),
                order("an order that is not an object", "\"create jbond\"", "",
                        "order #1 (line 2) is not a JSON object but a string", "", ""),
                order("an Added user without a login", "{\"AssignedResourceTypeId\":\"A18\",\"ChangeType\":\"Added\","
                                + USER + ",\"Changes\":{\"profile.firstName\":\"James\"}}", "A18",
                        "invalid order: an Added user needs profile.login", "Added", ""),
                order("an order larger than 512 KB", "{\"AssignedResourceTypeId\":\"A19\",\"ChangeType\":\"Modified\","
                                + USER + ",\"Resource\":{\"id\":\"00u1\"},\"Changes\":{\"Groups_add\":[" + GROUP_IDS
                                + "]}}", "A19", "malformed order #1 (line 2) A19: is 540 KB, more than the 512 KB an "
                                + "order may hold; split its changes over several orders", "Modified", "00u1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedOrders")
    void aMalformedOrderIsOneErroredRowWithAnExactMessage(Malformed m, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("appsettings.agent.json"), VALID);
        Files.createDirectories(dir.resolve("orders"));
        Files.writeString(dir.resolve("orders/a.json"), "{\"ProvisioningOrdersList\": [\n" + m.order() + "\n]}\n");

        Run r = cli("fulfill", "--settings", dir + "/appsettings.agent.json", "--connection", ID, "--orders",
                dir + "/orders", "--results", dir + "/results.csv");

        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.out()).startsWith("OrdersCount:1" + System.lineSeparator() + "Progress:1" + System.lineSeparator());
        List<List<String>> rows = csv(dir.resolve("results.csv"));
        assertThat(rows).as("header and one row").hasSize(2);
        assertThat(rows.get(1)).isEqualTo(m.row());
        assertThat(r.out() + String.join(",", rows.get(1))).doesNotContain("Hunter2");
        assertThat(listing(dir.resolve("orders"))).as("the file was taken and finished").containsExactly("",
                "Completed", "Completed/a.json", "Completed/a.json.journal.done");
    }

    static List<List<String>> csv(Path file) throws IOException {
        com.univocity.parsers.csv.CsvParserSettings s = new com.univocity.parsers.csv.CsvParserSettings();
        s.getFormat().setLineSeparator("\r\n");
        s.setNullValue("");
        s.setEmptyValue("");
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        List<List<String>> out = new ArrayList<>();
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String[] row : new com.univocity.parsers.csv.CsvParser(s).iterate(in)) {
                out.add(List.of(row));
            }
        }
        return out;
    }

    record Run(int code, String out, String err) {
    }

    /** Writes valid orders (each changes a user's city) until the file holds {@code bytes} bytes. */
    static void writeHugeOrdersFile(Path file, long bytes) throws IOException {
        try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"ProvisioningOrdersList\": [\n");
            long written = 30;
            String tail = "\n]}\n";
            for (int i = 0; ; i++) {
                String order = (i == 0 ? "" : ",\n") + "{\"AssignedResourceTypeId\":\"H" + i + "\",\"ChangeType\":"
                        + "\"Modified\"," + USER + ",\"Resource\":{\"id\":\"00u" + i + "\"},\"Changes\":"
                        + "{\"profile.city\":\"City " + i + "\"}}";
                if (written + order.length() + tail.length() > bytes) {
                    w.write(" ".repeat((int) (bytes - written - tail.length())));
                    w.write(tail);
                    return;
                }
                w.write(order);
                written += order.length();
            }
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = OktaConnectorCli.run(args, o, e, false);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return every path below {@code dir}, relative, sorted */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- issue 13: files and settings

    @org.junit.jupiter.api.Test
    void anOutputFolderInUseByAnotherExportIsOneExactLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("appsettings.agent.json"), connection("\"Server\":\"" + SERVER
                + "\",\"AllowInsecureHttp\":true,\"ApiKey\":\"" + TOKEN + "\",\"OutputLockWaitSeconds\":0"));
        // another run (a host's, in this process) is writing into the folder
        try (io.oktaconnector.csv.CsvTableSink other = io.oktaconnector.csv.CsvTableSink.open(dir.resolve("out"))) {
            other.open(ID + "_users", List.of("id")).write(List.of("00u-other"));
            List<String> before = listing(dir);

            Run r = cli("export", "--settings", dir + "/appsettings.agent.json", "--connection", ID, "--output",
                    dir + "/out");

            assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines().toList()).containsExactly("error: the output directory " + dir + "/out is in "
                    + "use by another export (it holds .okta-connector.lock); gave up after waiting 0 s");
            assertThat(listing(dir)).as("the other run's files untouched").isEqualTo(before);
            other.commit();
        }
        assertThat(csv(dir.resolve("out/" + ID + "_users.csv"))).containsExactly(List.of("id"), List.of("00u-other"));
    }

    @org.junit.jupiter.api.Test
    void hugeSettingsAndMappingFilesNeverExhaustASmallHeap(@TempDir Path dir) throws Exception {
        // the jar as a host runs it, with a heap smaller than the files: refused before they are read, never an OOM
        Path settings = dir.resolve("appsettings.agent.json");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(settings.toFile(), "rw")) {
            raf.write(("{\"Connections\":{\"" + ID + "\":{\"Server\":\"").getBytes(StandardCharsets.UTF_8));
            raf.setLength(90L * 1024 * 1024);
        }
        assertThat(childExport(dir, settings, null)).isEqualTo("error: settings file " + settings + " is 90.0 MB, more "
                + "than the 1 MB a settings file may hold" + System.lineSeparator());
        Files.writeString(settings, VALID);
        Path mapping = dir.resolve("mapping.xml");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(mapping.toFile(), "rw")) {
            raf.write(mapping("<EntityTypeMapping ConnectionTable=\"" + ID + "_users\">").getBytes(StandardCharsets.UTF_8));
            raf.setLength(66L * 1024 * 1024);
        }
        assertThat(childExport(dir, settings, mapping)).isEqualTo("error: mapping file " + mapping + " is 66.0 MB, more "
                + "than the 8 MB a mapping file may hold" + System.lineSeparator());
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** Runs {@code export} in a child JVM with a 64 MB heap; returns its stderr after checking exit 1 and no stdout. */
    private static String childExport(Path dir, Path settings, Path mapping) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "io.oktaconnector.examples.Main", "export", "--settings", settings.toString(), "--connection", ID,
                "--output", dir.resolve("out").toString()));
        if (mapping != null) {
            command.addAll(List.of("--mapping", mapping.toString()));
        }
        Path out = dir.resolve("child-out.txt");
        Path err = dir.resolve("child-err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the child ended").isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isEqualTo(1);
        assertThat(Files.readString(out)).isEmpty();
        Files.delete(out);
        Files.delete(err);
        return stderr;
    }
}
