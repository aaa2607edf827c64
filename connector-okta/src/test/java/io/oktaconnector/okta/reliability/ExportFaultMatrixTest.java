package io.oktaconnector.okta.reliability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.FaultHandle;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The export fault matrix (issue 8): every fault the simulator can inject, on each kind of list the export pages
 * through (users, groups, one group's members, apps, one app's groups), at its first, a middle and its last page. Each
 * scenario starts from the files of a clean export plus a temporary file a crashed run left, and must either complete
 * with files equal to the ground truth, or fail with the expected {@link ErrorCode} within its deadline, leaving the
 * previous files byte-identical; in both cases no temporary file and no connector thread may be left.
 *
 * <p>The org is small and pages are 3 objects, so every list has at least 3 pages and an export takes a fraction of a
 * second. {@code mvn verify} runs each fault on two lists, rotating lists and page positions so that every list is hit
 * at every position (40 scenarios); {@code -Dreliability.matrix=lists} runs every fault on every list (100) and
 * {@code -Dreliability.matrix=full} the whole product, fault × list × position (300);
 * {@code -Dreliability.faults=NAME,NAME} keeps only the named faults.
 */
class ExportFaultMatrixTest {

    static final String ID = "Rel";
    static final int PAGE = 3;

    static OktaSimulator sim;
    static Map<String, GroundTruth.Table> truth;
    static String targetGroup;
    static String targetApp;
    static Map<String, byte[]> cleanFiles;

    @TempDir
    static Path shared;

    /** The lists an export pages through. */
    enum ListKind {
        USERS("users"), GROUPS("groups"), MEMBERS("one group's members"), APPS("apps"), APP_GROUPS("one app's groups");

        final String label;

        ListKind(String label) {
            this.label = label;
        }

        String path() {
            return switch (this) {
                case USERS -> "/api/v1/users";
                case GROUPS -> "/api/v1/groups";
                case MEMBERS -> "/api/v1/groups/" + targetGroup + "/users";
                case APPS -> "/api/v1/apps";
                case APP_GROUPS -> "/api/v1/apps/" + targetApp + "/groups";
            };
        }

        long items() {
            return switch (this) {
                case USERS -> sim.org().userCount();
                case GROUPS -> sim.org().groupCount();
                case MEMBERS -> sim.org().memberCount(targetGroup);
                case APPS -> sim.org().appCount();
                case APP_GROUPS -> sim.org().appGroupAssignments(targetApp).count();
            };
        }

        int pages() {
            return (int) ((items() + PAGE - 1) / PAGE);
        }
    }

    /** Where in the list the fault strikes. */
    enum Position {
        FIRST, MIDDLE, LAST;

        int page(int pages) {
            return switch (this) {
                case FIRST -> 1;
                case MIDDLE -> (pages + 1) / 2;
                case LAST -> pages;
            };
        }
    }

    /** The expected end of a scenario: survived (files equal the ground truth) or failed with a code. */
    record Outcome(ErrorCode code) {
        static final Outcome SURVIVES = new Outcome(null);

        boolean survives() {
            return code == null;
        }

        @Override
        public String toString() {
            return survives() ? "survives" : "fails " + code;
        }
    }

