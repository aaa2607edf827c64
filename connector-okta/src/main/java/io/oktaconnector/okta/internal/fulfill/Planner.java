package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.UserDeleteMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one order into its {@link OrderPlan}: resolves the entity kind and the attribute paths, checks value types,
 * and orders the steps. Needs no network: what depends on Okta's current state (a user's status, existing links) is
 * decided when the steps run. Immutable and thread-safe.
 */
public final class Planner {
    private static final Set<String> USER_READ_ONLY = lower("id", "created", "activated", "statusChanged",
            "lastLogin", "lastUpdated", "passwordChanged", "transitioningToStatus", "realmId", "_links", "_embedded");
    private static final Set<String> GROUP_READ_ONLY = lower("id", "created", "lastUpdated", "lastMembershipUpdated",
            "type", "objectClass", "_links", "_embedded");
    private static final Set<String> APP_READ_ONLY = lower("id", "created", "lastUpdated", "orn", "_links",
            "_embedded");
    private static final List<String> APP_TOP = List.of("name", "label", "signOnMode", "features");
    private static final List<String> APP_PREFIXES = List.of("settings.", "accessibility.", "visibility.",
            "credentials.", "profile.", "licensing.", "universalLogout.");

    /** The order key that asks for a password reset ({@code "PasswordReset": true}), any letter case. */
    static final String PASSWORD_RESET = "PasswordReset";

    private final EntityResolver resolver;
    private final FulfillSettings settings;
    private final UserDeleteMode userDeleteMode;
    private final Passwords passwords;

    /**
     * @param resolver       entity types and property identifiers
     * @param settings       the connection's fulfill settings
     * @param userDeleteMode what a {@code Deleted} user order does
     * @param passwords      the password the connector sets when an order needs one it does not give
     */
    public Planner(EntityResolver resolver, FulfillSettings settings, UserDeleteMode userDeleteMode,
                   Passwords passwords) {
        this.resolver = Objects.requireNonNull(resolver, "resolver == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.userDeleteMode = Objects.requireNonNull(userDeleteMode, "userDeleteMode == null");
        this.passwords = Objects.requireNonNull(passwords, "passwords == null");
    }

    /**
     * @param order the order
     * @return its plan
     * @throws ConnectorException {@link ErrorCode#INVALID_ORDER} naming what is wrong with the order
     */
    public OrderPlan plan(ProvisioningOrder order) {
        OktaKind kind = resolver.kindOf(order.entityType()).orElseThrow(() -> invalid("unknown entity type \""
                + order.entityType() + "\" (expected User, Group, Application or an entity type of the mapping)"));
        Draft d = new Draft(order, kind);
        OrderChange change = order.change();
        if (change instanceof OrderChange.Deleted del) {
            d.resourceId = del.resourceId();
            d.ops.add(switch (kind) {
                case USER -> new Operation.DeleteUser(del.resourceId(), userDeleteMode);
                case GROUP -> new Operation.DeleteGroup(del.resourceId());
                case APP -> new Operation.DeleteApp(del.resourceId());
            });
        } else if (change instanceof OrderChange.Added add) {
            classify(d, add.attributes(), add.links());
            switch (kind) {
                case USER -> addUser(d);
                case GROUP -> addGroup(d);
                case APP -> addApp(d);
            }
        } else {
            OrderChange.Modified mod = (OrderChange.Modified) change;
            d.resourceId = mod.resourceId();
            classify(d, mod.attributes(), mod.links());
            switch (kind) {
                case USER -> modifyUser(d);
                case GROUP -> modifyGroup(d);
                case APP -> modifyApp(d);
            }
        }
        if (!d.ignored.isEmpty()) {
            d.notes.add("ignored read-only " + (d.ignored.size() == 1 ? "attribute " : "attributes ")
                    + String.join(", ", d.ignored));
        }
        return new OrderPlan(order, kind, d.resourceId, d.ops, d.notes);
    }

    /** The order's content sorted into Okta's parts while its plan is built. */
    private static final class Draft {
        final ProvisioningOrder order;
        final OktaKind kind;
        String resourceId;
        final ObjectNode profile = Json.object();
        final ObjectNode credentials = Json.object();
        final ObjectNode app = Json.object(); // dotted paths → values
        String typeId;
        UserLifecycle.Status userStatus;
        boolean passwordReset;
        Boolean appActive;
        final List<LinkChange> links = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
        final List<Operation> ops = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Draft(ProvisioningOrder order, OktaKind kind) {
            this.order = order;
            this.kind = kind;
        }
    }

    private void classify(Draft d, Map<String, AttributeValue> attributes, List<LinkChange> links) {
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            String path = resolver.pathOf(d.order.entityType(), e.getKey());
            switch (d.kind) {
                case USER -> userAttribute(d, e.getKey(), path, e.getValue());
                case GROUP -> groupAttribute(d, e.getKey(), path, e.getValue());
                case APP -> appAttribute(d, e.getKey(), path, e.getValue());
            }
        }
        for (LinkChange link : links) {
            String navigation = d.kind.navigation(link.navigation()).orElseThrow(() -> invalid("unknown navigation \""
                    + link.navigation() + "\": a " + d.kind.label() + " has " + String.join(", ", d.kind.navigations())));
            for (String id : link.targetIds()) {
                if (id == null || id.isBlank()) {
                    throw invalid(navigation + "_" + link.operation().name().toLowerCase(Locale.ROOT)
                            + " holds an empty id");
                }
            }
            if (!link.targetIds().isEmpty()) {
                d.links.add(new LinkChange(navigation, link.operation(), link.targetIds()));
            }
        }
    }

