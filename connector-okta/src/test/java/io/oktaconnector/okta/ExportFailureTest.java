package io.oktaconnector.okta;

import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.export.ExportOptions;
import io.oktaconnector.okta.testing.TestGovernors;
import io.oktaconnector.simulator.FaultHandle;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.oktaconnector.okta.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Failures during an export: clean errors with the right code, previous files untouched, nothing left behind. */
class ExportFailureTest {

    static OktaSimulator sim;
    static HttpServer foreign;
    static final AtomicInteger foreignHits = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        sim = OktaSimulator.builder().seed(11).users(1200).groups(60).apps(12).hostileValues(true)
                .token("00tok-failures-91c2").start();
        foreign = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        foreign.createContext("/", ex -> {
            foreignHits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        foreign.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
        foreign.stop(0);
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    static String foreignOrigin() {
        return "http://127.0.0.1:" + foreign.getAddress().getPort();
    }

    /** A connector whose governor backs off from 1 ms and waits 50 ms at most, so that a persistent fault fails fast. */
    static OktaConnector fastRetries(OktaSettings settings) {
        return OktaConnector.create(settings, TestGovernors.fast(settings), ExportOptions.DEFAULTS);
    }

    static ExportFailureTest.Snapshot snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String f : files(dir)) {
            files.put(f, Files.readAllBytes(dir.resolve(f)));
        }
        return new Snapshot(files);
    }

    record Snapshot(Map<String, byte[]> files) {
        void assertSameAs(Snapshot other) {
            assertThat(files.keySet()).isEqualTo(other.files.keySet());
            files.forEach((k, v) -> assertThat(v).as(k).isEqualTo(other.files.get(k)));
        }
    }

