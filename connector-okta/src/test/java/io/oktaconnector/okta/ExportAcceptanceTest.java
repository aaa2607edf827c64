package io.oktaconnector.okta;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.internal.export.ExportOptions;
import io.oktaconnector.okta.internal.http.Governor;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.oktaconnector.okta.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The export against a multi-page simulated org with hostile values: every file equals the ground truth. */
class ExportAcceptanceTest {

    static OktaSimulator sim;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(7).users(5000).groups(300).apps(60).hostileValues(true)
                .token("00tok-acceptance-7f3a").start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void defaultExportEqualsGroundTruth(@TempDir Path dir) throws Exception {
        java.util.function.Predicate<io.oktaconnector.simulator.RecordedRequest> memberPage =
                r -> r.path().matches("/api/v1/groups/[^/]+/users") && r.query().contains("limit=1000");
        long memberPagesBefore = sim.requests().count(memberPage);
        int requestsBefore = sim.requests().size();
        ExportSummary summary = OktaConnector.export(settings(sim, "OktaExport").build(), dir);
        int requestsSent = sim.requests().size() - requestsBefore;
        long memberPages = sim.requests().count(memberPage) - memberPagesBefore;
        // one request per 1000 members of each non-empty group; empty groups (by their stats) are skipped
        long expectedPages = sim.org().groups().mapToLong(g -> (sim.org().memberCount(g.get("id").asText()) + 999) / 1000)
                .sum();
        assertThat(sim.org().groups().filter(g -> sim.org().memberCount(g.get("id").asText()) == 0).count())
                .isPositive();
        assertThat(memberPages).isEqualTo(expectedPages);

        assertThat(files(dir)).containsExactly("OktaExport_apps.csv", "OktaExport_groups.csv",
                "OktaExport_groupsapps.csv", "OktaExport_groupsusers.csv", "OktaExport_users.csv");

        List<String> userCols = defaultUserColumns(sim);
        Csv users = readCsv(dir.resolve("OktaExport_users.csv"));
        assertThat(users.header()).isEqualTo(userCols);
        assertThat(users.rows()).hasSize(5000);
        assertThat(users.rows()).isEqualTo(project(sim.org().users(), userCols));
        int status = userCols.indexOf("status");
        assertThat(users.rows()).anyMatch(r -> r.get(status).equals("DEPROVISIONED"));
        int skills = userCols.indexOf("profile.skills");
        assertThat(skills).isGreaterThan(userCols.indexOf("profile.manager")); // custom after base
        assertThat(users.rows()).anyMatch(r -> r.get(skills).startsWith("[\""));
        assertThat(users.rows()).anyMatch(r -> r.stream().anyMatch(v -> v.contains("\r\n") || v.contains("\n")));

        List<String> groupCols = defaultGroupColumns(sim);
        Csv groups = readCsv(dir.resolve("OktaExport_groups.csv"));
        assertThat(groups.header()).isEqualTo(groupCols);
        assertThat(groups.rows()).isEqualTo(project(sim.org().groups(), groupCols));
        assertThat(groups.rows()).anyMatch(r -> r.get(groupCols.indexOf("type")).equals("BUILT_IN"));
        assertThat(groupCols).contains("profile.groupContact");

        Csv apps = readCsv(dir.resolve("OktaExport_apps.csv"));
        assertThat(apps.header()).isEqualTo(APP_COLUMNS);
        assertThat(apps.rows()).isEqualTo(project(sim.org().apps(), APP_COLUMNS));

        Csv members = readCsv(dir.resolve("OktaExport_groupsusers.csv"));
        assertThat(members.header()).containsExactly("groupId", "userId");
        assertThat(members.sortedRows()).isEqualTo(expectedMemberships(sim));

        Csv links = readCsv(dir.resolve("OktaExport_groupsapps.csv"));
        assertThat(links.header()).containsExactly("groupId", "appId");
        assertThat(links.sortedRows()).isEqualTo(expectedAppLinks(sim)).isNotEmpty();

        assertThat(summary.rowsPerTable()).containsExactly(
                java.util.Map.entry("OktaExport_users", 5000L),
                java.util.Map.entry("OktaExport_groups", (long) groups.rows().size()),
                java.util.Map.entry("OktaExport_apps", 60L),
                java.util.Map.entry("OktaExport_groupsusers", (long) members.rows().size()),
                java.util.Map.entry("OktaExport_groupsapps", (long) links.rows().size()));
        assertThat(summary.requests()).isGreaterThan(25 + 2 + 1); // 25 user pages, 2 group pages, 1 app page, …
        // the summary counts exactly the requests Okta saw
        assertThat(summary.requests()).isEqualTo(requestsSent);
    }

