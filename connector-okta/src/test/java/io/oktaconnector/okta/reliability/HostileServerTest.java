package io.oktaconnector.okta.reliability;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.csv.CsvTableSink;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.internal.export.ExportOptions;
import io.oktaconnector.okta.internal.export.ExportRun;
import io.oktaconnector.okta.internal.http.Governor;
import io.oktaconnector.okta.internal.http.OktaClientFactory;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.http.RequestStats;
import io.oktaconnector.okta.testing.HostileServer;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.oktaconnector.okta.testing.HostileServer.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A hostile server (issue 13): the simulator behind a {@link HostileServer} that trickles, loops its cursor, repeats
 * ids, sends pages far larger than asked for, or echoes passwords. Every run must end within its deadline, with one
 * clear error (or clean files), the previous files byte-identical, no temporary file and no connector thread left.
 * Timeouts here are seconds, never minutes: {@code RequestTimeoutSeconds} 2, trickles of 1 byte per 100 ms (well
 * within {@code ReadTimeoutSeconds} 10, which a trickle never trips).
 */
class HostileServerTest {

    static final String ID = "Hostile";
    static final Duration TRICKLE = Duration.ofMillis(100);
    /** Far longer than any run here may take, far shorter than a trickled page would. */
    static final Duration LIMIT = Duration.ofSeconds(40);

    static OktaSimulator sim;
    static Map<String, GroundTruth.Table> truth;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(13).users(23).groups(7).apps(4).token("00hostileTOKENq8w7e6r5t4y3").start();
        truth = GroundTruth.expected(sim.org());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A settings file for the hostile server; {@code extra} are more keys of the connection ({@code "K":v,}). */
    Path settingsFile(HostileServer server, String extra) throws IOException {
        Path f = dir.resolve("appsettings.agent.json");
        Files.writeString(f, "{\"Connections\":{\"" + ID + "\":{" + extra + "\"Server\":\"" + server.baseUrl()
                + "\",\"ApiKey\":\"" + sim.token() + "\",\"AllowInsecureHttp\":true,\"PageSize\":5,"
                + "\"ReadTimeoutSeconds\":10}}}");
        return f;
    }

    /** Exports once through a clean server, so that a failed export has files to leave untouched. */
    Map<String, byte[]> cleanExport(Path out) throws IOException {
        try (HostileServer clean = new HostileServer(sim.baseUrl())) {
            OktaConnector.export(OktaSettings.load(settingsFile(clean, ""), ID), out);
        }
        GroundTruth.assertExportEquals(out, ID, truth);
        return Leftovers.snapshot(out);
    }

