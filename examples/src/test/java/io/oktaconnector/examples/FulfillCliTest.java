package io.oktaconnector.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RecordedRequest;
import io.oktaconnector.simulator.SimOrg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.oktaconnector.examples.CliTestSupport.ID;
import static io.oktaconnector.examples.CliTestSupport.TOKEN;
import static io.oktaconnector.examples.CliTestSupport.WRONG_TOKEN;
import static io.oktaconnector.examples.CliTestSupport.cli;
import static io.oktaconnector.examples.CliTestSupport.readCsv;
import static io.oktaconnector.examples.CliTestSupport.writeSettings;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code fulfill} in-process against a fresh small simulated org per test; the org's state is checked, not only the files. */
class FulfillCliTest {

    /** The exact header of the results file (the contract). */
    static final List<String> RESULTS_HEADER =
            List.of("AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId");
    private static final String PASSWORD = "Pa55-Word-n0t-for-your-eyes";

    @TempDir
    Path tmp;

    private OktaSimulator sim;
    private SimOrg org;
    private Path settings;

    @BeforeEach
    void start() throws IOException {
        sim = OktaSimulator.builder().seed(11).users(20).groups(8).apps(6).token(TOKEN).start();
        org = sim.org();
        settings = writeSettings(tmp.resolve("settings"), sim.baseUrl(), TOKEN);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CliTestSupport.Run fulfill(Path orders, Path results, String... more) {
        List<String> args = new ArrayList<>(List.of("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", orders.toString(), "--results", results.toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private List<RecordedRequest> writes() {
        return sim.requests().matching(r -> !r.method().equals("GET"));
    }

    /** The results file as AssignmentId → row, asserting the header and that every id has exactly one row. */
    private static Map<String, List<String>> results(Path file) throws IOException {
        CliTestSupport.Csv csv = readCsv(file);
        assertThat(csv.header()).containsExactlyElementsOf(RESULTS_HEADER);
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (List<String> row : csv.rows()) {
            assertThat(byId.put(row.get(0), row)).as("a second row for %s", row.get(0)).isNull();
        }
        return byId;
    }

    /** stdout starts with OrdersCount:n, then Progress:1 … Progress:n, one line each. */
    private static List<String> assertProgressLines(String out, int n) {
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("OrdersCount:" + n);
        assertThat(lines.subList(1, n + 1)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, n).mapToObj(k -> "Progress:" + k).toList());
        assertThat(lines.stream().filter(l -> l.startsWith("OrdersCount:"))).hasSize(1);
        return lines.subList(n + 1, lines.size());
    }

    private static String loginOf(String body) {
        try {
            return new ObjectMapper().readTree(body).path("profile").path("login").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileOfMixedOrdersGivesOneResultRowEachAndChangesTheOrg() throws IOException {
        String g1 = Orders.group(org, 0);
        String g2 = Orders.group(org, 1);
        String updated = Orders.user(org, "ACTIVE", 0);
        String suspended = Orders.user(org, "ACTIVE", 1);
        String deleted = Orders.user(org, "ACTIVE", 2);
        String existingLogin = Orders.login(org, Orders.user(org, "ACTIVE", 3));
        String app = Orders.activeApp(org);
        boolean g2AssignedBefore = org.appGroupAssignments(app).anyMatch(a -> a.path("id").asText().equals(g2));
        long groupsBefore = org.groupCount();

        Orders o = new Orders();
        o.newUser("A1", "new.person@cli.example.com").put("password", PASSWORD).putArray("Groups_add").add(g1);
        o.add("A2", "Modified", "User", updated).put("profile.city", "Lisbon").put("profile.title", "Pilot");
        o.add("A3", "Modified", "User", suspended).put("status", "SUSPENDED");
        o.add("A4", "Added", "Group", null).put("profile.name", "CLI pilots").putArray("Users_add").add(updated);
        o.add("A5", "Modified", "Application", app).putArray("Groups_add").add(g2);
        o.newUser("A6", existingLogin);
        o.add("A7", "Added", "Robot", null).put("name", "R2");
        o.add("A8", "Deleted", "User", deleted);
        o.add("A9", "Modified", "Group", g1).putArray("Users_remove").add(updated);
        Path orders = o.write(tmp.resolve("in").resolve("orders.json"));
        Path results = tmp.resolve("out").resolve("results.csv");
        Files.createDirectories(results.getParent());

        CliTestSupport.Run r = fulfill(orders, results);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> summary = assertProgressLines(r.out(), o.size());
        assertThat(summary).hasSize(2);
        assertThat(summary.get(0)).isEqualTo("Fulfilled 9 orders from " + orders.toAbsolutePath() + ": 7 executed, 2 errored");
        assertThat(summary.get(1)).matches("Results appended to " + java.util.regex.Pattern.quote(
                results.toAbsolutePath().toString()) + " \\([1-9][0-9]* requests, [0-9]+\\.[0-9] s\\)");
        assertThat(r.out()).doesNotContain(TOKEN).doesNotContain(PASSWORD);

        Map<String, List<String>> rows = results(results);
        // rows are appended as orders end: orders for different resources run concurrently, in any order
        assertThat(rows.keySet()).containsExactlyInAnyOrder("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9");
        rows.forEach((id, row) -> assertThat(row.get(1)).as(id + ": " + row.get(2))
                .isEqualTo(id.equals("A6") || id.equals("A7") ? "Errored" : "Executed"));
        Map<String, String> changeTypes = new LinkedHashMap<>();
        rows.forEach((id, row) -> changeTypes.put(id, row.get(3)));
        assertThat(changeTypes).containsExactlyInAnyOrderEntriesOf(Map.of("A1", "Added", "A2", "Modified",
                "A3", "Modified", "A4", "Added", "A5", "Modified", "A6", "Added", "A7", "Added", "A8", "Deleted",
                "A9", "Modified"));
        assertThat(rows.get("A6").get(2)).contains("exists already").contains("X-Okta-Request-Id");
        assertThat(rows.get("A7").get(2)).contains("Robot");
        assertThat(Files.readString(results)).doesNotContain(PASSWORD).doesNotContain(TOKEN);

        // the org, as the simulator holds it
        ObjectNode created = org.user("new.person@cli.example.com").orElseThrow();
        assertThat(rows.get("A1").get(4)).isEqualTo(created.path("id").asText());
        assertThat(created.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(org.isMember(g1, created.path("id").asText())).isTrue();
        ObjectNode u = org.user(updated).orElseThrow();
        assertThat(u.path("profile").path("city").asText()).isEqualTo("Lisbon");
        assertThat(u.path("profile").path("title").asText()).isEqualTo("Pilot");
        assertThat(org.user(suspended).orElseThrow().path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(org.groupCount()).isEqualTo(groupsBefore + 1);
        String newGroup = rows.get("A4").get(4);
        assertThat(org.group(newGroup).orElseThrow().path("profile").path("name").asText()).isEqualTo("CLI pilots");
        assertThat(org.groupMemberIds(newGroup)).containsExactly(updated);
        assertThat(g2AssignedBefore).isFalse();
        assertThat(org.appGroupAssignments(app).map(a -> a.path("id").asText())).contains(g2);
        assertThat(org.user(deleted).orElseThrow().path("status").asText()).isEqualTo("DEPROVISIONED");
        assertThat(org.isMember(g1, updated)).isFalse();
        assertThat(org.users().filter(x -> x.path("profile").path("login").asText().equals(existingLogin))).hasSize(1);

        // the file was taken: moved to Completed/ beside it
        assertThat(orders).doesNotExist();
        assertThat(orders.resolveSibling("Completed").resolve("orders.json")).isRegularFile();
    }

    @Test
    void anOrdersFileThatIsNotJsonIsOneErrorLineAndTouchesNothing() throws IOException {
        Path orders = tmp.resolve("orders.json");
        Files.writeString(orders, "{ \"ProvisioningOrdersList\": [ { \"AssignedResourceTypeId\": ", StandardCharsets.UTF_8);
        Path results = tmp.resolve("results.csv");

        CliTestSupport.Run r = fulfill(orders, results).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("orders.json");
        assertThat(r.out()).isEmpty();
        assertThat(orders).isRegularFile();
        assertThat(tmp.resolve("Completed")).doesNotExist();
        assertThat(results).doesNotExist();
        assertThat(writes()).isEmpty();
    }

    @Test
    void aFolderWithOneBadFileRunsNoOrderAtAll() throws IOException {
        Path folder = tmp.resolve("orders");
        Orders good = new Orders();
        good.newUser("1", "first@cli.example.com");
        good.write(folder.resolve("a.json"));
        Files.writeString(folder.resolve("b.json"), "not json at all", StandardCharsets.UTF_8);

        CliTestSupport.Run r = fulfill(folder, tmp.resolve("results.csv")).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("b.json");
        assertThat(folder.resolve("a.json")).isRegularFile();
        assertThat(writes()).isEmpty();
        assertThat(org.user("first@cli.example.com")).isEmpty();
    }

    @Test
    void aResultsFileOfAnotherFormatIsOneErrorLineAndNoOrderRuns() throws IOException {
        Orders o = new Orders();
        o.newUser("1", "never@cli.example.com");
        Path orders = o.write(tmp.resolve("orders.json"));
        Path results = tmp.resolve("results.csv");
        Files.writeString(results, "id,status\r\n1,done\r\n", StandardCharsets.UTF_8);

        CliTestSupport.Run r = fulfill(orders, results).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("results.csv");
        assertThat(orders).isRegularFile();
        assertThat(Files.readString(results)).isEqualTo("id,status\r\n1,done\r\n");
        assertThat(writes()).isEmpty();
    }

    @Test
    void aMissingOrdersPathIsOneErrorLine() {
        CliTestSupport.Run r = fulfill(tmp.resolve("nothing-here.json"), tmp.resolve("results.csv"))
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("nothing-here.json");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDryRunPrintsThePlanGroupedByOrderAndSendsNoWrite() throws IOException {
        String u = Orders.user(org, "ACTIVE", 0);
        String g = Orders.group(org, 0);
        String app = Orders.activeApp(org);
        Orders o = new Orders();
        o.newUser("D1", "dry@cli.example.com").put("password", PASSWORD).putArray("Groups_add").add(g);
        o.add("D2", "Modified", "User", u).put("status", "SUSPENDED").put("profile.city", "Rome");
        o.add("D3", "Deleted", "Application", app);
        o.add("D4", "Added", "Robot", null);
        Path orders = o.write(tmp.resolve("orders.json"));
        Path results = tmp.resolve("results.csv");
        long usersBefore = org.userCount();

        CliTestSupport.Run r = fulfill(orders, results, "--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(writes()).isEmpty();
        assertThat(r.out()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        List<String> plan = assertProgressLines(r.out(), 4);
        assertThat(plan.get(0)).isEqualTo("Dry run of " + orders.toAbsolutePath() + ": nothing was sent, moved or written");
        // each order's line, then its calls indented: grouped by AssignmentId, in the orders' order
        List<String> shape = plan.subList(1, plan.size() - 1).stream()
                .map(l -> l.startsWith("  ") ? "  " + l.strip().split(" ")[0] + " " + l.strip().split(" ")[1]
                        : l.split(":")[0])
                .toList();
        assertThat(shape).containsExactly(
                "D1 Added Executed",
                "  POST /api/v1/users?activate=false",
                "  POST /api/v1/users/{new}/lifecycle/activate?sendEmail=false",
                "D2 Modified Executed",
                "  POST /api/v1/users/" + u,
                "  POST /api/v1/users/" + u + "/lifecycle/suspend",
                "D3 Deleted Executed",
                "  POST /api/v1/apps/" + app + "/lifecycle/deactivate",
                "  DELETE /api/v1/apps/" + app,
                "D4 Added Errored");
        String create = plan.get(2);
        assertThat(create).contains("\"login\":\"dry@cli.example.com\"").contains("[hidden]")
                .contains("\"groupIds\":[\"" + g + "\"]");
        assertThat(plan.get(1)).startsWith("D1 Added Executed: dry run");
        assertThat(plan.get(plan.size() - 1)).matches("4 orders, 6 calls planned \\([0-9]+ read requests?, [0-9.]+ s\\)");
        // nothing moved, nothing written, nothing created
        assertThat(orders).isRegularFile();
        assertThat(tmp.resolve("Completed")).doesNotExist();
        assertThat(results).doesNotExist();
        assertThat(org.userCount()).isEqualTo(usersBefore);
    }

    @Test
    void aFolderIsTakenInNameOrderAndEachFileMovedToCompleted() throws IOException {
        Path folder = tmp.resolve("orders");
        Orders b = new Orders();
        b.newUser("B1", "b1@cli.example.com");
        b.newUser("B2", "b2@cli.example.com");
        b.write(folder.resolve("20240102-b.json"));
        Orders a = new Orders();
        a.newUser("A1", "a1@cli.example.com");
        String u = Orders.user(org, "ACTIVE", 0);
        a.add("A2", "Modified", "User", u).put("profile.title", "first");
        a.write(folder.resolve("20240101-a.json"));
        // B3 changes the same user after A2: name order decides which title wins
        Orders c = new Orders();
        c.add("B3", "Modified", "User", u).put("profile.title", "second");
        c.write(folder.resolve("20240103-c.json"));
        Files.writeString(folder.resolve("notes.txt"), "not an orders file", StandardCharsets.UTF_8);
        Path results = tmp.resolve("results.csv");

        CliTestSupport.Run r = fulfill(folder, results);

        assertThat(r.code()).as(r.err()).isZero();
        assertProgressLines(r.out(), 5);
        // files one after the other in name order; within a file, rows as orders end
        List<String> ids = new ArrayList<>(results(results).keySet());
        assertThat(ids).hasSize(5);
        assertThat(ids.subList(0, 2)).containsExactlyInAnyOrder("A1", "A2");
        assertThat(ids.subList(2, 4)).containsExactlyInAnyOrder("B1", "B2");
        assertThat(ids.get(4)).isEqualTo("B3");
        assertThat(org.user(u).orElseThrow().path("profile").path("title").asText()).isEqualTo("second");
        // requests in file order: a's create came before b's
        List<String> created = sim.requests().matching(q -> q.method().equals("POST") && q.path().equals("/api/v1/users"))
                .stream().map(q -> loginOf(q.body())).toList();
        assertThat(created.get(0)).isEqualTo("a1@cli.example.com");
        assertThat(created).containsExactlyInAnyOrder("a1@cli.example.com", "b1@cli.example.com", "b2@cli.example.com");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Completed", "notes.txt");
        }
        assertThat(folder.resolve("Completed")).isDirectoryContaining(p -> p.getFileName().toString().equals("20240101-a.json"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("20240102-b.json"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("20240103-c.json"));

        // a second run finds nothing new: no order runs twice
        CliTestSupport.Run again = fulfill(folder, results);
        assertThat(again.code()).isZero();
        assertThat(again.out().lines().toList().get(0)).isEqualTo("OrdersCount:0");
        assertThat(results(results)).hasSize(5);
        assertThat(org.users().filter(x -> x.path("profile").path("login").asText().endsWith("@cli.example.com")))
                .hasSize(3);
    }

    @Test
    void refusedCredentialsAreOneErrorLineAndTheNextRunResumesTheFile() throws IOException {
        Path folder = tmp.resolve("orders");
        Orders o = new Orders();
        o.add("R1", "Added", "Robot", null);
        o.newUser("R2", "resumed@cli.example.com");
        o.add("R3", "Modified", "User", Orders.user(org, "ACTIVE", 0)).put("profile.title", "resumed");
        o.write(folder.resolve("a.json"));
        Path results = tmp.resolve("results.csv");
        Path wrong = writeSettings(tmp.resolve("wrong"), sim.baseUrl(), WRONG_TOKEN);

        CliTestSupport.Run refused = cli("fulfill", "--settings", wrong.toString(), "--connection", ID,
                "--orders", folder.toString(), "--results", results.toString()).failedWithOneErrorLine();

        assertThat(refused.errorLine()).contains(sim.baseUrl()).doesNotContain(WRONG_TOKEN);
        assertThat(refused.out()).startsWith("OrdersCount:3");
        // the file was taken before its first order; the malformed order got its result, the others none
        assertThat(folder.resolve("Completed").resolve("a.json")).isRegularFile();
        assertThat(results(results).keySet()).containsExactly("R1");

        CliTestSupport.Run resumed = fulfill(folder, results);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        // only the orders still without a result are counted and run
        assertProgressLines(resumed.out(), 2);
        Map<String, List<String>> rows = results(results);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("R1", "R2", "R3");
        assertThat(rows.get("R1").get(1)).isEqualTo("Errored");
        assertThat(rows.get("R2").get(1)).isEqualTo("Executed");
        assertThat(rows.get("R3").get(1)).isEqualTo("Executed");
        assertThat(org.users().filter(x -> x.path("profile").path("login").asText().equals("resumed@cli.example.com")))
                .hasSize(1);
    }

    @Test
    void aMappingNamesTheEntityTypesAndPropertiesOfTheOrders() throws IOException {
        Path mapping = tmp.resolve("mapping.xml");
        Files.writeString(mapping, """
                <?xml version="1.0" encoding="utf-8"?>
                <ConnectorConfiguration xmlns="urn:example:host">
                  <EntityTypeMapping Identifier="Person" Connector="Okta" ConnectionTable="%1$s_users">
                    <Property Identifier="id" ConnectionColumn="id" IsPrimaryKey="true" />
                    <Property Identifier="Town" ConnectionColumn="profile.city" />
                  </EntityTypeMapping>
                </ConnectorConfiguration>
                """.formatted(ID), StandardCharsets.UTF_8);
        String u = Orders.user(org, "ACTIVE", 0);
        Orders o = new Orders();
        o.add("M1", "Modified", "Person", u).put("Town", "Porto");
        Path results = tmp.resolve("results.csv");

        CliTestSupport.Run r = fulfill(o.write(tmp.resolve("orders.json")), results, "--mapping", mapping.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(results(results).get("M1").get(1)).isEqualTo("Executed");
        assertThat(org.user(u).orElseThrow().path("profile").path("city").asText()).isEqualTo("Porto");
    }

    @Test
    void missingSettingsAreOneErrorLineAndTakeNoFile() throws IOException {
        Path orders = new Orders().write(tmp.resolve("orders.json"));

        CliTestSupport.Run r = cli("fulfill", "--settings", tmp.resolve("nowhere.json").toString(), "--connection", ID,
                "--orders", orders.toString(), "--results", tmp.resolve("results.csv").toString())
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("nowhere.json");
        assertThat(r.out()).isEmpty();
        assertThat(orders).isRegularFile();
        assertThat(tmp.resolve("results.csv")).doesNotExist();
    }
}
