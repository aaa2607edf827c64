package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.Counters;
import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RateLimitBucket;
import io.oktaconnector.simulator.RecordedRequest;
import io.oktaconnector.simulator.SimOrg;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator in a JVM of its own, so that its CPU and heap never count against the exporter being measured.
 *
 * <p>Protocol: the first line on stdin is the API token (never on the command line). The process answers
 * {@code {"ready":true,"baseUrl":…}} on stdout, then reads one command per line and answers one JSON line each:
 * {@code truth}, {@code counters}, {@code reset}, {@code pairs N FILE}, {@code check-pairs FILE}, {@code duplicates},
 * {@code quit}. End of stdin also stops it.
 */
public final class SimulatorProcess {
    private static final Pattern MEMBERSHIP = Pattern.compile("^/api/v1/groups/([^/]+)/users/([^/]+)$");

    private SimulatorProcess() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Args.parse(argv);
        Conditions c = Conditions.parse(a);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = in.readLine();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("no token on stdin");
        }
        try (OktaSimulator sim = OktaSimulator.builder()
                .seed(Long.parseLong(a.getOrDefault("--seed", "42")))
                .users(Integer.parseInt(Args.require(a, "--users")))
                .groups(Integer.parseInt(Args.require(a, "--groups")))
                .apps(Integer.parseInt(Args.require(a, "--apps")))
                .token(token.strip())
                .rateLimits(c.rateLimits())
                .latency(c.latencyBase(), c.latencyJitter())
                .start()) {
            ObjectNode ready = Json.object().put("ready", true).put("baseUrl", sim.baseUrl())
                    .put("rateLimits", c.rateLimits().toString());
            out.println(Json.write(ready));
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.strip().split(" ");
                try {
                    switch (cmd[0]) {
                        case "truth" -> out.println(Json.write(truth(sim.org())));
                        case "counters" -> out.println(Json.write(counters(sim.counters())));
                        case "reset" -> {
                            sim.counters().reset();
                            sim.requests().clear();
                            out.println("{\"ok\":true}");
                        }
                        case "pairs" -> out.println(Json.write(pairs(sim.org(), Integer.parseInt(cmd[1]), Path.of(cmd[2]))));
                        case "check-pairs" -> out.println(Json.write(checkPairs(sim.org(), Path.of(cmd[1]))));
                        case "duplicates" -> out.println(Json.write(duplicates(sim.requests().all())));
                        case "quit" -> {
                            out.println("{\"ok\":true}");
                            return;
                        }
                        default -> out.println(Json.write(Json.object().put("error", "unknown command " + cmd[0])));
                    }
                } catch (RuntimeException e) {
                    out.println(Json.write(Json.object().put("error", String.valueOf(e))));
                }
            }
        }
    }

    /** The scenario's ground truth: what a complete export must contain, and what the lower bound needs. */
    static ObjectNode truth(SimOrg org) {
        ObjectNode t = Json.object();
        t.put("users", org.userCount());
        ArrayNode groupIds = t.putArray("groupIds");
        ArrayNode members = t.putArray("memberCounts");
        Map<String, Integer> groupApps = new HashMap<>();
        ArrayNode appGroups = t.putArray("appGroupCounts");
        org.apps().forEach(app -> {
            String id = app.get("id").asText();
            List<String> gs = org.appGroupAssignments(id).map(n -> n.get("id").asText()).toList();
            appGroups.add(gs.size());
            gs.forEach(g -> groupApps.merge(g, 1, Integer::sum));
        });
        ArrayNode groupAppCounts = t.putArray("groupAppCounts");
        org.groups().forEach(g -> {
            String id = g.get("id").asText();
            groupIds.add(id);
            members.add(org.memberCount(id));
            groupAppCounts.add(groupApps.getOrDefault(id, 0));
        });
        t.put("groups", groupIds.size());
        t.put("apps", appGroups.size());
        return t;
    }

    static ObjectNode counters(Counters c) {
        ObjectNode n = Json.object();
        n.put("requests", c.requests());
        n.put("tooMany", c.tooManyRequests());
        n.put("concurrencyRejections", c.concurrencyRejections());
        n.put("peakConcurrency", c.peakConcurrency());
        ObjectNode per = n.putObject("perBucket");
        ObjectNode per429 = n.putObject("perBucket429");
        for (RateLimitBucket b : RateLimitBucket.values()) {
            per.put(b.name(), c.requests(b));
            per429.put(b.name(), c.tooManyRequests(b));
        }
        return n;
    }

    /**
     * Picks {@code n} distinct (user, OKTA_GROUP) pairs that are not memberships yet, deterministically, and writes
     * them to {@code file} as {@code [[userId, groupId], …]}.
     */
    static ObjectNode pairs(SimOrg org, int n, Path file) throws java.io.IOException {
        List<String> groups = org.groups().filter(g -> "OKTA_GROUP".equals(g.path("type").asText()))
                .map(g -> g.get("id").asText()).toList();
        List<String> users = org.users().map(u -> u.get("id").asText()).toList();
        if (groups.isEmpty() || users.isEmpty()) {
            throw new IllegalStateException("no OKTA_GROUP or no user to pair");
        }
        ArrayNode arr = Json.MAPPER.createArrayNode();
        Set<String> seen = new HashSet<>();
        long k = 0;
        long guard = (long) n * 50 + 1000;
        while (arr.size() < n && k < guard) {
            String g = groups.get((int) (k % groups.size()));
            String u = users.get((int) ((k * 7919L + k / groups.size()) % users.size()));
            k++;
            if (seen.add(u + "|" + g) && !org.isMember(g, u)) {
                arr.add(Json.MAPPER.createArrayNode().add(u).add(g));
            }
        }
        Files.writeString(file, Json.write(arr));
        return Json.object().put("pairs", arr.size()).put("groups", groups.size());
    }

    static ObjectNode checkPairs(SimOrg org, Path file) throws java.io.IOException {
        JsonNode arr = Json.read(Files.readString(file));
        long members = 0;
        for (JsonNode p : arr) {
            if (org.isMember(p.get(1).asText(), p.get(0).asText())) {
                members++;
            }
        }
        return Json.object().put("pairs", arr.size()).put("members", members);
    }

    /** Membership PUTs per (group, user): more than one answered request for the same pair is a duplicate. */
    static ObjectNode duplicates(List<RecordedRequest> log) {
        Map<String, Integer> seen = new HashMap<>();
        for (RecordedRequest r : log) {
            Matcher m = MEMBERSHIP.matcher(r.path());
            if (r.method().equals("PUT") && m.matches() && r.status() != 429 && r.status() != 0) {
                seen.merge(m.group(1) + "|" + m.group(2), 1, Integer::sum);
            }
        }
        long dup = seen.values().stream().mapToLong(v -> v - 1).sum();
        List<String> examples = new ArrayList<>();
        seen.forEach((k, v) -> {
            if (v > 1 && examples.size() < 5) {
                examples.add(k + " x" + v);
            }
        });
        ObjectNode n = Json.object().put("pairsPut", seen.size()).put("duplicates", dup);
        ArrayNode ex = n.putArray("examples");
        examples.forEach(ex::add);
        return n;
    }
}
