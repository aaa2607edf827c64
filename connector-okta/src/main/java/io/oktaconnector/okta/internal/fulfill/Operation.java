package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.LinkChange;
import io.oktaconnector.okta.UserDeleteMode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an order's plan, in Okta's terms. Each step hands itself to the {@link Visitor} method of its kind, so
 * adding a kind of step without a way to run it does not compile. Bodies are {@link JsonBody}s, so a step prints with
 * its secrets masked. An id equal to {@link #NEW_ID} means "the object this order creates", known once its create
 * step ran.
 */
public sealed interface Operation {
    /** Stands for the id of the object created by the same order. */
    String NEW_ID = "{new}";

    /** @return a short description for messages and logs, secrets masked */
    String describe();

    /**
     * Hands this step to the visitor's method for its kind.
     *
     * @param visitor runs (or otherwise handles) the step
     */
    void accept(Visitor visitor);

    /**
     * @return the group links this step changes (memberships and app assignments), in the order it changes them;
     *         none for a step that changes no link
     */
    default List<Link> links() {
        return List.of();
    }

    /**
     * @return for a create, what names the new object before Okta gives it an id (a login, a name, a label); empty
     *         for any other step
     */
    default Optional<String> naturalKey() {
        return Optional.empty();
    }

    /** One method per kind of step: an implementation handles every kind, checked by the compiler. */
    interface Visitor {
        void createUser(CreateUser op);

        void updateUser(UpdateUser op);

        void setUserStatus(SetUserStatus op);

        void expirePassword(ExpirePassword op);

        void resetPasswordByEmail(ResetPasswordByEmail op);

        void deliverPassword(DeliverPassword op);

        void deleteUser(DeleteUser op);

        void userGroupLinks(UserGroupLinks op);

        void createGroup(CreateGroup op);

        void updateGroupProfile(UpdateGroupProfile op);

        void deleteGroup(DeleteGroup op);

        void groupUserLinks(GroupUserLinks op);

        void groupAppLinks(GroupAppLinks op);

        void createApp(CreateApp op);

        void updateApp(UpdateApp op);

        void setAppStatus(SetAppStatus op);

        void deleteApp(DeleteApp op);

        void appGroupLinks(AppGroupLinks op);
    }

    /** What a link joins a group to. */
    enum LinkKind {
        /** a user: a group membership */
        MEMBER,
        /** an application: an app assignment */
        ASSIGNMENT
    }

    /**
     * One group link a step changes.
     *
     * @param kind    membership or assignment
     * @param groupId the group, or {@link #NEW_ID}
     * @param otherId the user or app, or {@link #NEW_ID}
     */
    record Link(LinkKind kind, String groupId, String otherId) {
        public Link {
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(groupId, "groupId == null");
            Objects.requireNonNull(otherId, "otherId == null");
        }

        /** @return whether one side is the object the order creates (no other order can name this link) */
        public boolean namesNewObject() {
            return NEW_ID.equals(groupId) || NEW_ID.equals(otherId);
        }
    }

    /**
     * {@code POST /api/v1/users?activate=…}.
     *
     * @param login          the new user's login, to find it again when the outcome is unknown
     * @param body           {@code profile}, optional {@code credentials}, {@code groupIds}, {@code type}
     * @param activate       the {@code activate} query parameter
     * @param passwordChosen the password in {@code body} was chosen by the connector (not given by the order), and
     *                       a later step of the plan delivers it
     */
    record CreateUser(String login, JsonBody body, boolean activate, boolean passwordChosen) implements Operation {
        public CreateUser {
            Objects.requireNonNull(login, "login == null");
            Objects.requireNonNull(body, "body == null");
        }

        @Override
        public String describe() {
            return "create user " + login;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.createUser(this);
        }

        @Override
        public Optional<String> naturalKey() {
            return Optional.of(login);
        }
    }

    /**
     * {@code POST /api/v1/users/{id}}: a partial update; a {@code null} clears an attribute.
     *
     * @param userId the user
     * @param body   {@code profile} and/or {@code credentials}
     */
    record UpdateUser(String userId, JsonBody body) implements Operation {
        public UpdateUser {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(body, "body == null");
        }

        @Override
        public String describe() {
            return "update user " + userId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.updateUser(this);
        }
    }

    /**
     * Lifecycle calls from the user's current status (read when the step runs) to {@code target}.
     *
     * @param userId the user
     * @param target the requested status
     */
    record SetUserStatus(String userId, UserLifecycle.Status target) implements Operation {
        public SetUserStatus {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(target, "target == null");
        }

        @Override
        public String describe() {
            return "set the status of user " + userId + " to " + target;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.setUserStatus(this);
        }
    }

    /**
     * {@code POST /api/v1/users/{id}/lifecycle/expire_password}: Okta asks for a new password at the next sign-in.
     * Skipped with a note when the user is not in a status whose password Okta expires (STAGED, PROVISIONED, …).
     *
     * @param userId the user
     */
    record ExpirePassword(String userId) implements Operation {
        public ExpirePassword {
            Objects.requireNonNull(userId, "userId == null");
        }

        @Override
        public String describe() {
            return "expire the password of user " + userId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.expirePassword(this);
        }
    }

    /**
     * {@code POST /api/v1/users/{id}/lifecycle/reset_password?sendEmail=true}: Okta e-mails the user a reset link
     * (the user is in RECOVERY until it is used); the connector never sees a password.
     *
     * @param userId the user
     */
    record ResetPasswordByEmail(String userId) implements Operation {
        public ResetPasswordByEmail {
            Objects.requireNonNull(userId, "userId == null");
        }

        @Override
        public String describe() {
            return "have Okta e-mail a password reset link to user " + userId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.resetPasswordByEmail(this);
        }
    }

    /**
     * Hands a password the connector set to the host's {@link io.oktaconnector.okta.PasswordNotifier} (not in a dry
     * run, nor when notifications are off). Sends nothing to Okta.
     *
     * @param userId   the user
     * @param password the password set; {@code toString()} hides it
     */
    record DeliverPassword(String userId, io.oktaconnector.api.Secret password) implements Operation {
        public DeliverPassword {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(password, "password == null");
        }

        @Override
        public String describe() {
            return "deliver the password of user " + userId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.deliverPassword(this);
        }
    }

    /**
     * Deactivate, and with {@link UserDeleteMode#DEACTIVATE_AND_DELETE} delete.
     *
     * @param userId the user
     * @param mode   how far to go
     */
    record DeleteUser(String userId, UserDeleteMode mode) implements Operation {
        public DeleteUser {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(mode, "mode == null");
        }

        @Override
        public String describe() {
            return (mode == UserDeleteMode.DEACTIVATE_AND_DELETE ? "delete user " : "deactivate user ") + userId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.deleteUser(this);
        }
    }

    /**
     * Group memberships of one user: {@code PUT|DELETE /api/v1/groups/{groupId}/users/{userId}}.
     *
     * @param userId   the user
     * @param op       add or remove
     * @param groupIds the groups
     */
    record UserGroupLinks(String userId, LinkChange.Operation op, List<String> groupIds) implements Operation {
        public UserGroupLinks {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(op, "op == null");
            groupIds = List.copyOf(groupIds);
        }

        @Override
        public String describe() {
            return (op == LinkChange.Operation.ADD ? "add user " + userId + " to groups " : "remove user " + userId
                    + " from groups ") + String.join(", ", groupIds);
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.userGroupLinks(this);
        }

        @Override
        public List<Link> links() {
            return groupIds.stream().map(id -> new Link(LinkKind.MEMBER, id, userId)).toList();
        }
    }

    /**
     * {@code POST /api/v1/groups}.
     *
     * @param name the new group's name, to find it again when the outcome is unknown
     * @param body {@code {"profile": …}}
     */
    record CreateGroup(String name, JsonBody body) implements Operation {
        public CreateGroup {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(body, "body == null");
        }

        @Override
        public String describe() {
            return "create group " + name;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.createGroup(this);
        }

        @Override
        public Optional<String> naturalKey() {
            return Optional.of(name);
        }
    }

    /**
     * Read the group, merge the changes into its profile, {@code PUT} the whole profile back.
     *
     * @param groupId the group
     * @param changes profile attribute → value ({@code null} removes the attribute)
     */
    record UpdateGroupProfile(String groupId, JsonBody changes) implements Operation {
        public UpdateGroupProfile {
            Objects.requireNonNull(groupId, "groupId == null");
            Objects.requireNonNull(changes, "changes == null");
        }

        @Override
        public String describe() {
            return "update the profile of group " + groupId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.updateGroupProfile(this);
        }
    }

    /**
     * {@code DELETE /api/v1/groups/{id}}.
     *
     * @param groupId the group
     */
    record DeleteGroup(String groupId) implements Operation {
        public DeleteGroup {
            Objects.requireNonNull(groupId, "groupId == null");
        }

        @Override
        public String describe() {
            return "delete group " + groupId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.deleteGroup(this);
        }
    }

    /**
     * Members of one group: {@code PUT|DELETE /api/v1/groups/{groupId}/users/{userId}}.
     *
     * @param groupId the group
     * @param op      add or remove
     * @param userIds the users
     */
    record GroupUserLinks(String groupId, LinkChange.Operation op, List<String> userIds) implements Operation {
        public GroupUserLinks {
            Objects.requireNonNull(groupId, "groupId == null");
            Objects.requireNonNull(op, "op == null");
            userIds = List.copyOf(userIds);
        }

        @Override
        public String describe() {
            return (op == LinkChange.Operation.ADD ? "add users " : "remove users ") + String.join(", ", userIds)
                    + (op == LinkChange.Operation.ADD ? " to group " : " from group ") + groupId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.groupUserLinks(this);
        }

        @Override
        public List<Link> links() {
            return userIds.stream().map(id -> new Link(LinkKind.MEMBER, groupId, id)).toList();
        }
    }

    /**
     * Apps assigned to one group: {@code PUT|DELETE /api/v1/apps/{appId}/groups/{groupId}}.
     *
     * @param groupId the group
     * @param op      assign or unassign
     * @param appIds  the apps
     */
    record GroupAppLinks(String groupId, LinkChange.Operation op, List<String> appIds) implements Operation {
        public GroupAppLinks {
            Objects.requireNonNull(groupId, "groupId == null");
            Objects.requireNonNull(op, "op == null");
            appIds = List.copyOf(appIds);
        }

        @Override
        public String describe() {
            return (op == LinkChange.Operation.ADD ? "assign apps " : "unassign apps ") + String.join(", ", appIds)
                    + (op == LinkChange.Operation.ADD ? " to group " : " from group ") + groupId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.groupAppLinks(this);
        }

        @Override
        public List<Link> links() {
            return appIds.stream().map(id -> new Link(LinkKind.ASSIGNMENT, groupId, id)).toList();
        }
    }

    /**
     * {@code POST /api/v1/apps?activate=…}.
     *
     * @param label    the new app's label, to find it again when the outcome is unknown
     * @param body     the app: {@code name}, {@code label}, {@code signOnMode}, {@code settings}, …
     * @param activate the {@code activate} query parameter
     */
    record CreateApp(String label, JsonBody body, boolean activate) implements Operation {
        public CreateApp {
            Objects.requireNonNull(label, "label == null");
            Objects.requireNonNull(body, "body == null");
        }

        @Override
        public String describe() {
            return "create app " + label;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.createApp(this);
        }

        @Override
        public Optional<String> naturalKey() {
            return Optional.of(label);
        }
    }

    /**
     * Read the app, set the changed paths, {@code PUT} the whole app back.
     *
     * @param appId   the app
     * @param changes dotted path → value ({@code null} removes the property)
     */
    record UpdateApp(String appId, JsonBody changes) implements Operation {
        public UpdateApp {
            Objects.requireNonNull(appId, "appId == null");
            Objects.requireNonNull(changes, "changes == null");
        }

        @Override
        public String describe() {
            return "update app " + appId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.updateApp(this);
        }
    }

    /**
     * {@code POST /api/v1/apps/{id}/lifecycle/activate|deactivate} unless already so.
     *
     * @param appId  the app
     * @param active the requested status: {@code true} ACTIVE, {@code false} INACTIVE
     */
    record SetAppStatus(String appId, boolean active) implements Operation {
        public SetAppStatus {
            Objects.requireNonNull(appId, "appId == null");
        }

        @Override
        public String describe() {
            return (active ? "activate app " : "deactivate app ") + appId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.setAppStatus(this);
        }
    }

    /**
     * Deactivate when active, then {@code DELETE /api/v1/apps/{id}}.
     *
     * @param appId the app
     */
    record DeleteApp(String appId) implements Operation {
        public DeleteApp {
            Objects.requireNonNull(appId, "appId == null");
        }

        @Override
        public String describe() {
            return "delete app " + appId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.deleteApp(this);
        }
    }

    /**
     * Groups assigned to one app: {@code PUT|DELETE /api/v1/apps/{appId}/groups/{groupId}}.
     *
     * @param appId    the app
     * @param op       assign or unassign
     * @param groupIds the groups
     */
    record AppGroupLinks(String appId, LinkChange.Operation op, List<String> groupIds) implements Operation {
        public AppGroupLinks {
            Objects.requireNonNull(appId, "appId == null");
            Objects.requireNonNull(op, "op == null");
            groupIds = List.copyOf(groupIds);
        }

        @Override
        public String describe() {
            return (op == LinkChange.Operation.ADD ? "assign groups " : "unassign groups ") + String.join(", ", groupIds)
                    + (op == LinkChange.Operation.ADD ? " to app " : " from app ") + appId;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.appGroupLinks(this);
        }

        @Override
        public List<Link> links() {
            return groupIds.stream().map(id -> new Link(LinkKind.ASSIGNMENT, id, appId)).toList();
        }
    }
}
