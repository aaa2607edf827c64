package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.LinkChange;

import java.util.List;
import java.util.Objects;

/**
 * One step of an order's plan, in Okta's terms. Sealed, so the executor's dispatch covers every case. Bodies are
 * {@link JsonBody}s, so a step prints with its secrets masked. An id equal to {@link #NEW_ID} means "the object this
 * order creates", known once its create step ran.
 */
public sealed interface Operation {
    /** Stands for the id of the object created by the same order. */
    String NEW_ID = "{new}";

    /** @return a short description for messages and logs, secrets masked */
    String describe();

    /**
     * {@code POST /api/v1/users?activate=…}.
     *
     * @param login    the new user's login, to find it again when the outcome is unknown
     * @param body     {@code profile}, optional {@code credentials}, {@code groupIds}, {@code type}
     * @param activate the {@code activate} query parameter
     */
    record CreateUser(String login, JsonBody body, boolean activate) implements Operation {
        public CreateUser {
            Objects.requireNonNull(login, "login == null");
            Objects.requireNonNull(body, "body == null");
        }

        @Override
        public String describe() {
            return "create user " + login;
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
    }

    /**
     * Deactivate, and with {@link FulfillOptions.UserDeletion#DELETE} delete.
     *
     * @param userId the user
     * @param mode   how far to go
     */
    record DeleteUser(String userId, FulfillOptions.UserDeletion mode) implements Operation {
        public DeleteUser {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(mode, "mode == null");
        }

        @Override
        public String describe() {
            return (mode == FulfillOptions.UserDeletion.DELETE ? "delete user " : "deactivate user ") + userId;
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
            return (op == LinkChange.Operation.ADD ? "assign groups " : "unassign groups ")
                    + String.join(", ", groupIds) + (op == LinkChange.Operation.ADD ? " to app " : " from app ") + appId;
        }
    }
}
