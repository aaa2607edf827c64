package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one fulfill run knows about group memberships, so that a batch of membership changes reads each group's
 * members once instead of each user's groups once per order.
 *
 * <p>Why: to report an existing link as a no-op (and not send it), a membership change reads the current links first.
 * Per order that is one read per write in the same rate-limit bucket, which halves the throughput of a batch of
 * membership changes. A batch usually touches each group many times (a role given to many users), so reading the
 * group's member list once (1,000 members per page) and keeping it up to date with our own writes costs a fraction
 * of that. A group is indexed only when that is cheaper: it must be the target of at least two planned changes, and
 * its member list is read only while its pages stay fewer than those changes (a huge group with a few changes is
 * not read; its orders read the user's groups as before). A group whose member list could not be read is not indexed.
 *
 * <p>The index holds our view from the time the group was read, kept current by every write this run makes (also
 * those that end while the list is being read). A write whose outcome is unknown makes that one link unknown, so the
 * next order on it reads Okta again. Changes made by others during the run are not seen: at worst a change is taken
 * for a no-op (and not sent) because someone else changed the same link the other way meanwhile, which the next
 * export shows. Thread-safe.
 */
final class Memberships {
    private static final Logger LOG = LoggerFactory.getLogger(Memberships.class);

    /** Okta's largest page of group members. */
    static final int MEMBERS_PAGE = 1000;

    /** No index: every order reads what it needs (a single order, or a test that wants the per-order behaviour). */
    static final Memberships NONE = new Memberships(Map.of());

    private final Map<String, Integer> planned;
    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();

    /** @param planned the number of planned membership changes per group id */
    Memberships(Map<String, Integer> planned) {
        this.planned = Map.copyOf(planned);
    }

    /**
     * Counts the planned membership changes of a batch per group: those of user orders ({@code Groups}) and of group
     * orders ({@code Users}); links of objects the batch creates are left out (their ids are not known yet).
     *
     * @param plans the batch's plans
     * @return the index for the batch
     */
    static Memberships of(List<OrderPlan> plans) {
        Map<String, Integer> planned = new HashMap<>();
        for (OrderPlan p : plans) {
            for (Operation op : p.operations()) {
                for (Operation.Link l : op.links()) {
                    if (l.kind() == Operation.LinkKind.MEMBER && !l.namesNewObject()) {
                        planned.merge(l.groupId(), 1, Integer::sum);
                    }
                }
            }
        }
        planned.values().removeIf(n -> n < 2);
        return planned.isEmpty() ? NONE : new Memberships(planned);
    }

    /**
     * @param w       the asking order's wire (a read is counted in its run)
     * @param groupId a group id
     * @param userId  a user id
     * @return whether the user is a member, when this run knows; empty when the group is not indexed, the user is
     *         named by login, or our own write on this link had an unknown outcome
     */
    Optional<Boolean> member(OrderWire w, String groupId, String userId) {
        Integer changes = planned.get(groupId);
        if (changes == null || userId.indexOf('@') >= 0) {
            return Optional.empty();
        }
        Group g = load(w, groupId, changes - 1);
        return g == null ? Optional.empty() : g.member(userId);
    }

    /**
     * The members of a group that a group order changes: read once per run however many orders change it.
     *
     * @param w       the asking order's wire
     * @param groupId a group id
     * @return the member ids, or empty when the group is not indexed or a link is unknown; the caller then reads
     */
    Optional<Set<String>> members(OrderWire w, String groupId) {
        if (!planned.containsKey(groupId)) {
            return Optional.empty();
        }
        Group g = load(w, groupId, Integer.MAX_VALUE);
        return g == null ? Optional.empty() : g.snapshot();
    }

    /**
     * Records a link this run wrote, or tried to.
     *
     * @param groupId the group
     * @param userId  the user
     * @param op      the change
     * @param known   {@code false} when the write's outcome is unknown
     */
    void wrote(String groupId, String userId, LinkChange.Operation op, boolean known) {
        Group g = groups.get(groupId);
        if (g == null) {
            return;
        }
        if (userId.indexOf('@') >= 0) {
            // a user named by login: which id that is, the index cannot tell; nothing it says about the group holds
            g.forget();
        } else {
            g.wrote(userId, op == LinkChange.Operation.ADD, known);
        }
    }

    /** @return the group's index, read now by this caller or earlier by another; {@code null} when not indexed */
    private Group load(OrderWire w, String groupId, int maxPages) {
        Group mine = new Group();
        Group g = groups.putIfAbsent(groupId, mine);
        if (g != null) {
            // another order reads it (or has read it): wait, a read takes one request per 1,000 members
            return g.loaded.join() ? g : null;
        }
        boolean indexed = false;
        try {
            Set<String> ids = read(w, groupId, maxPages);
            if (ids != null) {
                mine.ready(ids);
                indexed = true;
            }
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.AUTHENTICATION) {
                throw e;
            }
            // the orders on this group read what they need themselves, and meet the same failure there if it lasts
            LOG.debug("group {}: its member list could not be read ({}); not indexed", groupId, e.getMessage());
        } finally {
            if (!indexed) {
                mine.forget();
            }
            mine.loaded.complete(indexed);
        }
        return indexed ? mine : null;
    }

    /** @return the members' ids, or {@code null} when the list has more than {@code maxPages} pages */
    private static Set<String> read(OrderWire w, String groupId, int maxPages) {
        Set<String> ids = new HashSet<>();
        boolean complete = w.getPages(GroupOps.path(groupId) + "/users",
                Map.of("limit", Integer.toString(MEMBERS_PAGE)), maxPages, page -> {
                    for (JsonNode u : page) {
                        String id = Json.text(u, "id");
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                });
        if (!complete) {
            LOG.debug("group {}: more than {} pages of members; not indexed", groupId, maxPages);
            return null;
        }
        return ids;
    }

    /**
     * One group's index: its member ids once read, and the links whose state is unknown. Writes that end while the
     * list is being read are kept and applied on top of it (the read may or may not have seen them; our write is the
     * latest state either way).
     */
    private static final class Group {
        private final CompletableFuture<Boolean> loaded = new CompletableFuture<>();
        private final Set<String> unknown = new HashSet<>();
        private final Map<String, Boolean> early = new LinkedHashMap<>();
        private Set<String> members;
        private boolean forgotten;

        synchronized void ready(Set<String> read) {
            members = read;
            early.forEach((user, add) -> apply(user, add));
            early.clear();
        }

        synchronized Optional<Boolean> member(String userId) {
            return forgotten || unknown.contains(userId) ? Optional.empty() : Optional.of(members.contains(userId));
        }

        synchronized Optional<Set<String>> snapshot() {
            return forgotten || !unknown.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(members));
        }

        /** Nothing more is known about this group: its orders read Okta. */
        synchronized void forget() {
            forgotten = true;
            early.clear();
        }

        /** @param add {@code null} when the write's outcome is unknown */
        synchronized void wrote(String userId, boolean add, boolean known) {
            Boolean state = known ? add : null;
            if (forgotten) {
                return;
            }
            if (members == null) {
                early.put(userId, state);
            } else {
                apply(userId, state);
            }
        }

        private void apply(String userId, Boolean add) {
            if (add == null) {
                unknown.add(userId);
                return;
            }
            unknown.remove(userId);
            if (add) {
                members.add(userId);
            } else {
                members.remove(userId);
            }
        }
    }
}
