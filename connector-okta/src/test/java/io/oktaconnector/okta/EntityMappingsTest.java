package io.oktaconnector.okta;

import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EntityMappingsTest {

    @TempDir
    Path dir;

    private Path write(String xml) throws IOException {
        Path f = dir.resolve("mapping.xml");
        Files.writeString(f, xml);
        return f;
    }

    private ConnectorException invalid(String xml, String connection) throws IOException {
        Path f = write(xml);
        try {
            EntityMappings.read(f, connection);
        } catch (ConnectorException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MAPPING);
            assertThat(e.getMessage()).contains(f.toString());
            return e;
        }
        throw new AssertionError("no exception");
    }

    @Test
    void readsTheSeedsFormAnywhereInTheDocument() throws IOException {
        Path f = write("""
                <?xml version="1.0" encoding="utf-8"?>
                <ConfigurationFile xmlns="http://www.example.com/schemas/2017/Configuration.xsd">
                  <EntityType Identifier="User" DisplayName_L1="User">
                    <Property Identifier="profile_city" DisplayName_L1="City" TargetColumnIndex="10" Type="String" />
                  </EntityType>
                  <EntityTypeMapping Identifier="User" ConnectionTable="OktaExportFulfillment_users" Connector="Okta">
                    <Property Identifier="OktaExportFulfillment_users_id" ConnectionColumn="id" IsPrimaryKey="true" IsUniqueKey="true" />
                    <Property Identifier="activated" ConnectionColumn="activated" />
                    <Property Identifier="profile_city" ConnectionColumn="profile.city" />
                    <Property Identifier="profile_costCenter" ConnectionColumn=" profile.costCenter" />
                  </EntityTypeMapping>
                  <Nested><Deeper>
                  <EntityTypeMapping Identifier="Group" ConnectionTable="OktaExportFulfillment_groups" Connector="Okta">
                    <Property Identifier="OktaExportFulfillment_groups_id" ConnectionColumn="id" />
                    <Property Identifier="lastMemberShipUpdated" ConnectionColumn="lastMemberShipUpdated" />
                  </EntityTypeMapping>
                  </Deeper></Nested>
                  <EntityTypeMapping Identifier="Application" ConnectionTable="OtherConnection_apps" Connector="Okta">
                    <Property Identifier="x" ConnectionColumn="id" />
                  </EntityTypeMapping>
                  <EntityTypeMapping ConnectionTable="OktaExportFulfillment_groupsapps">
                    <Property Identifier="a" ConnectionColumn="appId" />
                    <Property Identifier="Groups" />
                  </EntityTypeMapping>
                </ConfigurationFile>
                """);
        EntityMapping m = EntityMappings.read(f, "OktaExportFulfillment");
        assertThat(m.tables()).extracting(TableMapping::table).containsExactly("OktaExportFulfillment_users",
                "OktaExportFulfillment_groups", "OktaExportFulfillment_groupsapps");
        TableMapping users = m.table("OktaExportFulfillment_users").orElseThrow();
        assertThat(users.entityType()).isEqualTo("User");
        assertThat(users.columns()).containsExactly(
                new ColumnMapping("id", "id", "OktaExportFulfillment_users_id"),
                new ColumnMapping("activated", "activated", "activated"),
                new ColumnMapping("profile.city", "profile.city", "profile_city"),
                new ColumnMapping(" profile.costCenter", "profile.costCenter", "profile_costCenter"));
        assertThat(m.table("OktaExportFulfillment_groups").orElseThrow().headers())
                .containsExactly("id", "lastMemberShipUpdated");
        assertThat(m.table("OktaExportFulfillment_groupsapps").orElseThrow().entityType()).isEqualTo("GroupApplication");
        assertThat(m.forEntityType("Group")).isPresent();
    }

    @Test
    void aDocumentWithoutMappingsForThisConnectionMapsNothing() throws IOException {
        Path f = write("<root><EntityTypeMapping ConnectionTable=\"B_users\"><Property ConnectionColumn=\"id\"/></EntityTypeMapping></root>");
        assertThat(EntityMappings.read(f, "A").tables()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsLine() throws IOException {
        ConnectorException e = invalid("""
                <root>
                  <EntityTypeMapping Identifier="User" ConnectionTable="Okta_people">
                    <Property ConnectionColumn="id" />
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="User" ConnectionTable="Okta_users">
                    <Property Identifier="a" ConnectionColumn="id" />
                    <Property Identifier="b" ConnectionColumn="ID" />
                    <Property Identifier="c" ConnectionColumn="" />
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="Group" ConnectionTable="Okta_groups">
                  </EntityTypeMapping>
                  <EntityTypeMapping Identifier="User" ConnectionTable="Okta_users">
                    <Property Identifier="a" ConnectionColumn="id" />
                  </EntityTypeMapping>
                </root>
                """, "Okta");
        assertThat(e.getMessage())
                .contains("line 2: EntityTypeMapping ConnectionTable=\"Okta_people\" names no table of connection Okta")
                .contains("line 7: ConnectionColumn=\"ID\" of Okta_users is already mapped at line 6")
                .contains("line 8: Property Identifier=\"c\" of Okta_users has an empty ConnectionColumn")
                .contains("line 10: EntityTypeMapping ConnectionTable=\"Okta_groups\" has no Property with a ConnectionColumn")
                .contains("line 12: ConnectionTable=\"Okta_users\" is already mapped at line 5");
    }

    @Test
    void notXmlNamesTheLine() throws IOException {
        assertThat(invalid("<root>\n<EntityTypeMapping>\n</root>", "Okta").getMessage())
                .contains("not well-formed XML at line 3");
        assertThat(invalid("{ \"json\": true }", "Okta").getMessage()).contains("not well-formed XML");
    }

    @Test
    void refusesDoctypesSoNoExternalEntityIsEverRead() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        ConnectorException e = invalid("""
                <?xml version="1.0"?>
                <!DOCTYPE root [ <!ENTITY xxe SYSTEM "%s"> ]>
                <root><EntityTypeMapping ConnectionTable="Okta_users"><Property ConnectionColumn="&xxe;"/></EntityTypeMapping></root>
                """.formatted(secret.toUri()), "Okta");
        assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
    }

    @Test
    void aMissingFileIsReported() {
        try {
            EntityMappings.read(dir.resolve("nope.xml"), "Okta");
            throw new AssertionError("no exception");
        } catch (ConnectorException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MAPPING);
            assertThat(e.getMessage()).contains("does not exist");
        }
    }
}