    @Test
    void rowsStreamIntoTheSinkAsPagesArriveAndTheSinkIsCommittedOnce() {
        AtomicLong userPagesAtFirstRow = new AtomicLong(-1);
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long before = sim.requests().count(r -> r.path().equals("/api/v1/users"));
        TableSink sink = new TableSink() {
            @Override
            public TableWriter open(String table, List<String> columns) {
                events.add("open " + table);
                return new TableWriter() {
                    long rows;

                    @Override
                    public void write(List<String> values) {
                        assertThat(values).hasSize(columns.size());
                        if (rows++ == 0 && table.endsWith("_users")) {
                            userPagesAtFirstRow.set(sim.requests().count(r -> r.path().equals("/api/v1/users")) - before);
                        }
                    }

                    @Override
                    public long rows() {
                        return rows;
                    }
                };
            }

            @Override
            public void commit() {
                events.add("commit");
            }

            @Override
            public void abort() {
                events.add("abort");
            }
        };
        try (OktaConnector okta = OktaConnector.create(settings(sim, "Stream").build())) {
            ExportSummary summary = okta.export(ExportRequest.of(sink));
            assertThat(summary.rowsPerTable().get("Stream_users")).isEqualTo(5000);
        }
        // the first user row reached the sink before the last of the 25 pages of users was requested: a page is
        // written before the next one is asked for, so this holds however the threads are scheduled
        assertThat(userPagesAtFirstRow.get()).isBetween(1L, 24L);
        assertThat(events).containsExactly("open Stream_users", "open Stream_groups", "open Stream_apps",
                "open Stream_groupsusers", "open Stream_groupsapps", "commit");
    }

    @Test
    void bothSidesOfTheApplicationGroupLinksGiveTheSameRows(@TempDir Path dir) throws Exception {
        // a small org and pages of 3, so that both sides' link lists span several pages
        try (OktaSimulator small = OktaSimulator.builder().seed(21).users(120).groups(40).apps(12).start()) {
            assertThat(expectedAppLinks(small)).hasSizeGreaterThan(12);
            for (ExportOptions.LinkSide side : List.of(ExportOptions.LinkSide.APPS, ExportOptions.LinkSide.GROUPS)) {
                Path out = dir.resolve(side.name());
                OktaSettings settings = settings(small, "Side").pageSize(3).maxConcurrency(4).build();
                try (OktaConnector okta = OktaConnector.create(settings, Governor.of(settings),
                        new ExportOptions(side))) {
                    small.requests().clear();
                    okta.export(out, EntityMapping.DEFAULTS, ProgressListener.NONE);
                    long appSide = small.requests().count(r -> r.path().matches("/api/v1/apps/[^/]+/groups"));
                    long groupSide = small.requests().count(r -> r.path().matches("/api/v1/groups/[^/]+/apps"));
                    if (side == ExportOptions.LinkSide.APPS) {
                        assertThat(appSide).isGreaterThan(12);
                        assertThat(groupSide).isZero();
                    } else {
                        assertThat(appSide).isZero();
                        assertThat(groupSide).isPositive();
                    }
                }
                assertThat(readCsv(out.resolve("Side_groupsapps.csv")).sortedRows()).as(side.name())
                        .isEqualTo(expectedAppLinks(small));
            }
        }
    }

