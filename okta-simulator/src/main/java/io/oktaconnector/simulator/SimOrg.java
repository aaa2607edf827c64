package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.internal.Json;
import io.oktaconnector.simulator.internal.OrgStore;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The simulator's org, readable and writable from Java: the ground truth for assertions. It reflects
 * every write made over the wire, and writes made here are visible on the wire at once.
 *
 * <p>Objects are returned exactly as the wire serves one of them <em>minus {@code _links} and
 * {@code _embedded}</em> (those are added per request from the caller's origin), as fresh copies the
 * caller may modify. Streams are lazy: a million-user org is generated as it is read.
 * Thread-safe; mutators are atomic with respect to wire requests.
 */
public final class SimOrg {
    private final OrgStore store;

    SimOrg(OrgStore store) {
        this.store = store;
    }

    // ---------------------------------------------------------------- reads

    /** {@return every user, DEPROVISIONED included, in id order} */
    public Stream<ObjectNode> users() {
        return store.allUsers().map(ObjectNode::deepCopy);
    }

    /** {@return every group (BUILT_IN Everyone included), in id order} */
    public Stream<ObjectNode> groups() {
        return store.allGroups().map(g -> g.json().deepCopy());
    }

    /** {@return every app, in id order} */
    public Stream<ObjectNode> apps() {
        return store.allApps().map(a -> a.json().deepCopy());
    }

    /**
     * The ids of a group's members, in id order (empty for an unknown group).
     *
     * @param groupId the group's id
     * @return the member ids
     */
    public Stream<String> groupMemberIds(String groupId) {
        OrgStore.GroupRec g = store.group(Objects.requireNonNull(groupId, "groupId"));
        if (g == null) {
            return Stream.empty();
        }
        // paged internally so a huge group is never materialised
        return Stream.iterate(store.members(g, -1, 1000), l -> !l.isEmpty(),
                        l -> store.members(g, l.get(l.size() - 1), 1000))
                .flatMap(java.util.List::stream)
                .map(i -> store.ids().user(i));
    }

    /**
     * An app's group assignments ({@code id} = group id, {@code priority}, {@code profile}), by group id.
     *
     * @param appId the app's id
     * @return the assignments
     */
    public Stream<ObjectNode> appGroupAssignments(String appId) {
        OrgStore.AppRec a = store.app(Objects.requireNonNull(appId, "appId"));
        if (a == null) {
            return Stream.empty();
        }
        return a.assignments().values().stream().map(ObjectNode::deepCopy);
    }

    /**
     * A user by id or login (login case-insensitive).
     *
     * @param idOrLogin an id or a login
     * @return a copy of the user, if there is one
     */
    public Optional<ObjectNode> user(String idOrLogin) {
        long i = store.findUser(Objects.requireNonNull(idOrLogin, "idOrLogin"));
        return i < 0 ? Optional.empty() : Optional.ofNullable(store.user(i)).map(ObjectNode::deepCopy);
    }

    /**
     * @param id a group id
     * @return a copy of the group, if there is one
     */
    public Optional<ObjectNode> group(String id) {
        OrgStore.GroupRec g = store.group(Objects.requireNonNull(id, "id"));
        return g == null ? Optional.empty() : Optional.of(g.json().deepCopy());
    }

    /**
     * @param id an app id
     * @return a copy of the app, if there is one
     */
    public Optional<ObjectNode> app(String id) {
        OrgStore.AppRec a = store.app(Objects.requireNonNull(id, "id"));
        return a == null ? Optional.empty() : Optional.of(a.json().deepCopy());
    }

    /** {@return the user profile schema as {@code GET /api/v1/meta/schemas/user/default} serves it (minus _links)} */
    public ObjectNode userSchema() {
        return store.userSchema().deepCopy();
    }

    /** {@return the group profile schema (minus _links)} */
    public ObjectNode groupSchema() {
        return store.groupSchema().deepCopy();
    }

    /**
     * @return the number of users, DEPROVISIONED included
     */
    public long userCount() {
        return store.userCount();
    }

    /**
     * @return the number of groups
     */
    public long groupCount() {
        return store.groupCount();
    }

    /**
     * @return the number of apps
     */
    public long appCount() {
        return store.appCount();
    }

    /**
     * Whether a user is a member of a group.
     *
     * @param groupId the group's id
     * @param userId  the user's id or login
     * @return whether it is a member
     */
    public boolean isMember(String groupId, String userId) {
        OrgStore.GroupRec g = store.group(groupId);
        long u = store.findUser(userId);
        return g != null && u >= 0 && store.isMember(g, u);
    }

    /**
     * A group's member count (what {@code expand=stats} reports as usersCount).
     *
     * @param groupId the group's id
     * @return the member count
     */
    public long memberCount(String groupId) {
        OrgStore.GroupRec g = store.group(groupId);
        return g == null ? 0 : store.memberCount(g);
    }

    /**
     * Whether this is the user's password: the last one set over the wire (on create, by an update, or Okta's
     * temporary password from {@code expire_password_with_temp_password}). The simulator keeps only a salted hash.
     *
     * @param idOrLogin the user
     * @param candidate the password to compare
     * @return {@code false} also when the user is unknown or no password was set over the wire
     */
    public boolean passwordMatches(String idOrLogin, String candidate) {
        Objects.requireNonNull(candidate, "candidate");
        long i = store.findUser(Objects.requireNonNull(idOrLogin, "idOrLogin"));
        return i >= 0 && store.passwordMatches(i, candidate);
    }

    /** {@return the password policy in force (see {@link OktaSimulator.Builder#passwordPolicy})} */
    public PasswordPolicy passwordPolicy() {
        return store.passwordPolicy();
    }

    /**
     * Replaces the password policy; passwords set from now on are checked against it.
     *
     * @param policy the policy, never {@code null}
     */
    public void setPasswordPolicy(PasswordPolicy policy) {
        store.passwordPolicy(Objects.requireNonNull(policy, "policy"));
    }

    // ---------------------------------------------------------------- mutators for test setup

    /**
     * Creates a user with this profile and status, bypassing Okta's rules (the profile must have a
     * {@code login}). Returns the stored user.
     *
     * @param profile the profile, with a {@code login}
     * @param status  the status, e.g. {@code ACTIVE}
     * @return a copy of the stored user
     * @throws IllegalArgumentException when the login is missing or taken
     */
    public ObjectNode createUser(ObjectNode profile, String status) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        String login = profile.path("login").asText(null);
        if (login == null) {
            throw new IllegalArgumentException("profile.login is required");
        }
        synchronized (store.lock()) {
            if (store.userIndexByLogin(login) >= 0) {
                throw new IllegalArgumentException("login already exists: " + login);
            }
            String now = store.now();
            ObjectNode u = Json.object();
            u.put("id", "");
            u.put("status", status);
            u.put("created", now);
            if (status.equals("STAGED")) {
                u.putNull("activated");
                u.putNull("statusChanged");
            } else {
                u.put("activated", now);
                u.put("statusChanged", now);
            }
            u.putNull("lastLogin");
            u.put("lastUpdated", now);
            u.putNull("passwordChanged");
            u.putObject("type").put("id", store.ids().userType());
            u.set("profile", profile.deepCopy());
            u.putObject("credentials").putObject("provider").put("type", "OKTA").put("name", "OKTA");
            store.insertUser(u);
            return u.deepCopy();
        }
    }

    /**
     * Sets a user's status directly (no lifecycle rules), updating statusChanged and lastUpdated.
     *
     * @param idOrLogin the user's id or login
     * @param status    the new status, e.g. {@code SUSPENDED}
     */
    public void setUserStatus(String idOrLogin, String status) {
        Objects.requireNonNull(status, "status");
        synchronized (store.lock()) {
            long i = requireUser(idOrLogin);
            ObjectNode u = store.user(i).deepCopy();
            String now = store.now();
            u.put("status", status);
            u.put("statusChanged", now);
            u.put("lastUpdated", now);
            store.replaceUser(i, u);
        }
    }

    /**
     * Replaces a user's profile attribute (a JSON null value stores an explicit null).
     *
     * @param idOrLogin the user's id or login
     * @param attribute the profile attribute
     * @param value     its new value
     */
    public void setUserAttribute(String idOrLogin, String attribute, JsonNode value) {
        Objects.requireNonNull(attribute, "attribute");
        synchronized (store.lock()) {
            long i = requireUser(idOrLogin);
            ObjectNode u = store.user(i).deepCopy();
            ((ObjectNode) u.get("profile")).set(attribute, value == null ? Json.F.nullNode() : value.deepCopy());
            u.put("lastUpdated", store.now());
            store.replaceUser(i, u);
        }
    }

    /**
     * Deletes a user for good (and from every group).
     *
     * @param idOrLogin the user's id or login
     */
    public void deleteUser(String idOrLogin) {
        synchronized (store.lock()) {
            store.deleteUser(requireUser(idOrLogin));
        }
    }

    /**
     * Creates an OKTA_GROUP with this profile (needs {@code name}); returns the stored group.
     *
     * @param profile the profile, with a {@code name}
     * @return a copy of the stored group
     */
    public ObjectNode createGroup(ObjectNode profile) {
        Objects.requireNonNull(profile, "profile");
        synchronized (store.lock()) {
            String now = store.now();
            ObjectNode g = Json.object();
            g.put("id", "");
            g.put("created", now);
            g.put("lastUpdated", now);
            g.put("lastMembershipUpdated", now);
            g.putArray("objectClass").add("okta:user_group");
            g.put("type", "OKTA_GROUP");
            g.set("profile", profile.deepCopy());
            store.insertGroup(g);
            return g.deepCopy();
        }
    }

    /**
     * Adds a member to any group type; false when already a member.
     *
     * @param groupId the group's id
     * @param userId  the user's id or login
     * @return whether it was added
     */
    public boolean addMember(String groupId, String userId) {
        synchronized (store.lock()) {
            return store.addMember(requireGroup(groupId), requireUser(userId));
        }
    }

    /**
     * Removes a member from any group type; false when not a member.
     *
     * @param groupId the group's id
     * @param userId  the user's id or login
     * @return whether it was removed
     */
    public boolean removeMember(String groupId, String userId) {
        synchronized (store.lock()) {
            return store.removeMember(requireGroup(groupId), requireUser(userId));
        }
    }

    /**
     * Assigns a group to an app with a priority (replacing an existing assignment).
     *
     * @param appId    the app's id
     * @param groupId  the group's id
     * @param priority the assignment's priority
     */
    public void assignGroup(String appId, String groupId, int priority) {
        synchronized (store.lock()) {
            OrgStore.AppRec a = store.app(appId);
            if (a == null) {
                throw new IllegalArgumentException("no such app: " + appId);
            }
            OrgStore.GroupRec g = requireGroup(groupId);
            a.assignments().put(g.id(), OrgStore.assignment(g.id(), priority, store.now()));
        }
    }

    /**
     * Sets an app's status (ACTIVE or INACTIVE) directly.
     *
     * @param appId  the app's id
     * @param status {@code ACTIVE} or {@code INACTIVE}
     */
    public void setAppStatus(String appId, String status) {
        synchronized (store.lock()) {
            OrgStore.AppRec a = store.app(appId);
            if (a == null) {
                throw new IllegalArgumentException("no such app: " + appId);
            }
            ObjectNode n = a.json().deepCopy();
            n.put("status", status);
            n.put("lastUpdated", store.now());
            store.replaceApp(a, n);
        }
    }

    private long requireUser(String idOrLogin) {
        long i = store.findUser(Objects.requireNonNull(idOrLogin, "idOrLogin"));
        if (i < 0) {
            throw new IllegalArgumentException("no such user: " + idOrLogin);
        }
        return i;
    }

    private OrgStore.GroupRec requireGroup(String id) {
        OrgStore.GroupRec g = store.group(Objects.requireNonNull(id, "groupId"));
        if (g == null) {
            throw new IllegalArgumentException("no such group: " + id);
        }
        return g;
    }
}
