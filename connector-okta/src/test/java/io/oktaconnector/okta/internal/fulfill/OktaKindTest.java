package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.okta.OktaTable;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One enum for the five tables ({@link OktaTable}); the kinds fulfill changes are read from it. */
class OktaKindTest {
    @Test
    void theTablesCarryTheContractsDefaultColumnsAndLinks() {
        // the design's contract ("Export files"): the fixed default columns, in order
        assertThat(String.join(",", OktaTable.USERS.defaultColumns()))
                .isEqualTo("id,status,created,activated,statusChanged,lastLogin,lastUpdated,passwordChanged,type.id");
        assertThat(String.join(",", OktaTable.GROUPS.defaultColumns()))
                .isEqualTo("id,created,lastUpdated,lastMembershipUpdated,type,profile.name,profile.description");
        assertThat(String.join(",", OktaTable.APPS.defaultColumns()))
                .isEqualTo("id,created,lastUpdated,status,name,label,signOnMode");
        assertThat(OktaTable.GROUPSUSERS.defaultColumns()).containsExactly("groupId", "userId");
        assertThat(OktaTable.GROUPSAPPS.defaultColumns()).containsExactly("groupId", "appId");
        // "Fulfill orders and results": Groups on a User, Users and Applications on a Group, Groups on an Application
        assertThat(OktaTable.USERS.navigations()).containsExactly("Groups");
        assertThat(OktaTable.GROUPS.navigations()).containsExactly("Users", "Applications");
        assertThat(OktaTable.APPS.navigations()).containsExactly("Groups");
        assertThat(OktaTable.GROUPSUSERS.navigations()).isEmpty();
    }

    @Test
    void aTableNameNamesItsTableWhateverTheConnectionAndCase() {
        assertThat(OktaTable.ofTableName("Okta_Users")).contains(OktaTable.USERS);
        assertThat(OktaTable.ofTableName("okta_groupsusers")).contains(OktaTable.GROUPSUSERS);
        assertThat(OktaTable.ofTableName("okta_groupsapps")).contains(OktaTable.GROUPSAPPS);
        assertThat(OktaTable.ofTableName("users")).isEmpty();
        assertThat(OktaTable.ofTableName("okta_roles")).isEmpty();
    }

    @Test
    void theKindsAreTheObjectTablesAndReadEverythingFromThem() {
        assertThat(Arrays.stream(OktaKind.values()).map(OktaKind::table))
                .containsExactly(OktaTable.USERS, OktaTable.GROUPS, OktaTable.APPS);
        for (OktaKind k : OktaKind.values()) {
            assertThat(k.defaultEntityType()).isEqualTo(k.table().defaultEntityType());
            assertThat(k.navigations()).isEqualTo(k.table().navigations());
            assertThat(OktaKind.ofTable("Conn_" + k.table().suffix())).contains(k);
        }
        assertThat(OktaKind.ofTable("Conn_groupsusers")).isEmpty();
        assertThat(OktaKind.ofTable("Conn_groupsapps")).isEmpty();
        assertThat(OktaKind.APP.label()).isEqualTo("application");
        assertThat(OktaKind.GROUP.navigation("applications")).isEqualTo(Optional.of("Applications"));
    }
}