    @Test
    void mappedTablesHaveTheMappingsColumnsInDocumentOrder(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("config.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="utf-8"?>
                <ConfigurationFile xmlns="urn:example:host-configuration" xmlns:x="urn:other">
                  <Connector Identifier="Okta" />
                  <x:Section>
                    <EntityTypeMapping Identifier="User" ConnectionTable="Mapped_users" Connector="Okta">
                      <Property Identifier="Mapped_users_id" ConnectionColumn="id" IsPrimaryKey="true" IsUniqueKey="true" />
                      <Property Identifier="profile_city" ConnectionColumn="profile.city" />
                      <Property Identifier="Groups" />
                      <Property Identifier="skills" ConnectionColumn="profile.skills" />
                      <Property Identifier="login" ConnectionColumn="PROFILE.LOGIN" />
                      <Property Identifier="status" ConnectionColumn="status" />
                    </EntityTypeMapping>
                  </x:Section>
                  <EntityTypeMapping Identifier="Group" ConnectionTable="Mapped_groups" Connector="Okta">
                    <Property Identifier="Mapped_groups_id" ConnectionColumn="id" />
                    <Property Identifier="lastMemberShipUpdated" ConnectionColumn="lastMemberShipUpdated" />
                    <Property Identifier="profile_name" ConnectionColumn="profile.name" />
                    <Property Identifier="type" ConnectionColumn="type" />
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="Membership" ConnectionTable="Mapped_groupsusers">
                    <Property Identifier="user" ConnectionColumn="userId" />
                    <Property Identifier="group" ConnectionColumn="groupId" />
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="User" ConnectionTable="Other_users" Connector="Okta">
                    <Property Identifier="x" ConnectionColumn="nothing.here" />
                  </EntityTypeMapping>
                </ConfigurationFile>
                """);
        EntityMapping mapping = EntityMappings.read(xml, "Mapped");
        assertThat(mapping.tables()).hasSize(3);

        Path out = dir.resolve("out");
        ConcurrentHashMap<String, AtomicLong> progress = new ConcurrentHashMap<>();
        try (OktaConnector okta = OktaConnector.create(settings(sim, "Mapped").build())) {
            okta.export(out, mapping, new ProgressListener() {
                @Override
                public void rowsWritten(String table, long totalRows) {
                    progress.computeIfAbsent(table, t -> new AtomicLong()).accumulateAndGet(totalRows, Math::max);
                }
            });
        }

        List<String> userPaths = List.of("id", "profile.city", "profile.skills", "PROFILE.LOGIN", "status");
        Csv users = readCsv(out.resolve("Mapped_users.csv"));
        assertThat(users.header()).isEqualTo(userPaths);
        assertThat(users.rows()).isEqualTo(project(sim.org().users(), userPaths));
        assertThat(users.rows()).allMatch(r -> !r.get(3).isEmpty()); // PROFILE.LOGIN found ignoring case

        List<String> groupPaths = List.of("id", "lastMemberShipUpdated", "profile.name", "type");
        Csv groups = readCsv(out.resolve("Mapped_groups.csv"));
        assertThat(groups.header()).isEqualTo(groupPaths);
        assertThat(groups.rows()).isEqualTo(project(sim.org().groups(), groupPaths));
        assertThat(groups.rows()).anyMatch(r -> !r.get(1).isEmpty());

        Csv members = readCsv(out.resolve("Mapped_groupsusers.csv"));
        assertThat(members.header()).containsExactly("userId", "groupId");
        assertThat(members.sortedRows()).isEqualTo(expectedMemberships(sim).stream()
                .map(r -> List.of(r.get(1), r.get(0))).sorted(TestSupport::compareRows).toList());

        // tables the mapping does not name keep their defaults
        assertThat(readCsv(out.resolve("Mapped_apps.csv")).header()).isEqualTo(APP_COLUMNS);
        assertThat(readCsv(out.resolve("Mapped_groupsapps.csv")).header()).containsExactly("groupId", "appId");
        assertThat(progress.get("Mapped_users").get()).isEqualTo(5000);
    }
}
