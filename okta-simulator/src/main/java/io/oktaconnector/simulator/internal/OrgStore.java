package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.oktaconnector.simulator.PasswordPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The org: generated objects plus an overlay of every write. Reads are lock-free over immutable
 * JSON snapshots (a stored node is never mutated, a write stores a new node); writes take one lock
 * so multi-object changes (delete a user and fix group counts) are atomic.
 */
public final class OrgStore {
    private static final ObjectNode DELETED = Json.object();

    private final Generator gen;
    private final Ids ids;
    private final Clock clock;
    private final Object writeLock = new Object();

    private final ConcurrentHashMap<Long, ObjectNode> userOverlay = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> loginIndex = new ConcurrentHashMap<>();
    private final AtomicLong nextUser;
    private final AtomicLong userCount;

    private final ConcurrentSkipListMap<Long, GroupRec> groups = new ConcurrentSkipListMap<>();
    private final AtomicLong nextGroup;
    private final ConcurrentSkipListMap<Long, AppRec> apps = new ConcurrentSkipListMap<>();
    private final AtomicLong nextApp;
    private final ObjectNode userSchema;
    private volatile PasswordPolicy passwordPolicy = PasswordPolicy.OKTA_DEFAULT;
    private final ConcurrentHashMap<Long, byte[]> passwordHashes = new ConcurrentHashMap<>();
    private final byte[] passwordSalt = salt();
    private final ObjectNode groupSchema;

    /** A group and its membership overlay. */
    public static final class GroupRec {
        final long index;
        volatile ObjectNode json;
        final MemberBase base;
        final ConcurrentSkipListSet<Long> added = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> removed = new ConcurrentSkipListSet<>();
        final AtomicLong count = new AtomicLong();

        GroupRec(long index, ObjectNode json, MemberBase base) {
            this.index = index;
            this.json = json;
            this.base = base;
            this.count.set(base.baseCount());
        }

        public ObjectNode json() {
            return json;
        }

        public String id() {
            return json.get("id").asText();
        }

        public String type() {
            return json.get("type").asText();
        }
    }

    /** An app and its group assignments (keyed by group id, which sorts like the group index). */
    public static final class AppRec {
        final long index;
        volatile ObjectNode json;
        final ConcurrentSkipListMap<String, ObjectNode> assignments = new ConcurrentSkipListMap<>();

        AppRec(long index, ObjectNode json) {
            this.index = index;
            this.json = json;
        }

        public ObjectNode json() {
            return json;
        }

        public String id() {
            return json.get("id").asText();
        }

        public Map<String, ObjectNode> assignments() {
            return assignments;
        }
    }

    public OrgStore(Generator gen, Ids ids, Clock clock) {
        this.gen = gen;
        this.ids = ids;
        this.clock = clock;
        this.nextUser = new AtomicLong(gen.users());
        this.userCount = new AtomicLong(gen.users());
        for (long g = 0; g < gen.groups(); g++) {
            groups.put(g, new GroupRec(g, gen.group(g), gen.members(g)));
        }
        this.nextGroup = new AtomicLong(gen.groups());
        for (long a = 0; a < gen.apps(); a++) {
            AppRec rec = new AppRec(a, gen.app(a));
            long[] assigned = gen.appGroups(a);
            for (int p = 0; p < assigned.length; p++) {
                GroupRec g = groups.get(assigned[p]);
                rec.assignments.put(g.id(), assignment(g.id(), p, g.json.get("lastUpdated").asText()));
            }
            apps.put(a, rec);
        }
        this.nextApp = new AtomicLong(gen.apps());
        this.userSchema = Schemas.user();
        this.groupSchema = Schemas.group();
    }

    public Ids ids() {
        return ids;
    }

    public Generator generator() {
        return gen;
    }

    public Clock clock() {
        return clock;
    }

    public String now() {
        return Json.ts(clock.instant());
    }

    public Object lock() {
        return writeLock;
    }

    // ================================================================ users: reads

    /** The current user at an index, or null when there is none. Never mutate the result. */
    public ObjectNode user(long i) {
        if (i < 0) {
            return null;
        }
        ObjectNode o = userOverlay.get(i);
        if (o == DELETED) {
            return null;
        }
        if (o != null) {
            return o;
        }
        return i < gen.users() ? gen.user(i) : null;
    }

