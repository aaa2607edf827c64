package io.oktaconnector.okta;

import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.Secret;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.oktaconnector.okta.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OktaConnector#check(EntityMapping)} against the simulator's schemas, over the real request path. */
class CheckMappingTest {

    private static final String ID = "Acme";
    private static OktaSimulator sim;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(5).users(3).groups(2).apps(1).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static TableMapping table(String suffix, String entity, String... paths) {
        return new TableMapping(ID + "_" + suffix, entity, List.of(paths).stream().map(ColumnMapping::of).toList());
    }

    private static List<Problem> check(EntityMapping mapping) {
        try (OktaConnector okta = OktaConnector.create(settings(sim, ID).build())) {
            return okta.check(mapping);
        }
    }

    @Test
    void aMappingOfKnownPathsHasNoProblem() {
        EntityMapping mapping = new EntityMapping(List.of(
                // base and custom attributes of the user schema, nested fields, a case-folded match
                table("users", "User", "id", "status", "type.id", "credentials.provider.type", "profile.login",
                        "profile.email", "profile.badgeNumber", "profile.SKILLS", "lastlogin", "_links.self.href"),
                // the seed's own spelling, matched ignoring case as the export does
                table("groups", "Group", "id", "lastMemberShipUpdated", "profile.name", "profile.groupContact",
                        "_embedded.stats.usersCount"),
                table("apps", "Application", "id", "label", "signOnMode", "settings.app.url", "accessibility.selfService"),
                table("groupsusers", "GroupUser", "groupId", "userid"),
                table("groupsapps", "GroupApplication", "GroupId", "appId")));

        assertThat(check(mapping)).isEmpty();
    }

    @Test
    void everyUnknownPathIsReportedWithTheNearestKnownName() {
        EntityMapping mapping = new EntityMapping(List.of(
                new TableMapping(ID + "_users", "User", List.of(ColumnMapping.of("id"),
                        ColumnMapping.of("profile.emial"),                       // a transposition
                        new ColumnMapping("Manager", "profile.managerID2", "manager"), // header differs from the path
                        ColumnMapping.of("profile.favouriteColour"),             // nothing close
                        ColumnMapping.of("lastLogn"),                            // a top-level field
                        ColumnMapping.of("status.name"))),                       // a field under a single value
                table("groups", "Group", "profile.nmae", "profile.groupContact.x"),
                table("apps", "Application", "lable"),
                table("groupsusers", "GroupUser", "groupId", "usreId")));

        List<Problem> problems = check(mapping);

        assertThat(problems).extracting(Problem::toString).containsExactly(
                "Acme_users.profile.emial: the org's user schema has no attribute \"emial\"; did you mean "
                        + "profile.email?",
                "Acme_users.Manager: path profile.managerID2: the org's user schema has no attribute \"managerID2\";"
                        + " did you mean profile.managerId?",
                "Acme_users.profile.favouriteColour: the org's user schema has no attribute \"favouriteColour\"",
                "Acme_users.lastLogn: an Okta user has no field \"lastLogn\"; did you mean lastLogin?",
                "Acme_users.status.name: status of an Okta user is a single value, it has no field \"name\"",
                "Acme_groups.profile.nmae: the org's group schema has no attribute \"nmae\"; did you mean "
                        + "profile.name?",
                "Acme_apps.lable: an Okta application has no field \"lable\"; did you mean label?",
                "Acme_groupsusers.usreId: a group membership row has no field \"usreId\"; did you mean userId?");
    }

    @Test
    void theSuggestionKeepsTheRestOfThePath() {
        List<Problem> problems = check(new EntityMapping(List.of(table("users", "User", "credentails.provider.type"))));

        assertThat(problems).extracting(Problem::message).containsExactly(
                "an Okta user has no field \"credentails\"; did you mean credentials.provider.type?");
    }

    @Test
    void theMappingIsCheckedWithTheRequestsOfCheckAndNoMore() {
        EntityMapping mapping = new EntityMapping(List.of(table("users", "User", "profile.costCentre")));
        sim.requests().clear();

        List<Problem> problems = check(mapping);

        assertThat(problems).singleElement().extracting(Problem::message).asString()
                .endsWith("did you mean profile.costCenter?");
        assertThat(sim.requests().all()).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
                "GET /api/v1/users", "GET /api/v1/groups", "GET /api/v1/apps", "GET /api/v1/meta/schemas/user/default",
                "GET /api/v1/meta/schemas/group/default");
    }

    @Test
    void aTableTheConnectionDoesNotExportIsAProblem() {
        EntityMapping mapping = new EntityMapping(List.of(table("roles", "Role", "id")));

        assertThat(check(mapping)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("Acme_roles");
            assertThat(p.message()).contains("exports no table Acme_roles");
        });
    }

    @Test
    void theMappingFileOfTheSeedChecksCleanAndAMisspeltOneDoesNot(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("mapping.xml");
        Files.writeString(xml, """
                <Root>
                  <EntityTypeMapping Identifier="User" ConnectionTable="Acme_users" Connector="Okta">
                    <Property Identifier="Acme_users_id" ConnectionColumn="id" IsPrimaryKey="true" />
                    <Property Identifier="profile_city" ConnectionColumn="profile.city" />
                    <Property Identifier="profile_email" ConnectionColumn="profile.emial" />
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="Group" ConnectionTable="Acme_groups" Connector="Okta">
                    <Property Identifier="Acme_groups_id" ConnectionColumn="id" IsPrimaryKey="true" />
                    <Property Identifier="lastMemberShipUpdated" ConnectionColumn="lastMemberShipUpdated" />
                  </EntityTypeMapping>
                </Root>
                """);

        List<Problem> problems = check(EntityMappings.read(xml, ID));

        assertThat(problems).extracting(Problem::key).containsExactly("Acme_users.profile.emial");
    }

    @Test
    void theMappingCheckFailsLikeCheckWhenTheOrgRefusesTheCredentials() {
        OktaSettings wrong = OktaSettings.builder().connectionId(ID).server(sim.baseUrl())
                .apiKey(Secret.of("00wrongTokenForTheMappingCheck00000000000")).allowInsecureHttp(true).build();
        try (OktaConnector okta = OktaConnector.create(wrong)) {
            assertThatThrownBy(() -> okta.check(EntityMapping.DEFAULTS))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
        }
    }
}