    /** Runs {@code export} against {@code server}, expects {@code code} and nothing left behind. */
    ConnectorException failsCleanly(Path out, Map<String, byte[]> before, Set<Thread> threads, ErrorCode code,
                                    Runnable export) throws Exception {
        ConnectorException e = assertTimeoutPreemptively(LIMIT, () -> catchThrowableOfType(export::run,
                ConnectorException.class));
        assertThat(e).as("the export must fail").isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).doesNotContain(sim.token());
        Leftovers.assertUnchanged(out, before);
        Leftovers.assertNoTemporaryFiles(out);
        Leftovers.assertNoNewThreads(threads, 5000);
        return e;
    }

    // ---------------------------------------------------------------- A: trickles

    @Test
    void answerWhoseHeadersTrickleIsCutOffByTheRequestTimeout() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/users"), HostileServer.trickleHeaders(TRICKLE))) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, "\"RequestTimeoutSeconds\":2,"), ID);
            long start = System.nanoTime();
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.TIMEOUT,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("GET /api/v1/users on " + server.baseUrl()
                    + ": no complete answer within RequestTimeoutSeconds (2 s); the request was cut off");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void bodyThatTricklesIsCutOffByTheRequestTimeout() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/groups"), HostileServer.trickleBody(TRICKLE))) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, "\"RequestTimeoutSeconds\":2,"), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.TIMEOUT,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).startsWith("GET /api/v1/groups on " + server.baseUrl()
                    + ": no complete answer within RequestTimeoutSeconds (2 s)");
        }
    }

    /** RunTimeoutMinutes cannot be below a minute in settings: the run is built here with a deadline of seconds. */
    @Test
    void runDeadlineCutsOffARequestInFlight() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/apps"), HostileServer.trickleBody(TRICKLE))) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, ""), ID).toBuilder()
                    .runTimeout(Duration.ofSeconds(3)).build();
            try (OktaClientFactory.Built client = OktaClientFactory.create(settings)) {
                OktaHttp http = new OktaHttp(client, settings.server(), Governor.of(settings), new RequestStats());
                ConnectorException e = failsCleanly(out, before, threads, ErrorCode.TIMEOUT, () -> {
                    try (CsvTableSink sink = CsvTableSink.open(out)) {
                        new ExportRun(settings, http, ExportOptions.DEFAULTS)
                                .run(new ExportRequest(sink, EntityMapping.DEFAULTS, ProgressListener.NONE));
                    }
                });
                assertThat(e.getMessage()).startsWith("GET /api/v1/apps on " + server.baseUrl()
                        + ": the run exceeded RunTimeoutMinutes (3 s) while waiting for the answer; the request"
                        + " was cut off [X-Okta-Request-Id ");
            }
        }
    }

    /** A run that fails for another reason closes its requests in flight: no worker is left reading a trickle. */
    @Test
    void failedRunCutsOffItsOtherRequestsInFlight() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        CountDownLatch appsInFlight = new CountDownLatch(1);
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/apps"), (req, o) -> {
                    appsInFlight.countDown();
                    HostileServer.trickleBody(TRICKLE).serve(req, o);
                })
                .on(get("/api/v1/users"), (req, o) -> {
                    appsInFlight.await(20, TimeUnit.SECONDS);
                    o.send(new HostileServer.Answer(403, List.<String[]>of(new String[] {"Content-Type",
                            "application/json"}), ("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have"
                            + " permission to perform the requested action\",\"errorCauses\":[]}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                })) {
            // the connector stays open (a host's): closing it would close its connections, and end the read anyway
            try (OktaConnector okta = OktaConnector.create(OktaSettings.load(settingsFile(server, ""), ID))) {
                failsCleanly(out, before, threads, ErrorCode.PERMISSION_DENIED,
                        () -> okta.export(out, EntityMapping.DEFAULTS, ProgressListener.NONE));
            }
            assertThat(appsInFlight.getCount()).isZero();
        }
    }

    // ---------------------------------------------------------------- E: pages far larger than asked for

    @Test
    void pageHoldingMoreObjectsThanAskedForIsRefused() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/users"), HostileServer.oversizedPage(6, 300))) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, ""), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.PROTOCOL,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("GET /api/v1/users on " + server.baseUrl()
                    + ": the page holds more than the 5 objects asked for (limit=5); refused");
        }
    }

    @Test
    void answerLargerThanMaxResponseMegabytesIsRefused() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        // 4 objects of 1 MB each: within the limit of 5, but past a cap of 1 MB
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/users"), HostileServer.oversizedPage(4, 1 << 20))) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, "\"MaxResponseMegabytes\":1,"), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.PROTOCOL,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("GET /api/v1/users on " + server.baseUrl()
                    + ": the answer is larger than MaxResponseMegabytes (1 MB); refused");
        }
    }

    /** The case: 500 MB of valid user objects in one page, to a JVM of 64 MB. */
    @Test
    void halfAGigabytePageEndsWithOneErrorInA64MegabyteHeap() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/users"), HostileServer.oversizedPage(1_000_000, 500))) {
            Path settings = settingsFile(server, "");
            Files.writeString(settings, Files.readString(settings).replace("\"PageSize\":5,", ""));
            Path stdout = dir.resolve("child.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path stderr = dir.resolve("child-err.txt");
            Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    HostileChild.class.getName(), settings.toString(), ID, out.toString())
                    .redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the child JVM did not finish in time: " + Files.readString(stdout));
            }
            String output = Files.readString(stdout);
            assertThat(Files.readString(stderr)).doesNotContain("OutOfMemoryError");
            assertThat(output).as(Files.readString(stderr)).isEqualTo("error PROTOCOL GET /api/v1/users on " + server.baseUrl()
                    + ": the page holds more than the 200 objects asked for (limit=200); refused\n");
            assertThat(p.exitValue()).isEqualTo(1);
            // the client dropped the connection: the server could write little more than socket buffers hold
            assertThat(server.bytesSent()).isLessThan(64L << 20);
        }
        Leftovers.assertUnchanged(out, before);
        Leftovers.assertNoTemporaryFiles(out);
    }

    // ---------------------------------------------------------------- C: lists that never end

    @Test
    void cursorThatIsNewEachTimeButLeadsToTheSamePageIsRefused() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/users"), HostileServer.everNewCursor())) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, ""), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.PROTOCOL,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("GET /api/v1/users on " + server.baseUrl()
                    + ": page 2 holds the same objects as an earlier page, under a new cursor; paging would never end");
            assertThat(server.requests()).filteredOn(r -> r.startsWith("GET /api/v1/users?")).hasSize(2);
        }
    }

    @Test
    void listPastMaxObjectsPerListIsRefused() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/apps"), HostileServer.endlessList())) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, "\"MaxObjectsPerList\":12,"), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.PROTOCOL,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("GET /api/v1/apps on " + server.baseUrl()
                    + ": the list goes on past 12 objects, more than it can hold (MaxObjectsPerList (12)); paging"
                    + " would never end");
            assertThat(server.requests()).filteredOn(r -> r.startsWith("GET /api/v1/apps?")).hasSize(3);
        }
    }

    @Test
    void memberListPastTwiceTheGroupsUsersCountIsRefused() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        String group = sim.org().groups().filter(g -> sim.org().groupMemberIds(g.get("id").asText()).count() > 0)
                .findFirst().orElseThrow().get("id").asText();
        long members = sim.org().groupMemberIds(group).count();
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/groups/" + group + "/users"), HostileServer.endlessList())) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, ""), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.PROTOCOL,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("GET /api/v1/groups/" + group + "/users on " + server.baseUrl()
                    + ": the list goes on past " + (2 * members + 5) + " objects, more than it can hold (the group's"
                    + " usersCount " + members + "); paging would never end");
        }
    }

    // ---------------------------------------------------------------- D: duplicate ids across pages

    @Test
    void objectsSentTwiceAreWrittenOnceAndCounted() throws Exception {
        Path out = dir.resolve("out");
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(get("/api/v1/users"), HostileServer.duplicateIds())
                .on(HostileServer.getMatching("/api/v1/groups/[^/]+/users"), HostileServer.duplicateIds())) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, ""), ID);
            ExportSummary summary = assertTimeoutPreemptively(LIMIT, () -> OktaConnector.export(settings, out));
            GroundTruth.assertExportEquals(out, ID, truth);
            // the play adds a copy of the first object to a later page with room for it: the last, when short
            long memberDuplicates = sim.org().groups().map(g -> sim.org().groupMemberIds(g.get("id").asText())
                    .count()).filter(m -> m > 5 && m % 5 != 0).count();
            assertThat(memberDuplicates).as("the org must give the play something to do").isPositive();
            assertThat(summary.duplicatesDropped()).isEqualTo(Map.of(ID + "_users", 1L,
                    ID + "_groupsusers", memberDuplicates));
            assertThat(summary.rowsPerTable().get(ID + "_users")).isEqualTo(truth.get("users").rows().size());
        }
    }

    // ---------------------------------------------------------------- B: a server that echoes secrets

    static final String ORDER_PASSWORD = "Order-Echo-Pw-4471";
    static final String DEFAULT_PASSWORD = "Def4ult-Echo-Pw\"9";

    @Test
    void passwordsAServerEchoesAreHiddenInResultsAndJournal() throws Exception {
        try (HostileServer server = new HostileServer(sim.baseUrl())
                .on(r -> r.method().equals("POST") && r.path().equals("/api/v1/users"), HostileServer.echoBody())) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, "\"PasswordResetSettings\":{\"Mode\":"
                    + "\"Default\",\"DefaultPassword\":\"" + DEFAULT_PASSWORD.replace("\"", "\\\"") + "\"},"), ID);
            assertThat(settings.passwordReset().defaultPassword().reveal()).isEqualTo(DEFAULT_PASSWORD);
            Path orders = dir.resolve("orders");
            Files.createDirectories(orders);
            Files.writeString(orders.resolve("echo.json"), """
                    { "ProvisioningOrdersList": [
                      { "AssignedResourceTypeId": "echo1", "ChangeType": "Added",
                        "ResourceType": { "Identifier": "U", "TargetEntityType": { "Identifier": "User" } },
                        "Changes": { "profile.login": "echo1@example.com", "profile.email": "echo1@example.com",
                                     "profile.firstName": "Echo", "profile.lastName": "One", "password": "%s" } },
                      { "AssignedResourceTypeId": "echo2", "ChangeType": "Added",
                        "ResourceType": { "Identifier": "U", "TargetEntityType": { "Identifier": "User" } },
                        "Changes": { "profile.login": "echo2@example.com", "profile.email": "echo2@example.com",
                                     "profile.firstName": "Echo", "profile.lastName": "Two" } } ] }
                    """.formatted(ORDER_PASSWORD));
            Path results = dir.resolve("results.csv");
            io.oktaconnector.api.FulfillSummary summary;
            try (OktaConnector okta = OktaConnector.create(settings)) {
                summary = okta.fulfill(orders, results, EntityMapping.DEFAULTS, false, ProgressListener.NONE);
            }
            // the server really echoed both: the passwords reached it, and came back in the refusal
            assertThat(server.requests()).filteredOn(r -> r.startsWith("POST /api/v1/users")).hasSize(2);
            Path journal = orders.resolve("Completed").resolve("echo.json.journal.done");
            for (String text : List.of(Files.readString(results), Files.readString(journal))) {
                assertThat(text).contains("echo1,Errored", "echo2,Errored").contains("Api validation failed: ")
                        .contains("[hidden]").doesNotContain(ORDER_PASSWORD).doesNotContain("Def4ult-Echo-Pw")
                        .doesNotContain(sim.token());
            }
            assertThat(summary.results()).hasSize(2).allSatisfy(r -> assertThat(r.message()).contains("[hidden]")
                    .doesNotContain(ORDER_PASSWORD).doesNotContain("Def4ult-Echo-Pw"));
        }
    }

    @Test
    void tokenAServerEchoesIsHiddenInTheError() throws Exception {
        Path out = dir.resolve("out");
        Map<String, byte[]> before = cleanExport(out);
        Set<Thread> threads = Leftovers.threads();
        try (HostileServer server = new HostileServer(sim.baseUrl()).on(get("/api/v1/users"), (req, o) -> o.send(
                new HostileServer.Answer(401, List.<String[]>of(new String[] {"Content-Type", "application/json"}),
                        ("{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided: "
                                + req.headers().get("authorization") + "\",\"errorCauses\":[]}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))))) {
            OktaSettings settings = OktaSettings.load(settingsFile(server, ""), ID);
            ConnectorException e = failsCleanly(out, before, threads, ErrorCode.AUTHENTICATION,
                    () -> OktaConnector.export(settings, out));
            assertThat(e.getMessage()).isEqualTo("Okta at " + server.baseUrl() + " refused the credentials (GET"
                    + " /api/v1/users: HTTP 401 E0000011 Invalid token provided: SSWS [hidden]); check ApiKey");
        }
    }
}