    public boolean userExists(long i) {
        ObjectNode o = userOverlay.get(i);
        if (o == DELETED) {
            return false;
        }
        return o != null || (i >= 0 && i < gen.users());
    }

    /** The index of a user by id or login (case-insensitive), or -1. */
    public long findUser(String idOrLogin) {
        long i = ids.decodeUser(idOrLogin);
        if (i >= 0 && userExists(i)) {
            return i;
        }
        return userIndexByLogin(idOrLogin);
    }

    public long userIndexByLogin(String login) {
        String lower = login.toLowerCase(Locale.ROOT);
        Long known = loginIndex.get(lower);
        if (known != null) {
            ObjectNode u = user(known);
            if (u != null && u.path("profile").path("login").asText().equalsIgnoreCase(login)) {
                return known;
            }
        }
        long g = Generator.loginIndex(login);
        if (g >= 0 && g < gen.users() && !userOverlay.containsKey(g)) {
            if (gen.login(g).equalsIgnoreCase(login)) {
                return g;
            }
        }
        return -1;
    }

    public long userLimit() {
        return nextUser.get();
    }

    public long userCount() {
        return userCount.get();
    }

    /**
     * Up to {@code max} users with index greater than {@code after} that pass {@code filter}, in id order.
     */
    public List<ObjectNode> scanUsers(long after, int max, Predicate<ObjectNode> filter) {
        List<ObjectNode> out = new ArrayList<>(Math.min(max, 1024));
        long limit = nextUser.get();
        for (long i = Math.max(after + 1, 0); i < limit && out.size() < max; i++) {
            ObjectNode u = user(i);
            if (u != null && filter.test(u)) {
                out.add(u);
            }
        }
        return out;
    }

    public Stream<ObjectNode> allUsers() {
        return LongStream.range(0, nextUser.get()).mapToObj(this::user).filter(Objects::nonNull);
    }

    // ================================================================ users: passwords

    /** @param policy the policy checked on every password set over the wire from now on */
    public void passwordPolicy(PasswordPolicy policy) {
        this.passwordPolicy = Objects.requireNonNull(policy, "policy");
    }

    public PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    /** Okta's answer to a password its policy refuses; the cause never quotes the password. */
    public void requireAcceptable(String password) {
        PasswordPolicy policy = passwordPolicy;
        if (!policy.accepts(password)) {
            throw new ApiError(400, "E0000001", "Api validation failed: password",
                    "password: Password requirements were not met. Password requirements: " + policy.describe() + ".");
        }
    }

    /** Remembers a salted hash of a user's password (never the password), for {@link #passwordMatches}. */
    public void password(long i, String password) {
        passwordHashes.put(i, hash(password));
    }