    /** Each fault the simulator offers, with how it is applied from page k on and what the export must do. */
    enum Fault {
        HTTP_500_ONCE("HTTP 500 once", (r, k) -> r.nth(k).status(500), last -> Outcome.SURVIVES),
        HTTP_503_PERSISTENT("HTTP 503 from then on", (r, k) -> r.afterRequests(k - 1).status(503),
                last -> new Outcome(ErrorCode.UNAVAILABLE)),
        HTTP_429_ONCE("HTTP 429 once (no rate-limit headers)", (r, k) -> r.nth(k).status(429), last -> Outcome.SURVIVES),
        HTTP_401("HTTP 401", (r, k) -> r.nth(k).status(401), last -> new Outcome(ErrorCode.AUTHENTICATION)),
        HTTP_403("HTTP 403", (r, k) -> r.nth(k).status(403), last -> new Outcome(ErrorCode.PERMISSION_DENIED)),
        RESET_BEFORE_BODY_ONCE("reset before the body, once", (r, k) -> r.nth(k).resetBeforeBody(),
                last -> Outcome.SURVIVES),
        RESET_BEFORE_BODY_PERSISTENT("reset before the body, from then on",
                (r, k) -> r.afterRequests(k - 1).resetBeforeBody(), last -> new Outcome(ErrorCode.UNAVAILABLE)),
        RESET_AFTER_BODY("reset after the body", (r, k) -> r.nth(k).resetAfterBody(), last -> Outcome.SURVIVES),
        RESET_AFTER_BODY_PERSISTENT("reset after the body, from then on",
                (r, k) -> r.afterRequests(k - 1).resetAfterBody(), last -> Outcome.SURVIVES),
        TRUNCATED_BODY_ONCE("truncated body, once", (r, k) -> r.nth(k).truncatedBody(), last -> Outcome.SURVIVES),
        TRUNCATED_BODY_PERSISTENT("truncated body, from then on", (r, k) -> r.afterRequests(k - 1).truncatedBody(),
                last -> new Outcome(ErrorCode.UNAVAILABLE)),
        MALFORMED_JSON("malformed JSON", (r, k) -> r.nth(k).malformedJson(), last -> new Outcome(ErrorCode.PROTOCOL)),
        DELAY_WITHIN_READ_TIMEOUT("300 ms delay", (r, k) -> r.nth(k).delay(Duration.ofMillis(300)),
                last -> Outcome.SURVIVES),
        DELAY_PAST_READ_TIMEOUT("delay past the read timeout, from then on",
                (r, k) -> r.afterRequests(k - 1).delay(Duration.ofMillis(READ_TIMEOUT_MS + 1_500)),
                last -> new Outcome(ErrorCode.TIMEOUT)),
        REDIRECT("302 to another origin", (r, k) -> r.nth(k).redirectTo("http://127.0.0.2:9"),
                last -> new Outcome(ErrorCode.PROTOCOL)),
        FOREIGN_NEXT_LINK("next link on another origin", (r, k) -> r.nth(k).foreignNextLink("http://127.0.0.2:9"),
                // the last page has no next link to move elsewhere
                last -> last ? Outcome.SURVIVES : new Outcome(ErrorCode.PROTOCOL)),
        ENDLESS_NEXT_LINK("never-ending cursor", (r, k) -> r.afterRequests(k - 1).endlessNextLink(),
                last -> new Outcome(ErrorCode.PROTOCOL)),
        DUPLICATE_RATE_LIMIT_HEADERS("duplicate rate-limit headers, from then on",
                (r, k) -> r.afterRequests(k - 1).duplicateRateLimitHeaders(), last -> Outcome.SURVIVES),
        MISSING_DATE("no Date header, from then on", (r, k) -> r.afterRequests(k - 1).missingDate(),
                last -> Outcome.SURVIVES),
        AMBIGUOUS_WRITE("answered, then reset without a response (ambiguous), once",
                (r, k) -> r.nth(k).ambiguousWrite(), last -> Outcome.SURVIVES);

        final String label;
        final BiFunction<FaultRule, Integer, FaultRule> apply;
        final java.util.function.Function<Boolean, Outcome> outcome;

        Fault(String label, BiFunction<FaultRule, Integer, FaultRule> apply,
              java.util.function.Function<Boolean, Outcome> outcome) {
            this.label = label;
            this.apply = apply;
            this.outcome = outcome;
        }
    }

    /** Read timeout of the delay scenarios (whole seconds: the setting's unit). */
    static final long READ_TIMEOUT_MS = 2_000;

    record Scenario(ListKind list, Position position, Fault fault) {
        int page() {
            return position.page(list.pages());
        }

        Outcome outcome() {
            return fault.outcome.apply(page() == list.pages());
        }

