package io.oktaconnector.okta.reliability;

import io.oktaconnector.csv.CsvAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.SimOrg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five export files as the simulator's ground truth says they must be, computed from {@link SimOrg} with the
 * contract's rules written again here on purpose (not the production projection), and the files of an export parsed
 * back with univocity. Rows are compared sorted: the row order of a table is not part of the contract.
 */
final class GroundTruth {

    /** The five tables, by file suffix, in the order the contract lists them. */
    static final List<String> SUFFIXES = List.of("users", "groups", "apps", "groupsusers", "groupsapps");

    private static final List<String> USER_FIXED = List.of("id", "status", "created", "activated", "statusChanged",
            "lastLogin", "lastUpdated", "passwordChanged", "type.id");
    private static final List<String> GROUP_FIXED = List.of("id", "created", "lastUpdated", "lastMembershipUpdated",
            "type", "profile.name", "profile.description");
    private static final List<String> APP_COLUMNS = List.of("id", "created", "lastUpdated", "status", "name", "label",
            "signOnMode");

    /** A table: its header and its rows, sorted. */
    record Table(List<String> header, List<List<String>> rows) {
        Table {
            header = List.copyOf(header);
            rows = rows.stream().sorted(ROWS).map(List::copyOf).toList();
        }
    }

    static final Comparator<List<String>> ROWS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private GroundTruth() {
    }

    /** @return the five tables the default export of {@code org} must write, by suffix */
    static Map<String, Table> expected(SimOrg org) {
        Map<String, Table> t = new LinkedHashMap<>();
        List<String> userCols = userColumns(org);
        t.put("users", new Table(userCols, project(org.users(), userCols)));
        List<String> groupCols = groupColumns(org);
        t.put("groups", new Table(groupCols, project(org.groups(), groupCols)));
        t.put("apps", new Table(APP_COLUMNS, project(org.apps(), APP_COLUMNS)));
        List<List<String>> members = new ArrayList<>();
        List<String> groupIds = org.groups().map(g -> g.get("id").asText()).toList();
        for (String g : groupIds) {
            org.groupMemberIds(g).forEach(u -> members.add(List.of(g, u)));
        }
        t.put("groupsusers", new Table(List.of("groupId", "userId"), members));
        List<List<String>> links = new ArrayList<>();
        List<String> appIds = org.apps().map(a -> a.get("id").asText()).toList();
        for (String a : appIds) {
            org.appGroupAssignments(a).forEach(x -> links.add(List.of(x.get("id").asText(), a)));
        }
        t.put("groupsapps", new Table(List.of("groupId", "appId"), links));
        return t;
    }

    /** @return the tables of an export in {@code dir}, by suffix */
    static Map<String, Table> read(Path dir, String connectionId) throws IOException {
        Map<String, Table> t = new LinkedHashMap<>();
        for (String s : SUFFIXES) {
            List<List<String>> all = readCsv(dir.resolve(connectionId + "_" + s + ".csv"));
            t.put(s, new Table(all.get(0), all.subList(1, all.size())));
        }
        return t;
    }

    /** Asserts that {@code dir} holds exactly the five files and that each equals the ground truth. */
    static void assertExportEquals(Path dir, String connectionId, Map<String, Table> expected) throws IOException {
        assertThat(fileNames(dir)).as("files in %s", dir).containsExactlyElementsOf(
                SUFFIXES.stream().map(s -> connectionId + "_" + s + ".csv").sorted().toList());
        Map<String, Table> actual = read(dir, connectionId);
        for (String s : SUFFIXES) {
            assertThat(actual.get(s).header()).as(s + " header").isEqualTo(expected.get(s).header());
            assertThat(actual.get(s).rows()).as(s + " rows").hasSameSizeAs(expected.get(s).rows())
                    .isEqualTo(expected.get(s).rows());
        }
    }

    static List<String> userColumns(SimOrg org) {
        List<String> cols = new ArrayList<>(USER_FIXED);
        ObjectNode schema = org.userSchema();
        schema.path("definitions").path("base").path("properties").fieldNames()
                .forEachRemaining(a -> cols.add("profile." + a));
        schema.path("definitions").path("custom").path("properties").fieldNames()
                .forEachRemaining(a -> cols.add("profile." + a));
        return dedupe(cols);
    }

    static List<String> groupColumns(SimOrg org) {
        List<String> cols = new ArrayList<>(GROUP_FIXED);
        org.groupSchema().path("definitions").path("custom").path("properties").fieldNames()
                .forEachRemaining(a -> cols.add("profile." + a));
        return dedupe(cols);
    }

    /** A custom attribute whose path clashes (ignoring case) with an earlier column is not a second column. */
    private static List<String> dedupe(List<String> cols) {
        List<String> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String c : cols) {
            if (!seen.contains(c.toLowerCase(Locale.ROOT))) {
                seen.add(c.toLowerCase(Locale.ROOT));
                out.add(c);
            }
        }
        return out;
    }

    static List<List<String>> project(Stream<? extends JsonNode> objects, List<String> paths) {
        return objects.map(o -> paths.stream().map(p -> value(o, p)).toList()).toList();
    }

    /** The contract's path and value rules: exact key first, then ignoring case; null/missing → empty; JSON text. */
    static String value(JsonNode root, String path) {
        JsonNode n = root;
        for (String seg : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                return "";
            }
            JsonNode next = n.get(seg);
            if (next == null) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (e.getKey().equalsIgnoreCase(seg)) {
                        next = e.getValue();
                        break;
                    }
                }
            }
            n = next;
        }
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return n.isContainerNode() ? n.toString() : n.asText();
    }

    static List<List<String>> readCsv(Path file) throws IOException {
        return CsvAppender.readAll(file);
    }

    /** @return the names in a folder, sorted, hidden (temporary) files included */
    static List<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
