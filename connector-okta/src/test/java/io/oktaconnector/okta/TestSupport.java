package io.oktaconnector.okta;

import io.oktaconnector.csv.CsvAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.simulator.OktaSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Helpers shared by the tests: settings for a simulator, a CSV reader, and an independent ground truth. */
final class TestSupport {

    private TestSupport() {
    }

    static OktaSettings.Builder settings(OktaSimulator sim, String id) {
        return OktaSettings.builder().connectionId(id).server(sim.baseUrl()).apiKey(Secret.of(sim.token()))
                .allowInsecureHttp(true);
    }

    /** A CSV file: header and rows, parsed back with univocity, keeping every byte of every value. */
    record Csv(List<String> header, List<List<String>> rows) {
        List<List<String>> sortedRows() {
            return rows.stream().sorted(TestSupport::compareRows).toList();
        }
    }

    static Csv readCsv(Path file) throws IOException {
        // the project's own reader (univocity, nothing trimmed, empty fields as ""): one definition of "read back"
        List<List<String>> all = CsvAppender.readAll(file);
        return new Csv(all.get(0), all.subList(1, all.size()));
    }

    static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    // ---------------------------------------------------------------- independent ground truth

    /** The contract's path rule, written again on purpose (not the production class): exact, then ignoring case. */
    static String value(JsonNode root, String path) {
        JsonNode n = root;
        for (String seg : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                return "";
            }
            JsonNode next = n.get(seg);
            if (next == null) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (e.getKey().toLowerCase().equals(seg.toLowerCase())) {
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
        if (n.isArray() || n.isObject()) {
            return n.toString();
        }
        return n.asText();
    }

    static List<List<String>> project(Stream<? extends JsonNode> objects, List<String> paths) {
        return objects.map(o -> paths.stream().map(p -> value(o, p)).toList()).toList();
    }

    static List<String> defaultUserColumns(OktaSimulator sim) {
        List<String> cols = new ArrayList<>(List.of("id", "status", "created", "activated", "statusChanged",
                "lastLogin", "lastUpdated", "passwordChanged", "type.id"));
        ObjectNode schema = sim.org().userSchema();
        schema.path("definitions").path("base").path("properties").fieldNames()
                .forEachRemaining(a -> cols.add("profile." + a));
        schema.path("definitions").path("custom").path("properties").fieldNames()
                .forEachRemaining(a -> cols.add("profile." + a));
        return cols;
    }

    static List<String> defaultGroupColumns(OktaSimulator sim) {
        List<String> cols = new ArrayList<>(List.of("id", "created", "lastUpdated", "lastMembershipUpdated", "type",
                "profile.name", "profile.description"));
        sim.org().groupSchema().path("definitions").path("custom").path("properties").fieldNames()
                .forEachRemaining(a -> cols.add("profile." + a));
        return cols;
    }

    static final List<String> APP_COLUMNS = List.of("id", "created", "lastUpdated", "status", "name", "label",
            "signOnMode");

    static List<List<String>> expectedMemberships(OktaSimulator sim) {
        return sim.org().groups().flatMap(g -> {
            String gid = g.get("id").asText();
            return sim.org().groupMemberIds(gid).map(u -> List.of(gid, u));
        }).sorted(TestSupport::compareRows).toList();
    }

    static List<List<String>> expectedAppLinks(OktaSimulator sim) {
        return sim.org().apps().flatMap(a -> {
            String aid = a.get("id").asText();
            return sim.org().appGroupAssignments(aid).map(x -> List.of(x.get("id").asText(), aid));
        }).sorted(TestSupport::compareRows).collect(Collectors.toList());
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