    static List<String> workerThreads() {
        List<String> names = new ArrayList<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().startsWith("okta-export-") && t.isAlive()) {
                names.add(t.getName());
            }
        });
        return names;
    }

    @Test
    void persistentServerErrorOnALateMembersPageLeavesThePreviousFilesAndNoTemporaryFile(@TempDir Path dir)
            throws Exception {
        OktaSettings settings = settings(sim, "Late").pageSize(100).build();
        OktaConnector.export(settings, dir);
        Snapshot before = snapshot(dir);
        assertThat(before.files()).hasSize(5);

        long memberRequests = sim.requests().count(r -> r.path().matches("/api/v1/groups/[^/]+/users"));
        assertThat(memberRequests).isGreaterThan(40);
        FaultHandle late = sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*/users")
                .afterRequests(memberRequests - 5).status(500));
        List<String> progress = new ArrayList<>();
        try (OktaConnector okta = fastRetries(settings)) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> okta.export(dir, EntityMapping.DEFAULTS, new ProgressListener() {
                        @Override
                        public synchronized void rowsWritten(String table, long totalRows) {
                            progress.add(table);
                        }
                    }));
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("/api/v1/groups/").contains("/users").contains(sim.baseUrl())
                    .contains("HTTP 500").contains("X-Okta-Request-Id");
            assertThat(okta.stats().retries()).isGreaterThanOrEqualTo(3);
        }
        assertThat(late.hits()).isGreaterThanOrEqualTo(4); // the first attempt and 3 retries
        assertThat(progress).contains("Late_users", "Late_groupsusers"); // most rows were written before the failure
        snapshot(dir).assertSameAs(before);
        assertThat(workerThreads()).isEmpty();
    }

    @Test
    void aForeignNextLinkFailsWithProtocolAndIsNeverRequested(@TempDir Path dir) throws IOException {
        foreignHits.set(0);
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").nth(2).foreignNextLink(foreignOrigin()));
        OktaSettings settings = settings(sim, "Foreign").build();
        assertThatThrownBy(() -> OktaConnector.export(settings, dir))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("another origin").contains(foreignOrigin())
                            .contains("GET /api/v1/users");
                });
        assertThat(foreignHits.get()).isZero();
        assertThat(files(dir)).isEmpty();
        assertThat(workerThreads()).isEmpty();
    }

    @Test
    void aNeverEndingCursorFailsWithProtocolInsteadOfLooping(@TempDir Path dir) throws IOException {
        FaultHandle endless = sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*/users").endlessNextLink());
        assertThatThrownBy(() -> OktaConnector.export(settings(sim, "Endless").build(), dir))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("repeats the cursor");
                });
        assertThat(endless.hits()).isLessThan(200);
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void malformedJsonIsAProtocolError(@TempDir Path dir) {
        sim.faults().add(FaultRule.on("GET", "/api/v1/apps").malformedJson());
        assertThatThrownBy(() -> OktaConnector.export(settings(sim, "Malformed").build(), dir))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("GET /api/v1/apps").contains("not valid JSON")
                            .contains("it ends early at line");
                    // never a piece of Okta's answer: Jackson's own message would quote it
                    assertThat(e.getMessage()).doesNotContain("end-of-input").doesNotContain("\"id\"");
                });
    }

    @Test
    void aRedirectIsRefusedAndNotFollowed(@TempDir Path dir) {
        foreignHits.set(0);
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").redirectTo(foreignOrigin() + "/api/v1/groups"));
        assertThatThrownBy(() -> OktaConnector.export(settings(sim, "Redirect").build(), dir))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("redirect refused").contains(foreignOrigin());
                });
        assertThat(foreignHits.get()).isZero();
    }

    @Test
    void aWrongTokenIsAnAuthenticationErrorNamingTheServerAndNeverTheToken(@TempDir Path dir) throws IOException {
        String wrong = "00wrong-token-never-printed";
        OktaSettings settings = settings(sim, "Wrong").apiKey(Secret.of(wrong)).build();
        for (Runnable r : List.<Runnable>of(() -> OktaConnector.export(settings, dir), () -> {
            try (OktaConnector okta = OktaConnector.create(settings)) {
                okta.check();
            }
        })) {
            assertThatThrownBy(r::run).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                assertThat(e.getMessage()).contains(sim.baseUrl()).contains("401").contains("ApiKey")
                        .doesNotContain(wrong).doesNotContain(sim.token());
            });
        }
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aMissingPermissionIsPermissionDenied() {
        sim.faults().add(FaultRule.on("GET", "/api/v1/apps").status(403));
        try (OktaConnector okta = OktaConnector.create(settings(sim, "Perm").build())) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("GET /api/v1/apps").contains(sim.baseUrl());
            });
        }
    }

    @Test
    void checkSucceedsWithOnePageOfOneAndTheSchemas() {
        sim.requests().clear();
        try (OktaConnector okta = OktaConnector.create(settings(sim, "Check").build())) {
            okta.check();
            assertThat(okta.stats().requests()).isEqualTo(5);
        }
        assertThat(sim.requests().all()).extracting(r -> r.target()).containsExactly(
                "/api/v1/users?limit=1", "/api/v1/groups?limit=1", "/api/v1/apps?limit=1",
                "/api/v1/meta/schemas/user/default", "/api/v1/meta/schemas/group/default");
        assertThat(sim.requests().all()).allMatch(r -> r.authorized());
    }

    @Test
    void aRefusedConnectionIsUnavailableNamingTheHost() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OktaSettings settings = OktaSettings.builder().connectionId("Refused").server("http://127.0.0.1:" + port)
                .apiKey(Secret.of("00x")).allowInsecureHttp(true).build();
        try (OktaConnector okta = OktaConnector.create(settings)) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("refused");
            });
        }
    }

    @Test
    void anUnknownHostIsUnavailableNamingTheHost() {
        OktaSettings settings = OktaSettings.builder().connectionId("Unknown")
                .server("https://no-such-org.invalid").apiKey(Secret.of("00x")).build();
        try (OktaConnector okta = OktaConnector.create(settings)) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.getMessage()).contains("no-such-org.invalid");
            });
        }
    }

    @Test
    void transientServerErrorsAndResetsAreRetriedForReads(@TempDir Path dir) throws Exception {
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").nth(2).status(503));
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*/users").nth(5).resetBeforeBody());
        sim.faults().add(FaultRule.on("GET", "/api/v1/apps").nth(1).status(502));
        try (OktaConnector okta = fastRetries(settings(sim, "Transient").build())) {
            okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
            assertThat(okta.stats().retries()).isEqualTo(3);
        }
        assertThat(readCsv(dir.resolve("Transient_users.csv")).rows()).hasSize(1200);
        assertThat(readCsv(dir.resolve("Transient_groupsusers.csv")).sortedRows()).isEqualTo(expectedMemberships(sim));
    }

    @Test
    void aRateLimitAnswerIsWaitedOutAndRetried(@TempDir Path dir) throws Exception {
        sim.faults().add(FaultRule.on("GET", "/api/v1/apps").nth(1).status(429));
        try (OktaConnector okta = OktaConnector.create(settings(sim, "Limited").build())) {
            okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE);
            assertThat(okta.stats().rateLimitedAnswers()).isEqualTo(1);
            assertThat(okta.stats().retries()).isEqualTo(1);
            assertThat(okta.stats().requestsPerBucket().get("APPS")).isGreaterThanOrEqualTo(2);
        }
        assertThat(readCsv(dir.resolve("Limited_apps.csv")).rows()).hasSize(12);
        assertThat(workerThreads()).isEmpty();
    }

    @Test
    void aRateLimitThatDoesNotEndIsRateLimited(@TempDir Path dir) {
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").status(429));
        try (OktaConnector okta = fastRetries(settings(sim, "Exhausted").build())) {
            assertThatThrownBy(() -> okta.export(dir, EntityMapping.DEFAULTS, ProgressListener.NONE))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                        assertThat(e.isRetriable()).isTrue();
                        assertThat(e.getMessage()).contains("GET /api/v1/groups").contains("429");
                    });
            assertThat(okta.stats().rateLimitedAnswers()).isEqualTo(3); // the first attempt and 2 retries
        }
    }

    @Test
    void lowerCaseHeaderNamesWork(@TempDir Path dir) throws Exception {
        try (OktaSimulator lower = OktaSimulator.builder().seed(3).users(450).groups(25).apps(7).hostileValues(true)
                .lowerCaseHeaders(true).start()) {
            OktaConnector.export(settings(lower, "Lower").pageSize(50).build(), dir);
            List<String> cols = defaultUserColumns(lower);
            Csv users = readCsv(dir.resolve("Lower_users.csv"));
            assertThat(users.rows()).isEqualTo(project(lower.org().users(), cols)).hasSize(450);
            assertThat(readCsv(dir.resolve("Lower_groupsusers.csv")).sortedRows()).isEqualTo(expectedMemberships(lower));
            assertThat(readCsv(dir.resolve("Lower_groupsapps.csv")).sortedRows()).isEqualTo(expectedAppLinks(lower));
            assertThat(lower.requests().count(r -> r.path().equals("/api/v1/users"))).isEqualTo(9); // 450 / 50
        }
    }
}