    /** Whether the user's last password set over the wire was this one. */
    public boolean passwordMatches(long i, String candidate) {
        byte[] stored = passwordHashes.get(i);
        return stored != null && userExists(i) && MessageDigest.isEqual(stored, hash(candidate));
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    private byte[] hash(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(passwordSalt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    // ================================================================ users: writes

    /** Stores a new user (the JSON gets its id here) and returns its index. Caller holds the lock. */
    public long insertUser(ObjectNode json) {
        long i = nextUser.getAndIncrement();
        json.put("id", ids.user(i));
        userOverlay.put(i, json);
        loginIndex.put(json.path("profile").path("login").asText().toLowerCase(Locale.ROOT), i);
        userCount.incrementAndGet();
        return i;
    }

    /** Replaces the stored snapshot of an existing user. Caller holds the lock. */
    public void replaceUser(long i, ObjectNode json) {
        userOverlay.put(i, json);
        loginIndex.put(json.path("profile").path("login").asText().toLowerCase(Locale.ROOT), i);
    }

    /** Removes a user for good, and from every group. Caller holds the lock. */
    public void deleteUser(long i) {
        for (GroupRec g : groups.values()) {
            if (!g.base.isAll() && isMember(g, i)) {
                g.count.decrementAndGet();
            }
            g.added.remove(i);
        }
        userOverlay.put(i, DELETED);
        userCount.decrementAndGet();
    }

    // ================================================================ groups

    public GroupRec group(long g) {
        return g < 0 ? null : groups.get(g);
    }

    public GroupRec group(String id) {
        return group(ids.decodeGroup(id));
    }

    public Iterable<GroupRec> groupsAfter(long after) {
        return groups.tailMap(after, false).values();
    }

    public long groupCount() {
        return groups.size();
    }

    public Stream<GroupRec> allGroups() {
        return groups.values().stream();
    }

    public boolean isMember(GroupRec g, long user) {
        if (!userExists(user)) {
            return false;
        }
        if (g.added.contains(user)) {
            return true;
        }
        return !g.removed.contains(user) && g.base.contains(user);
    }

    public long memberCount(GroupRec g) {
        return g.base.isAll() ? userCount.get() : g.count.get();
    }

    /** Up to {@code max} member indexes greater than {@code after}, ascending. */
    public List<Long> members(GroupRec g, long after, int max) {
        List<Long> out = new ArrayList<>(Math.min(max, 1024));
        long limit = nextUser.get();
        long cursor = after;
        while (out.size() < max) {
            long b = g.base.next(cursor, limit);
            Long a = g.added.higher(cursor);
            long next;
            if (b < 0 && a == null) {
                break;
            } else if (b < 0) {
                next = a;
            } else if (a == null) {
                next = b;
            } else {
                next = Math.min(a, b);
            }
            cursor = next;
            if (g.removed.contains(next) && !g.added.contains(next)) {
                continue;
            }
            if (userExists(next)) {
                out.add(next);
            }
        }
        return out;
    }

    public long insertGroup(ObjectNode json) {
        long g = nextGroup.getAndIncrement();
        json.put("id", ids.group(g));
        groups.put(g, new GroupRec(g, json, MemberBase.empty()));
        return g;
    }

    public void replaceGroup(GroupRec g, ObjectNode json) {
        g.json = json;
    }

    public void deleteGroup(GroupRec g) {
        groups.remove(g.index);
        for (AppRec a : apps.values()) {
            a.assignments.remove(g.id());
        }
    }

    /** Adds a member; false when already a member. Caller holds the lock. */
    public boolean addMember(GroupRec g, long user) {
        if (isMember(g, user)) {
            return false;
        }
        if (g.base.contains(user)) {
            g.removed.remove(user);
        } else {
            g.added.add(user);
        }
        g.count.incrementAndGet();
        touchMembership(g);
        return true;
    }

    /** Removes a member; false when not a member. Caller holds the lock. */
    public boolean removeMember(GroupRec g, long user) {
        if (!isMember(g, user)) {
            return false;
        }
        g.added.remove(user);
        if (g.base.contains(user)) {
            g.removed.add(user);
        }
        g.count.decrementAndGet();
        touchMembership(g);
        return true;
    }

    private void touchMembership(GroupRec g) {
        ObjectNode copy = g.json.deepCopy();
        copy.put("lastMembershipUpdated", now());
        g.json = copy;
    }

    // ================================================================ apps

    public AppRec app(long a) {
        return a < 0 ? null : apps.get(a);
    }

    public AppRec app(String id) {
        return app(ids.decodeApp(id));
    }

    public Iterable<AppRec> appsAfter(long after) {
        return apps.tailMap(after, false).values();
    }

    public long appCount() {
        return apps.size();
    }

    public Stream<AppRec> allApps() {
        return apps.values().stream();
    }

    public long insertApp(ObjectNode json) {
        long a = nextApp.getAndIncrement();
        json.put("id", ids.app(a));
        apps.put(a, new AppRec(a, json));
        return a;
    }

    public void replaceApp(AppRec a, ObjectNode json) {
        a.json = json;
    }

    public void deleteApp(AppRec a) {
        apps.remove(a.index);
    }

    public static ObjectNode assignment(String groupId, int priority, String lastUpdated) {
        ObjectNode n = Json.object();
        n.put("id", groupId);
        n.put("lastUpdated", lastUpdated);
        n.put("priority", priority);
        n.putObject("profile");
        return n;
    }

    // ================================================================ schemas

    /** Puts the simulator's origin into the schema ids (Okta: {@code https://<org>/meta/schemas/...}). */
    public void origin(String origin) {
        userSchema.put("id", origin + "/meta/schemas/user/default");
        groupSchema.put("id", origin + "/meta/schemas/group/default");
    }

    public ObjectNode userSchema() {
        return userSchema;
    }

    public ObjectNode groupSchema() {
        return groupSchema;
    }

    /** Custom attribute names of the user schema, in order. */
    public List<String> userCustomAttributes() {
        List<String> out = new ArrayList<>();
        JsonNode props = userSchema.path("definitions").path("custom").path("properties");
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