    private static String shown(String key, String path) {
        return key.equals(path) ? key : key + " (" + path + ")";
    }

    private void userAttribute(Draft d, String key, String path, AttributeValue value) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.equals("status")) {
            d.userStatus = UserLifecycle.Status.parse(text(key, value)).orElseThrow(() -> invalid(shown(key, path)
                    + " must be a user status (ACTIVE, STAGED, SUSPENDED, DEPROVISIONED, …), not \""
                    + text(key, value) + "\""));
        } else if (lower.equals(PASSWORD_RESET.toLowerCase(Locale.ROOT))) {
            d.passwordReset = flag(key, value);
        } else if (lower.equals("password") || lower.equals("credentials.password.value")) {
            if (!(value instanceof AttributeValue.Text t) || t.value().isEmpty()) {
                throw invalid(shown(key, path) + " must be a non-empty string (a password cannot be cleared)");
            }
            Json.setPath(d.credentials, "password.value", Json.of(value));
        } else if (lower.startsWith("credentials.")) {
            Json.setPath(d.credentials, path.substring("credentials.".length()), Json.of(value));
        } else if (lower.startsWith("profile.")) {
            d.profile.set(profileName(key, path), Json.of(value));
        } else if (lower.equals("type.id")) {
            d.typeId = text(key, value);
        } else if (USER_READ_ONLY.contains(lower)) {
            d.ignored.add(key);
        } else {
            throw unknown(d, key, path, "profile.city");
        }
    }

    private void groupAttribute(Draft d, String key, String path, AttributeValue value) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("profile.")) {
            d.profile.set(profileName(key, path), Json.of(value));
        } else if (GROUP_READ_ONLY.contains(lower)) {
            d.ignored.add(key);
        } else {
            throw unknown(d, key, path, "profile.description");
        }
    }

    private void appAttribute(Draft d, String key, String path, AttributeValue value) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.equals("status")) {
            String status = text(key, value).trim().toUpperCase(Locale.ROOT);
            if (!status.equals("ACTIVE") && !status.equals("INACTIVE")) {
                throw invalid(shown(key, path) + " must be ACTIVE or INACTIVE for an application, not \""
                        + text(key, value) + "\"");
            }
            d.appActive = status.equals("ACTIVE");
        } else if (APP_TOP.stream().anyMatch(t -> t.equalsIgnoreCase(path))) {
            String top = APP_TOP.stream().filter(t -> t.equalsIgnoreCase(path)).findFirst().orElseThrow();
            d.app.set(top, Json.of(value));
        } else if (APP_PREFIXES.stream().anyMatch(lower::startsWith) && !path.endsWith(".")) {
            d.app.set(path, Json.of(value));
        } else if (APP_READ_ONLY.contains(lower)) {
            d.ignored.add(key);
        } else {
            throw unknown(d, key, path, "label or settings.app.url");
        }
    }

    private static String profileName(String key, String path) {
        String name = path.substring("profile.".length());
        if (name.isEmpty() || name.contains(".")) {
            throw invalid(shown(key, path) + " is not a profile attribute: Okta profiles are flat (profile.<name>)");
        }
        return name;
    }

    private static boolean flag(String key, AttributeValue value) {
        if (value instanceof AttributeValue.Bool b) {
            return b.value();
        }
        if (value instanceof AttributeValue.Text t && (t.value().strip().equalsIgnoreCase("true")
                || t.value().strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(t.value().strip());
        }
        throw invalid(key + " must be true or false");
    }

    private static String text(String key, AttributeValue value) {
        if (value instanceof AttributeValue.Text t) {
            return t.value();
        }
        throw invalid(key + " must be a string");
    }

    private static ConnectorException unknown(Draft d, String key, String path, String example) {
        return invalid("unknown attribute \"" + shown(key, path) + "\" for a " + d.kind.label()
                + ": use an Okta path such as " + example + " or a property identifier of the mapping");
    }

    static ConnectorException invalid(String message) {
        return new ConnectorException(ErrorCode.INVALID_ORDER, message);
    }

    // ---- users

    private void addUser(Draft d) {
        JsonNode login = d.profile.get("login");
        if (login == null || !login.isTextual() || login.asText().isBlank()) {
            throw invalid("an Added user needs profile.login");
        }
        UserLifecycle.Status target = d.userStatus;
        boolean activate = target == null ? settings.activateOnCreate() : target != UserLifecycle.Status.STAGED;
        boolean activeLike = target == null || target == UserLifecycle.Status.ACTIVE
                || target == UserLifecycle.Status.PROVISIONED;
        // Okta e-mails an activation link when it activates on create; without that setting we create STAGED and
        // activate with sendEmail=false, which is the only way to keep Okta silent
        boolean activateOnCreate = activate && activeLike && settings.sendActivationEmail();
        boolean given = d.credentials.path("password").has("value") || d.credentials.path("password").has("hash");
        // an order that gives no password gets the connection's (generated or default); OktaEmail sets none and
        // leaves the user to Okta's activation flow
        Secret chosen = given ? null : passwords.choose();
        if (chosen != null) {
            Json.setPath(d.credentials, "password.value", TextNode.valueOf(chosen.reveal()));
        }
        ObjectNode body = Json.object();
        body.set("profile", d.profile);
        if (!d.credentials.isEmpty()) {
            body.set("credentials", d.credentials);
        }
        if (d.typeId != null) {
            body.putObject("type").put("id", d.typeId);
        }
        List<String> groupIds = new ArrayList<>();
        for (LinkChange link : d.links) {
            if (link.operation() == LinkChange.Operation.ADD) {
                link.targetIds().stream().filter(id -> !groupIds.contains(id)).forEach(groupIds::add);
            } else {
                d.notes.add("ignored Groups_remove: a new user is in no group");
            }
        }
        if (!groupIds.isEmpty()) {
            ArrayNode ids = body.putArray("groupIds");
            groupIds.forEach(ids::add);
        }
        d.ops.add(new Operation.CreateUser(login.asText(), JsonBody.of(body), activateOnCreate, chosen != null));
        if (activate && !activateOnCreate) {
            d.ops.add(new Operation.SetUserStatus(Operation.NEW_ID, target == null ? UserLifecycle.Status.ACTIVE : target));
        }
        if (chosen != null || (given && d.passwordReset)) {
            boolean mustChange = passwords.settings().mustChange();
            if (mustChange && activate && activeLike) {
                // expire_password after activation: nextLogin=changePassword would need activate=true on create,
                // which makes Okta e-mail the user (see sendActivationEmail), and works only on the create call
                d.ops.add(new Operation.ExpirePassword(Operation.NEW_ID));
            } else if (mustChange) {
                d.notes.add("password not expired: Okta expires the passwords of active users only (the user is "
                        + (target == null ? UserLifecycle.Status.STAGED : target) + ")");
            }
        }
        if (chosen != null) {
            d.ops.add(new Operation.DeliverPassword(Operation.NEW_ID, chosen));
        }
    }

    private void modifyUser(Draft d) {
        String id = d.resourceId;
        if (d.typeId != null) {
            throw invalid("type.id cannot change in a Modified order (Okta changes a user's type only with a full"
                    + " replace)");
        }
        UserLifecycle.Status target = d.userStatus;
        boolean statusFirst = target == UserLifecycle.Status.ACTIVE || target == UserLifecycle.Status.PROVISIONED;
        if (target != null && statusFirst) {
            // a DEPROVISIONED or SUSPENDED user is reactivated before its profile changes
            d.ops.add(new Operation.SetUserStatus(id, target));
        }
        boolean given = d.credentials.path("password").has("value") || d.credentials.path("password").has("hash");
        Secret chosen = null;
        boolean emailReset = false;
        if (d.passwordReset && !given) {
            chosen = passwords.choose();
            if (chosen == null) {
                emailReset = true;
            } else {
                Json.setPath(d.credentials, "password.value", TextNode.valueOf(chosen.reveal()));
            }
        }
        if (!d.profile.isEmpty() || !d.credentials.isEmpty()) {
            ObjectNode body = Json.object();
            if (!d.profile.isEmpty()) {
                body.set("profile", d.profile);
            }
            if (!d.credentials.isEmpty()) {
                body.set("credentials", d.credentials);
            }
            d.ops.add(new Operation.UpdateUser(id, JsonBody.of(body)));
        }
        if (emailReset) {
            d.ops.add(new Operation.ResetPasswordByEmail(id));
        } else if (d.passwordReset && passwords.settings().mustChange()) {
            d.ops.add(new Operation.ExpirePassword(id));
        }
        if (chosen != null) {
            d.ops.add(new Operation.DeliverPassword(id, chosen));
        }
        for (LinkChange link : d.links) {
            d.ops.add(new Operation.UserGroupLinks(id, link.operation(), link.targetIds()));
        }
        if (target != null && !statusFirst) {
            d.ops.add(new Operation.SetUserStatus(id, target));
        }
        if (d.ops.isEmpty()) {
            d.notes.add("nothing to change");
        }
    }

    // ---- groups

    private void addGroup(Draft d) {
        JsonNode name = d.profile.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw invalid("an Added group needs profile.name");
        }
        ObjectNode body = Json.object();
        body.set("profile", d.profile);
        d.ops.add(new Operation.CreateGroup(name.asText(), JsonBody.of(body)));
        groupLinks(d, Operation.NEW_ID, true);
    }

    private void modifyGroup(Draft d) {
        if (!d.profile.isEmpty()) {
            d.ops.add(new Operation.UpdateGroupProfile(d.resourceId, JsonBody.of(d.profile)));
        }
        groupLinks(d, d.resourceId, false);
        if (d.ops.isEmpty()) {
            d.notes.add("nothing to change");
        }
    }

    private static void groupLinks(Draft d, String groupId, boolean added) {
        for (LinkChange link : d.links) {
            if (added && link.operation() == LinkChange.Operation.REMOVE) {
                d.notes.add("ignored " + link.navigation() + "_remove: a new group has no links");
                continue;
            }
            d.ops.add(link.navigation().equals("Users")
                    ? new Operation.GroupUserLinks(groupId, link.operation(), link.targetIds())
                    : new Operation.GroupAppLinks(groupId, link.operation(), link.targetIds()));
        }
    }

    // ---- applications

    private void addApp(Draft d) {
        JsonNode label = d.app.get("label");
        if (label == null || !label.isTextual() || label.asText().isBlank()) {
            throw invalid("an Added application needs a label");
        }
        if (!d.app.has("signOnMode") && !d.app.has("name")) {
            throw invalid("an Added application needs a signOnMode (e.g. BOOKMARK, AUTO_LOGIN) or the name of an"
                    + " Okta catalog app (e.g. bookmark)");
        }
        ObjectNode body = Json.object();
        d.app.fields().forEachRemaining(e -> Json.setPath(body, e.getKey(), e.getValue()));
        d.ops.add(new Operation.CreateApp(label.asText(), JsonBody.of(body), d.appActive == null || d.appActive));
        for (LinkChange link : d.links) {
            if (link.operation() == LinkChange.Operation.REMOVE) {
                d.notes.add("ignored Groups_remove: a new application has no groups");
            } else {
                d.ops.add(new Operation.AppGroupLinks(Operation.NEW_ID, link.operation(), link.targetIds()));
            }
        }
    }

    private void modifyApp(Draft d) {
        if (!d.app.isEmpty()) {
            d.ops.add(new Operation.UpdateApp(d.resourceId, JsonBody.of(d.app)));
        }
        for (LinkChange link : d.links) {
            d.ops.add(new Operation.AppGroupLinks(d.resourceId, link.operation(), link.targetIds()));
        }
        if (d.appActive != null) {
            d.ops.add(new Operation.SetAppStatus(d.resourceId, d.appActive));
        }
        if (d.ops.isEmpty()) {
            d.notes.add("nothing to change");
        }
    }

    private static Set<String> lower(String... names) {
        Set<String> set = new TreeSet<>();
        for (String n : names) {
            set.add(n.toLowerCase(Locale.ROOT));
        }
        return set;
    }
}