        @Override
        public String toString() {
            return fault.label + " on " + list.label + ", " + position.name().toLowerCase() + " page (" + page() + " of "
                    + list.pages() + ") -> " + outcome();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        sim = OktaSimulator.builder().seed(31).users(23).groups(36).apps(7).hostileValues(true)
                .token("00tok-reliability-matrix-4b7e").start();
        // a group of 8 members: pages of 3, 3 and 2
        ObjectNode profile = JsonNodeFactory.instance.objectNode().put("name", "Reliability, \"target\"")
                .put("description", "members on three pages");
        targetGroup = sim.org().createGroup(profile).get("id").asText();
        sim.org().users().limit(8).forEach(u -> sim.org().addMember(targetGroup, u.get("id").asText()));
        // every group assigned to an app, so that reading the links app by app is the cheaper side; the target app
        // gets at least 7 groups, three pages or more
        List<String> apps = sim.org().apps().map(a -> a.get("id").asText()).toList();
        targetApp = apps.get(0);
        List<String> groups = sim.org().groups().map(g -> g.get("id").asText()).toList();
        for (int i = 0; i < groups.size(); i++) {
            sim.org().assignGroup(apps.get(i % apps.size()), groups.get(i), i);
            if (i % 3 == 0) {
                sim.org().assignGroup(targetApp, groups.get(i), 100 + i);
            }
        }
        for (ListKind l : ListKind.values()) {
            assertThat(l.pages()).as(l.label + " pages").isGreaterThanOrEqualTo(3);
        }
        truth = GroundTruth.expected(sim.org());

        Path clean = shared.resolve("clean");
        OktaConnector.export(settings().build(), clean);
        GroundTruth.assertExportEquals(clean, ID, truth);
        // the matrix covers the app side of the application-group links: the export must have chosen it
        assertThat(sim.requests().count(r -> r.path().matches("/api/v1/apps/[^/]+/groups"))).isPositive();
        assertThat(sim.requests().count(r -> r.path().matches("/api/v1/groups/[^/]+/apps"))).isZero();
        cleanFiles = Leftovers.snapshot(clean);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    static OktaSettings.Builder settings() {
        return OktaSettings.builder().connectionId(ID).server(sim.baseUrl()).apiKey(Secret.of(sim.token()))
                .allowInsecureHttp(true).pageSize(PAGE).maxConcurrency(4);
    }

    /**
     * The scenarios: by default each fault on two lists, lists and positions rotating so that every list is hit at
     * every position ({@link #theDefaultSelectionCoversEveryFaultListAndPosition}); {@code -Dreliability.matrix=lists}
     * every fault on every list; {@code -Dreliability.matrix=full} the whole product.
     */
    static Stream<Scenario> scenarios() {
        String mode = System.getProperty("reliability.matrix", "");
        String only = System.getProperty("reliability.faults", "");
        List<Scenario> out = new ArrayList<>();
        Fault[] faults = Fault.values();
        ListKind[] lists = ListKind.values();
        for (int f = 0; f < faults.length; f++) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(faults[f].name())) {
                continue;
            }
            for (int l = 0; l < lists.length; l++) {
                Position rotating = Position.values()[(f + l) % 3];
                if (mode.equals("full")) {
                    for (Position p : Position.values()) {
                        out.add(new Scenario(lists[l], p, faults[f]));
                    }
                } else if (mode.equals("lists") || l == f % lists.length || l == (f + 1) % lists.length) {
                    out.add(new Scenario(lists[l], rotating, faults[f]));
                }
            }
        }
        return out.stream();
    }

    @Test
    void theDefaultSelectionCoversEveryFaultListAndPosition() {
        assumeTrue(System.getProperty("reliability.faults", "").isEmpty(), "a subset of the faults was asked for");
        List<Scenario> all = scenarios().toList();
        assertThat(all.stream().map(Scenario::fault).distinct()).containsExactlyInAnyOrder(Fault.values());
        assertThat(all.stream().map(x -> x.list() + " " + x.position()).distinct()).hasSize(
                ListKind.values().length * Position.values().length);
        assertThat(all.stream().filter(x -> x.outcome().survives())).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all.stream().map(Scenario::outcome).filter(o -> !o.survives()).distinct()).hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exportSurvivesOrFailsCleanly(Scenario s, @TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : cleanFiles.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Map<String, byte[]> previous = Leftovers.snapshot(dir);
        Leftovers.plantCrashLeftover(dir, ID);

        OktaSettings.Builder b = settings();
        if (s.fault() == Fault.DELAY_PAST_READ_TIMEOUT) {
            b.readTimeout(Duration.ofMillis(READ_TIMEOUT_MS));
        }
        OktaSettings settings = b.build();
        FaultHandle fault = sim.faults().add(s.fault().apply.apply(FaultRule.on("GET", s.list().path()), s.page()));
        Set<Thread> threadsBefore = Leftovers.threads();

        ConnectorException failure = assertTimeoutPreemptively(Duration.ofSeconds(45), () -> {
            try {
                OktaConnector.export(settings, dir);
                return null;
            } catch (ConnectorException e) {
                return e;
            }
        }, () -> "the export did not end within its deadline: " + s);

        assertThat(fault.hits()).as("the fault was injected").isPositive();
        Outcome expected = s.outcome();
        if (expected.survives()) {
            assertThat(failure).as("the export should have survived: %s", s).isNull();
            GroundTruth.assertExportEquals(dir, ID, truth);
        } else {
            assertThat(failure).as("the export should have failed").isNotNull();
            assertThat(failure.code()).as(failure.getMessage()).isEqualTo(expected.code());
            assertThat(failure.getMessage()).contains(s.list().path()).contains(sim.baseUrl())
                    .doesNotContain(sim.token());
            Leftovers.assertUnchanged(dir, previous);
        }
        Leftovers.assertNoTemporaryFiles(dir);
        Leftovers.assertNoNewThreads(threadsBefore, 5_000);
    }
}
