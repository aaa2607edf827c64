package io.oktaconnector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingTest {
    private static final ColumnMapping ID = ColumnMapping.of("id");
    private static final ColumnMapping CITY = new ColumnMapping("City", "profile.city", "profile_city");

    @Test
    void columnMappingChecksItsComponents() {
        assertThatThrownBy(() -> new ColumnMapping(null, "p", "p")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ColumnMapping("h", null, "p")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ColumnMapping("h", "p", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ColumnMapping(" ", "p", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColumnMapping("h", "", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ColumnMapping.of("type.id")).isEqualTo(new ColumnMapping("type.id", "type.id", "type.id"));
    }

    @Test
    void tableMappingKeepsColumnOrderAndCopiesTheList() {
        List<ColumnMapping> columns = new ArrayList<>(List.of(CITY, ID));
        TableMapping t = new TableMapping("Okta_users", "User", columns);
        columns.add(ColumnMapping.of("status"));
        assertThat(t.columns()).containsExactly(CITY, ID);
        assertThat(t.headers()).containsExactly("City", "id");
        assertThatThrownBy(() -> t.columns().add(ID)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void tableMappingRejectsDuplicateHeadersIgnoringCase() {
        assertThatThrownBy(() -> new TableMapping("T", "User", List.of(ID, ID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"id\" twice");
        ColumnMapping upper = new ColumnMapping("ID", "other", "other");
        assertThatThrownBy(() -> new TableMapping("T", "User", List.of(ID, upper)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void tableMappingAllowsTheSamePathUnderDifferentHeaders() {
        ColumnMapping again = new ColumnMapping("Identifier", "id", "id");
        assertThat(new TableMapping("T", "User", List.of(ID, again)).headers()).containsExactly("id", "Identifier");
    }

    @Test
    void tableMappingChecksItsComponents() {
        assertThatThrownBy(() -> new TableMapping(null, "User", List.of(ID))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableMapping("T", null, List.of(ID))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableMapping("T", "User", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableMapping("T", "User", List.of())).isInstanceOf(IllegalArgumentException.class);
        List<ColumnMapping> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new TableMapping("T", "User", withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void entityMappingRejectsATableMappedTwice() {
        TableMapping users = new TableMapping("Okta_users", "User", List.of(ID));
        TableMapping usersAgain = new TableMapping("Okta_users", "Person", List.of(CITY));
        assertThatThrownBy(() -> new EntityMapping(List.of(users, usersAgain)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Okta_users");
    }

    @Test
    void entityMappingFindsTablesByNameAndEntityType() {
        TableMapping users = new TableMapping("Okta_users", "User", List.of(ID));
        TableMapping groups = new TableMapping("Okta_groups", "Group", List.of(ID));
        List<TableMapping> list = new ArrayList<>(List.of(users, groups));
        EntityMapping m = new EntityMapping(list);
        list.clear();
        assertThat(m.tables()).containsExactly(users, groups);
        assertThat(m.table("Okta_groups")).contains(groups);
        assertThat(m.table("Okta_apps")).isEmpty();
        assertThat(m.forEntityType("User")).contains(users);
        assertThat(m.forEntityType("Application")).isEmpty();
        assertThatThrownBy(() -> m.tables().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultsNameNoTable() {
        assertThat(EntityMapping.DEFAULTS.tables()).isEmpty();
        assertThat(EntityMapping.DEFAULTS.table("Okta_users")).isEmpty();
        assertThatThrownBy(() -> new EntityMapping(null)).isInstanceOf(NullPointerException.class);
    }
}
