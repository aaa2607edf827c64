package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.okta.internal.fulfill.FulfillEngine;
import io.oktaconnector.okta.internal.fulfill.Passwords;
import io.oktaconnector.okta.internal.fulfill.FulfillRun;
import io.oktaconnector.simulator.FaultHandle;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FulfillRunTest extends SimTestBase {
    @TempDir
    Path dir;

    /** A listener that writes down what the CLI would print: {@code OrdersCount:n}, then {@code Progress:k}. */
    private static ProgressListener recording(List<String> progress) {
        return new ProgressListener() {
            @Override
            public void ordersCounted(int count) {
                progress.add("OrdersCount:" + count);
            }

            @Override
            public void orderCompleted(FulfillResult result, int completed) {
                progress.add("Progress:" + completed);
            }
        };
    }

    private FulfillSummary runFolder(Path orders, Path results, ProgressListener listener) {
        return new FulfillRun(new FulfillEngine(wire, EntityMapping.DEFAULTS, settings, Passwords.OKTA_EMAIL),
                settings.fulfill(), EntityMapping.DEFAULTS, stats::requests).run(orders, results, false, listener);
    }

    private static List<List<String>> rows(Path results) {
        List<List<String>> all = CsvAppender.readAll(results);
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    private static void write(Path file, OrderJson... orders) throws IOException {
        Files.writeString(file, OrderJson.file(List.of(orders)));
    }

    @Test
    void filesRunInNameOrderMovedToCompletedWithEveryResultJournaled() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        write(orders.resolve("b.json"), newUser("b1", "b1@example.com"), OrderJson.modified("b2", "User", "00uNone")
                .set("profile.city", "x"));
        write(orders.resolve("a.json"), newUser("a1", "a1@example.com"));
        Files.writeString(orders.resolve("notes.txt"), "not an orders file");
        Path results = dir.resolve("out/results.csv");
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        FulfillSummary s = runFolder(orders, results, recording(progress));
        assertThat(progress).containsExactly("OrdersCount:3", "Progress:1", "Progress:2", "Progress:3");
        assertThat(s.results()).extracting(FulfillResult::assignmentId).containsExactly("a1", "b1", "b2");
        assertThat(CsvAppender.readAll(results).get(0))
                .containsExactly("AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId");
        // rows are written as orders end: a file's orders may end in any order, files one after the other
        assertThat(rows(results)).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(3)).startsWith(
                "a1 Executed Added").containsExactlyInAnyOrder("a1 Executed Added", "b1 Executed Added",
                "b2 Errored Modified");
        assertThat(rows(results).get(0).get(4)).isEqualTo(userByLogin("a1@example.com").path("id").asText());
        assertThat(s.results().get(2).message()).contains("not found");
        assertThat(names(orders)).containsExactly("Completed", "notes.txt");
        assertThat(names(orders.resolve("Completed"))).containsExactly("a.json", "a.json.journal.done", "b.json",
                "b.json.journal.done");
        assertThat(s.requests()).isPositive();

        // the host writes the same file name again: the earlier one stays, the new one gets a free name
        write(orders.resolve("a.json"), newUser("a9", "a9@example.com"));
        runFolder(orders.resolve("a.json"), results, ProgressListener.NONE);
        assertThat(names(orders.resolve("Completed"))).contains("a-1.json", "a-1.json.journal.done");
        assertThat(rows(results)).hasSize(4);
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileThatIsNotJsonStopsTheRunBeforeAnyOrderRuns() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        write(orders.resolve("a.json"), newUser("a1", "a1@example.com"));
        Files.writeString(orders.resolve("b.json"), "<orders/>");
        assertThatThrownBy(() -> runFolder(orders, dir.resolve("r.csv"), ProgressListener.NONE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER);
                    assertThat(e.getMessage()).contains("b.json").contains("line 1");
                });
        assertThat(writes()).isEmpty();
        assertThat(names(orders)).containsExactly("a.json", "b.json");
        assertThatThrownBy(() -> runFolder(orders.resolve("missing.json"), dir.resolve("r.csv"),
                ProgressListener.NONE)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IO);
                    assertThat(e.getMessage()).contains("missing.json").contains("does not exist");
                });
    }

    @Test
    void anInterruptedFileIsResumedWithoutRunningAnyOrderTwice() throws IOException {
        // what a crash leaves: the file in Completed/, a journal with one result and one started order whose user
        // exists (its create was sent, its result never written)
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Path completed = Files.createDirectories(orders.resolve("Completed"));
        write(completed.resolve("a.json"), newUser("1", "one@example.com"), newUser("2", "two@example.com"),
                newUser("3", "three@example.com"), OrderJson.modified("4", "User", user("ACTIVE"))
                        .set("profile.title", "Resumed"),
                newUser("5", user0Login()));
        String one = sim.org().createUser(json(profile("one@example.com")), "ACTIVE").path("id").asText();
        String two = sim.org().createUser(json(profile("two@example.com")), "STAGED").path("id").asText();
        try (CsvAppender j = CsvAppender.open(completed.resolve("a.json.journal"), List.of("Event", "Index",
                "AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId"))) {
            j.append(List.of("S", "0", "", "", "", "", ""));
            j.append(List.of("R", "0", "1", "Executed", "created user one@example.com", "Added", one));
            j.append(List.of("S", "1", "", "", "", "", ""));
            j.append(List.of("S", "3", "", "", "", "", ""));
        }
        // a new file waits behind it
        write(orders.resolve("b.json"), newUser("6", "six@example.com"));
        Path results = dir.resolve("results.csv");

        FulfillSummary s = runFolder(orders, results, ProgressListener.NONE);

        assertThat(rows(results)).extracting(r -> r.get(0)).startsWith("1").endsWith("6")
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
        assertThat(s.results()).extracting(FulfillResult::assignmentId).containsExactly("1", "2", "3", "4", "5", "6");
        List<String> posted = sim.requests().matching(q -> q.method().equals("POST") && q.path().equals("/api/v1/users"))
                .stream().map(RecordedRequest::body).toList();
        // one and two were not sent again; five was (never started) and Okta refused the taken login
        assertThat(posted).hasSize(3).anyMatch(b -> b.contains("three@example.com"))
                .anyMatch(b -> b.contains("six@example.com"))
                .noneMatch(b -> b.contains("one@example.com") || b.contains("two@example.com"));
        FulfillResult r2 = s.results().get(1);
        assertThat(r2.state()).isEqualTo(ProvisioningState.Executed);
        assertThat(r2.resourceId()).isEqualTo(two);
        assertThat(r2.message()).contains("taken as created by the interrupted run");
        // order 5 was never started and its login belongs to an older user: a plain duplicate
        assertThat(s.results().get(4).state()).isEqualTo(ProvisioningState.Errored);
        assertThat(s.results().get(4).message()).contains("exists already");
        assertThat(names(completed)).containsExactly("a.json", "a.json.journal.done", "b.json", "b.json.journal.done");
    }

    private String user0Login() {
        return sim.org().users().findFirst().orElseThrow().path("profile").path("login").asText();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(Object o) {
        return OrderJson.JSON.valueToTree(o);
    }

    @Test
    void aJournalLeftBeforeItsFileWasMovedIsDiscarded() throws IOException {
        // the crash came after the journal was created and before the file was moved: no order ran
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Path completed = Files.createDirectories(orders.resolve("Completed"));
        CsvAppender.open(completed.resolve("a.json.journal"), List.of("Event", "Index", "AssignmentId",
                "ProvisioningState", "Message", "ChangeType", "ResourceId")).close();
        write(orders.resolve("a.json"), newUser("1", "fresh@example.com"));
        FulfillSummary s = runFolder(orders, dir.resolve("r.csv"), ProgressListener.NONE);
        assertThat(s.results()).extracting(FulfillResult::state).containsExactly(ProvisioningState.Executed);
        assertThat(names(completed)).containsExactly("a.json", "a.json.journal.done");
    }

    @Test
    void aStartedCreateWhoseLoginBelongsToSomeoneElseIsNotTaken() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Path completed = Files.createDirectories(orders.resolve("Completed"));
        String login = user0Login();
        write(completed.resolve("a.json"), newUser("1", login));
        try (CsvAppender j = CsvAppender.open(completed.resolve("a.json.journal"), List.of("Event", "Index",
                "AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId"))) {
            j.append(List.of("S", "0", "", "", "", "", ""));
        }
        FulfillSummary s = runFolder(orders, dir.resolve("r.csv"), ProgressListener.NONE);
        assertThat(s.results().get(0).state()).isEqualTo(ProvisioningState.Errored);
        assertThat(s.results().get(0).message()).contains("is not the one this order creates");
        assertThat(writes()).isEmpty();
    }

    @Test
    void aRunKilledMidFileIsResumedByTheNextRun() throws Exception {
        useSimulator(OktaSimulator.builder().seed(5).users(120).groups(6).apps(3)
                .latency(Duration.ofMillis(15), Duration.ofMillis(10)).start());
        Path orders = Files.createDirectories(dir.resolve("orders"));
        List<String> existing = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE"))
                .limit(30).map(u -> u.path("id").asText()).toList();
        List<OrderJson> list = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            list.add(i % 2 == 0 ? newUser("c" + i, "crash" + i + "@example.com")
                    : OrderJson.modified("m" + i, "User", existing.get(i / 2)).set("profile.title", "T" + i));
        }
        write(orders.resolve("big.json"), list.toArray(new OrderJson[0]));
        Path results = dir.resolve("results.csv");
        // every write after the 20th stalls for minutes before the simulator handles it: the child is certainly
        // stuck mid-file when it is killed, however slow the machine; a stalled write is never applied while the
        // test runs (the simulator's close interrupts the wait)
        FaultHandle stall = sim.faults().add(FaultRule.on("POST", "/api/v1/users/**").afterRequests(20)
                .delay(Duration.ofMinutes(5)));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", cp, KillableRun.class.getName(), sim.baseUrl(), sim.token(),
                orders.toString(), results.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stall.hits() == 0 || rows(results).size() < 5) {
            assertThat(child.isAlive()).as("the child ended early: " + Files.readString(dir.resolve("child.log")))
                    .isTrue();
            assertThat(System.nanoTime()).as("the child did not reach the stall in time").isLessThan(deadline);
            Thread.sleep(20); // polling the file the child writes; not an assertion
        }
        assertThat(child.isAlive()).isTrue();
        child.destroyForcibly().waitFor();
        stall.remove();
        int killedAt = sim.requests().size();
        Set<String> doneBeforeKill = rows(results).stream().map(r -> r.get(0)).collect(Collectors.toSet());
        assertThat(doneBeforeKill.size()).isBetween(5, 59);
        assertThat(Files.exists(orders.resolve("Completed/big.json.journal"))).isTrue();

        FulfillSummary second = runFolder(orders, results, ProgressListener.NONE);

        List<List<String>> rows = rows(results);
        assertThat(rows).hasSize(60);
        assertThat(rows.stream().map(r -> r.get(0)).collect(Collectors.toSet())).hasSize(60);
        assertThat(rows).allSatisfy(r -> assertThat(r.get(1)).as(r.toString()).isEqualTo("Executed"));
        assertThat(second.results()).hasSize(60);
        for (int i = 0; i < 60; i += 2) {
            String login = "crash" + i + "@example.com";
            assertThat(sim.org().users().filter(u -> u.path("profile").path("login").asText().equals(login)))
                    .as(login).hasSize(1);
            assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/users")
                    && q.body().contains("\"" + login + "\""))).as("creates of " + login).isEqualTo(1);
        }
        for (int i = 1; i < 60; i += 2) {
            assertThat(sim.org().user(existing.get(i / 2)).orElseThrow().path("profile").path("title").asText())
                    .isEqualTo("T" + i);
        }
        // no order that had a result before the kill sent anything afterwards
        List<RecordedRequest> after = sim.requests().all().subList(killedAt, sim.requests().size());
        Set<String> touched = new HashSet<>();
        for (RecordedRequest q : after) {
            if (!q.method().equals("GET")) {
                touched.add(q.path() + " " + q.body());
            }
        }
        for (int i = 0; i < 60; i++) {
            String id = i % 2 == 0 ? "c" + i : "m" + i;
            if (!doneBeforeKill.contains(id)) {
                continue;
            }
            String marker = i % 2 == 0 ? "crash" + i + "@example.com" : existing.get(i / 2);
            assertThat(touched).as(id + " ran again").noneMatch(t -> t.contains(marker));
        }
        assertThat(new File(orders.resolve("Completed/big.json.journal.done").toString())).exists();
    }

    // ---------------------------------------------------------------- issue 13: memory bounded by batches, not orders

    private FulfillSummary runFolder(Path orders, Path results, ProgressListener listener, FulfillRun.Limits limits) {
        return new FulfillRun(new FulfillEngine(wire, EntityMapping.DEFAULTS, settings, Passwords.OKTA_EMAIL),
                settings.fulfill(),
                EntityMapping.DEFAULTS, stats::requests, limits).run(orders, results, false, listener);
    }

    /** Modified orders: even ones change a user of the org (Executed), odd ones a user it lacks (Errored). */
    private OrderJson[] cities(String prefix, int count) {
        List<String> users = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE"))
                .map(u -> u.path("id").asText()).toList();
        OrderJson[] orders = new OrderJson[count];
        for (int i = 0; i < count; i++) {
            orders[i] = OrderJson.modified(prefix + i, "User", i % 2 == 0 ? users.get(i % users.size()) : "00uNone" + i)
                    .set("profile.city", prefix + i);
        }
        return orders;
    }

    @Test
    void aFolderRunsInBatchesAndTheSummaryKeepsTheFirstResultsAndCountsThemAll() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        write(orders.resolve("a.json"), cities("a", 7));
        write(orders.resolve("b.json"), cities("b", 6));
        Path results = dir.resolve("results.csv");
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        FulfillSummary s = runFolder(orders, results, recording(progress), new FulfillRun.Limits(3, 700, 5, 3, 2)); // batches of 3 orders or 700 bytes; the calls of 3 orders kept

        assertThat(progress).hasSize(14).startsWith("OrdersCount:13").endsWith("Progress:13");
        assertThat(rows(results)).extracting(r -> r.get(0)).hasSize(13).doesNotHaveDuplicates();
        assertThat(rows(results)).allSatisfy(r -> assertThat(r.get(1)).as(r.toString())
                .isEqualTo(Integer.parseInt(r.get(0).substring(1)) % 2 == 0 ? "Executed" : "Errored"));
        assertThat(s.orderCount()).isEqualTo(13);
        assertThat(s.errored()).isEqualTo(6);
        assertThat(s.complete()).isFalse();
        assertThat(s.results()).extracting(FulfillResult::assignmentId).containsExactly("a0", "a1", "a2", "a3", "a4");
        assertThat(s.plan()).extracting(c -> c.assignmentId()).hasSize(3)
                .allMatch(id -> List.of("a0", "a1", "a2", "a3", "a4").contains(id));
        // every order ran once, across batches and files
        for (String id : rows(results).stream().map(r -> r.get(0)).toList()) {
            assertThat(sim.requests().count(q -> q.method().equals("POST") && q.body().contains("\"" + id + "\"")))
                    .as(id).isEqualTo(1);
        }
        assertThat(names(orders.resolve("Completed"))).containsExactly("a.json", "a.json.journal.done", "b.json",
                "b.json.journal.done");
    }

    @Test
    void aResumedFileReappendsTheResultsTheResultsFileLacksAFewIdsAtATime() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Path completed = Files.createDirectories(orders.resolve("Completed"));
        write(completed.resolve("a.json"), cities("r", 6));
        try (CsvAppender j = CsvAppender.open(completed.resolve("a.json.journal"), List.of("Event", "Index",
                "AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId"))) {
            for (int i = 0; i < 4; i++) {
                j.append(List.of("S", String.valueOf(i), "", "", "", "", ""));
                j.append(List.of("R", String.valueOf(i), "r" + i, "Executed", "done before", "Modified", "00u" + i));
            }
            j.append(List.of("S", "4", "", "", "", "", ""));
        }
        // the host's results file has two of them (and a row of another run)
        Path results = dir.resolve("results.csv");
        try (CsvAppender r = CsvAppender.open(results, List.of("AssignmentId", "ProvisioningState", "Message",
                "ChangeType", "ResourceId"))) {
            r.append(List.of("x", "Executed", "another run", "Deleted", "00ux"));
            r.append(List.of("r1", "Executed", "done before", "Modified", "00u1"));
            r.append(List.of("r2", "Executed", "done before", "Modified", "00u2"));
        }

        FulfillSummary s = runFolder(orders, results, ProgressListener.NONE, new FulfillRun.Limits(2, 1L << 20, 100, 100, 1));

        // the two it lacked, once each, before the orders left to run (which end in any order)
        assertThat(rows(results)).extracting(r -> r.get(0)).startsWith("x", "r1", "r2", "r0", "r3")
                .containsExactlyInAnyOrder("x", "r1", "r2", "r0", "r3", "r4", "r5");
        assertThat(s.results()).extracting(FulfillResult::assignmentId)
                .containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(s.results().subList(0, 4)).extracting(FulfillResult::message).containsOnly("done before");
        assertThat(s.orderCount()).isEqualTo(6);
        assertThat(s.errored()).isEqualTo(1); // r5: its user is missing (r4, started before, simply ran again)
        assertThat(writes()).extracting(RecordedRequest::body).noneMatch(b -> b.matches("(?s).*\"r[0-3]\".*"));
        assertThat(names(completed)).containsExactly("a.json", "a.json.journal.done");
    }

    @Test
    void aJournalNamingAnOrderBeyondItsFileIsDamagedAndRunsNothing() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Path completed = Files.createDirectories(orders.resolve("Completed"));
        write(completed.resolve("a.json"), cities("d", 1));
        try (CsvAppender j = CsvAppender.open(completed.resolve("a.json.journal"), List.of("Event", "Index",
                "AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId"))) {
            // what a run keeps of a journal is a bit per order of the file: an index far beyond it is damage
            j.append(List.of("S", "2000000000", "", "", "", "", ""));
        }
        assertThatThrownBy(() -> runFolder(orders, dir.resolve("r.csv"), ProgressListener.NONE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IO);
                    assertThat(e.getMessage()).isEqualTo("the journal " + completed.resolve("a.json.journal")
                            + " is damaged: order index 2000000000 is not within the file's 1 orders");
                });
        assertThat(writes()).isEmpty();
    }

    @Test
    void aMessageListsTwentyLinksAndCountsTheRest() {
        // an order may change thousands of links: its message (a field of the results file) must not list them all
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            groups.add(sim.org().createGroup(OrderJson.JSON.createObjectNode().put("name", "Many " + i))
                    .path("id").asText());
        }
        List<FulfillResult> r = fulfill(OrderJson.modified("m", "User", user("ACTIVE"))
                .link("Groups_add", groups.toArray(String[]::new)));
        assertThat(r.get(0).state()).isEqualTo(ProvisioningState.Executed);
        assertThat(r.get(0).message()).isEqualTo("added to groups " + String.join(", ", groups.subList(0, 20))
                + " and 5 more");
        assertThat(groups).allSatisfy(g -> assertThat(sim.org().isMember(g, user("ACTIVE"))).isTrue());
    }

    // ---------------------------------------------------------------- issue 13: Completed stays inside the folder

    @Test
    void aCompletedThatIsALinkOrNotAFolderIsRefusedAndNothingMoves() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        write(orders.resolve("a.json"), cities("k", 1));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path completed = orders.resolve("Completed");
        Files.createSymbolicLink(completed, elsewhere);
        for (boolean dryRun : new boolean[] {false, true}) {
            assertThatThrownBy(() -> new FulfillRun(new FulfillEngine(wire, EntityMapping.DEFAULTS, settings, Passwords.OKTA_EMAIL),
                settings.fulfill(),
                    EntityMapping.DEFAULTS, stats::requests).run(orders, dir.resolve("r.csv"), dryRun,
                    ProgressListener.NONE)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.IO);
                        assertThat(e.getMessage()).isEqualTo("the Completed folder " + completed + " is a symbolic "
                                + "link; it must be a real folder inside the orders folder (remove the link)");
                    });
        }
        assertThat(names(orders)).containsExactly("Completed", "a.json");
        assertThat(names(elsewhere)).isEmpty();
        assertThat(dir.resolve("r.csv")).doesNotExist();

        Files.delete(completed);
        Files.writeString(completed, "a file");
        assertThatThrownBy(() -> runFolder(orders.resolve("a.json"), dir.resolve("r.csv"), ProgressListener.NONE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "the Completed folder " + completed + " is not a folder; it must be a real folder inside "
                                + "the orders folder (move it away)"));
        assertThat(names(orders)).containsExactly("Completed", "a.json");
        assertThat(writes()).isEmpty();

        // a host may reach its orders folder through a link: its Completed is still the real one inside it
        Files.delete(completed);
        Path via = Files.createSymbolicLink(dir.resolve("via"), orders);
        FulfillSummary s = runFolder(via, dir.resolve("r.csv"), ProgressListener.NONE);
        assertThat(s.results()).extracting(FulfillResult::state).containsExactly(ProvisioningState.Executed);
        assertThat(names(completed)).containsExactly("a.json", "a.json.journal.done");
    }

    @Test
    void aJournalInCompletedThatIsALinkIsRefusedAndItsTargetUntouched() throws IOException {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        Path completed = Files.createDirectories(orders.resolve("Completed"));
        write(completed.resolve("a.json"), cities("j", 1));
        Path outside = dir.resolve("outside.csv");
        CsvAppender.open(outside, List.of("Event", "Index", "AssignmentId", "ProvisioningState", "Message",
                "ChangeType", "ResourceId")).close();
        byte[] before = Files.readAllBytes(outside);
        Files.createSymbolicLink(completed.resolve("a.json.journal"), outside);
        assertThatThrownBy(() -> runFolder(orders, dir.resolve("r.csv"), ProgressListener.NONE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "the journal " + completed.resolve("a.json.journal") + " is a symbolic link; a run reads and "
                                + "writes only real files in the Completed folder (remove the link)"));
        assertThat(Files.readAllBytes(outside)).isEqualTo(before);
        assertThat(names(completed)).containsExactly("a.json", "a.json.journal");
        assertThat(writes()).isEmpty();
    }
}
