package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the seeded org holds, read from the simulator's ground truth (not over the API).
 *
 * @param users          all users, DEPROVISIONED included
 * @param groupIds       every group, in id order (Everyone first)
 * @param memberCounts   members per group, same order
 * @param groupAppCounts apps assigned per group, same order
 * @param appGroupCounts groups assigned per app
 */
record OrgTruth(long users, List<String> groupIds, long[] memberCounts, int[] groupAppCounts, int[] appGroupCounts) {

    OrgTruth {
        groupIds = List.copyOf(groupIds);
        Objects.requireNonNull(memberCounts);
        Objects.requireNonNull(groupAppCounts);
        Objects.requireNonNull(appGroupCounts);
    }

    static OrgTruth of(JsonNode t) {
        List<String> ids = new ArrayList<>();
        t.get("groupIds").forEach(n -> ids.add(n.asText()));
        long[] members = new long[ids.size()];
        int[] groupApps = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            members[i] = t.get("memberCounts").get(i).asLong();
            groupApps[i] = t.get("groupAppCounts").get(i).asInt();
        }
        JsonNode ag = t.get("appGroupCounts");
        int[] appGroups = new int[ag.size()];
        for (int i = 0; i < appGroups.length; i++) {
            appGroups[i] = ag.get(i).asInt();
        }
        return new OrgTruth(t.get("users").asLong(), ids, members, groupApps, appGroups);
    }

    int groups() {
        return groupIds.size();
    }

    int apps() {
        return appGroupCounts.length;
    }

    long memberships() {
        long s = 0;
        for (long m : memberCounts) {
            s += m;
        }
        return s;
    }

    long assignments() {
        long s = 0;
        for (int a : appGroupCounts) {
            s += a;
        }
        return s;
    }

    /** The row count each of the five tables must have, by table suffix. */
    java.util.Map<String, Long> expectedRows() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("users", users);
        m.put("groups", (long) groups());
        m.put("apps", (long) apps());
        m.put("groupsusers", memberships());
        m.put("groupsapps", assignments());
        return m;
    }

    long totalRows() {
        return expectedRows().values().stream().mapToLong(Long::longValue).sum();
    }
}
