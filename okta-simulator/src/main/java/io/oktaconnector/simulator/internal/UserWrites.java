package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** User create/update/delete and the lifecycle operations, with Okta's status rules and error codes. */
final class UserWrites {
    private UserWrites() {
    }

    // ---------------------------------------------------------------- create

    static Reply create(Ctx c) {
        ObjectNode body = c.jsonBody();
        boolean activate = c.flag("activate", true);
        boolean provider = c.flag("provider", false);
        String nextLogin = c.param("nextLogin");
        JsonNode profileIn = body.get("profile");
        if (profileIn == null || !profileIn.isObject()) {
            throw ApiError.validation("profile", "The field cannot be left blank");
        }
        ObjectNode profile = ((ObjectNode) profileIn).deepCopy();
        validateProfile(c.store, profile, true);
        JsonNode credIn = body.path("credentials");
        boolean password = credIn.path("password").has("value") || credIn.path("password").has("hash");
        String passwordValue = credIn.path("password").path("value").isTextual()
                ? credIn.path("password").path("value").asText() : null;
        if (passwordValue != null) {
            c.store.requireAcceptable(passwordValue);
        }
        if (nextLogin != null) {
            if (!nextLogin.equals("changePassword")) {
                throw ApiError.validation("nextLogin", "must be changePassword");
            }
            if (!activate) {
                throw new ApiError(400, "E0000125", "Api validation failed: nextLogin",
                        "nextLogin: Password expiry on create requires activate=true");
            }
            if (!password) {
                throw new ApiError(400, "E0000124", "Api validation failed: nextLogin",
                        "nextLogin: Password expiry on create requires a password");
            }
        }
        String providerType = credIn.path("provider").path("type").asText("OKTA");
        String typeId = body.path("type").path("id").asText(c.store.ids().userType());
        if (!typeId.equals(c.store.ids().userType())) {
            throw ApiError.validation("type", "Invalid user type: " + typeId);
        }
        List<OrgStore.GroupRec> groups = new ArrayList<>();
        JsonNode groupIds = body.get("groupIds");
        if (groupIds != null && !groupIds.isNull()) {
            if (!groupIds.isArray()) {
                throw ApiError.validation("groupIds", "must be an array");
            }
            for (JsonNode g : groupIds) {
                OrgStore.GroupRec rec = c.store.group(g.asText());
                if (rec == null) {
                    throw ApiError.notFound(g.asText(), "UserGroup");
                }
                if (!rec.type().equals("OKTA_GROUP")) {
                    throw ApiError.validation("groupIds", "Only groups of type OKTA_GROUP can be assigned: "
                            + rec.id());
                }
                groups.add(rec);
            }
        }
        String status;
        if (!activate) {
            status = "STAGED";
        } else if (provider || providerType.equals("FEDERATION") || providerType.equals("SOCIAL")) {
            status = "ACTIVE";
        } else if (nextLogin != null) {
            status = "PASSWORD_EXPIRED";
        } else {
            status = password ? "ACTIVE" : "PROVISIONED";
        }
        synchronized (c.store.lock()) {
            String login = profile.get("login").asText();
            if (c.store.userIndexByLogin(login) >= 0) {
                throw duplicateLogin();
            }
            String now = c.store.now();
            boolean staged = status.equals("STAGED");
            ObjectNode u = Json.object();
            u.put("id", "");
            u.put("status", status);
            u.put("created", now);
            putOrNull(u, "activated", staged ? null : now);
            putOrNull(u, "statusChanged", staged ? null : now);
            u.putNull("lastLogin");
            u.put("lastUpdated", now);
            putOrNull(u, "passwordChanged", password ? now : null);
            u.putObject("type").put("id", typeId);
            u.set("profile", profile);
            ObjectNode cred = u.putObject("credentials");
            if (password) {
                cred.putObject("password");
            }
            if (credIn.path("recovery_question").has("question")) {
                cred.putObject("recovery_question").put("question",
                        credIn.path("recovery_question").path("question").asText());
            }
            ObjectNode prov = cred.putObject("provider");
            prov.put("type", providerType);
            prov.put("name", credIn.path("provider").path("name").asText(providerType));
            long i = c.store.insertUser(u);
            if (passwordValue != null) {
                c.store.password(i, passwordValue);
            }
            for (OrgStore.GroupRec g : groups) {
                c.store.addMember(g, i);
            }
            return full(c, u);
        }
    }

    static ApiError duplicateLogin() {
        return new ApiError(400, "E0000001", "Api validation failed: login",
                "login: An object with this field already exists in the current organization");
    }

    // ---------------------------------------------------------------- update

    static Reply update(Ctx c, String idOrLogin, boolean partial) {
        ObjectNode body = c.jsonBody();
        synchronized (c.store.lock()) {
            long i = UserEndpoints.require(c, idOrLogin);
            ObjectNode cur = c.store.user(i);
            if (cur.path("status").asText().equals("DEPROVISIONED")) {
                throw notAllowed();
            }
            ObjectNode u = cur.deepCopy();
            JsonNode typeIn = body.path("type").path("id");
            if (!typeIn.isMissingNode() && !typeIn.asText().equals(cur.path("type").path("id").asText())) {
                throw ApiError.validation("type", "The type of a user cannot be changed by this operation");
            }
            JsonNode profileIn = body.get("profile");
            if (profileIn != null && !profileIn.isNull()) {
                if (!profileIn.isObject()) {
                    throw ApiError.validation("profile", "must be an object");
                }
                ObjectNode profile;
                if (partial) {
                    profile = ((ObjectNode) cur.get("profile")).deepCopy();
                    // explicit null clears; absent keeps
                    for (Iterator<Map.Entry<String, JsonNode>> it = profileIn.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        profile.set(e.getKey(), e.getValue().deepCopy());
                    }
                } else {
                    profile = ((ObjectNode) profileIn).deepCopy();
                }
                validateProfile(c.store, profile, true);
                String newLogin = profile.get("login").asText();
                long other = c.store.userIndexByLogin(newLogin);
                if (other >= 0 && other != i) {
                    throw duplicateLogin();
                }
                u.set("profile", profile);
            } else if (!partial) {
                throw ApiError.validation("profile", "The field cannot be left blank");
            }
            String now = c.store.now();
            JsonNode credIn = body.path("credentials");
            JsonNode passwordIn = credIn.path("password").path("value");
            if (!passwordIn.isMissingNode()) {
                if (!passwordIn.isTextual()) {
                    throw ApiError.validation("password", "must be a string");
                }
                c.store.requireAcceptable(passwordIn.asText());
                ObjectNode cred = (ObjectNode) u.get("credentials");
                cred.putObject("password");
                u.put("passwordChanged", now);
                c.store.password(i, passwordIn.asText());
            }
            if (credIn.path("recovery_question").has("question")) {
                ((ObjectNode) u.get("credentials")).putObject("recovery_question")
                        .put("question", credIn.path("recovery_question").path("question").asText());
            }
            u.put("lastUpdated", now);
            c.store.replaceUser(i, u);
            return full(c, u);
        }
    }

    // ---------------------------------------------------------------- delete

    static Reply delete(Ctx c, String idOrLogin) {
        synchronized (c.store.lock()) {
            long i = UserEndpoints.require(c, idOrLogin);
            ObjectNode cur = c.store.user(i);
            if (cur.path("status").asText().equals("DEPROVISIONED")) {
                c.store.deleteUser(i);
            } else {
                // first DELETE deactivates, the second one deletes (both 204)
                c.store.replaceUser(i, transition(c, cur, "DEPROVISIONED"));
            }
        }
        return Reply.noContent();
    }

    // ---------------------------------------------------------------- lifecycle

    static Reply lifecycle(Ctx c, String idOrLogin, String op) {
        synchronized (c.store.lock()) {
            long i = UserEndpoints.require(c, idOrLogin);
            ObjectNode cur = c.store.user(i);
            String status = cur.path("status").asText();
            boolean hasPassword = cur.path("credentials").has("password");
            switch (op) {
                case "activate": {
                    boolean sendEmail = c.flag("sendEmail", true);
                    if (!status.equals("STAGED") && !status.equals("DEPROVISIONED")) {
                        throw new ApiError(403, "E0000016", "Activation failed because the user is already active");
                    }
                    ObjectNode u = transition(c, cur, hasPassword ? "ACTIVE" : "PROVISIONED");
                    u.put("activated", u.get("statusChanged").asText());
                    c.store.replaceUser(i, u);
                    return Reply.json(activationToken(c, sendEmail));
                }
                case "reactivate": {
                    boolean sendEmail = c.flag("sendEmail", false);
                    if (!status.equals("PROVISIONED") && !status.equals("RECOVERY")) {
                        throw notAllowed();
                    }
                    c.store.replaceUser(i, transition(c, cur, "PROVISIONED"));
                    return Reply.json(activationToken(c, sendEmail));
                }
                case "deactivate":
                    c.flag("sendEmail", false);
                    if (status.equals("DEPROVISIONED")) {
                        throw new ApiError(400, "E0000001", "Api validation failed: user",
                                "user: Cannot deactivate a user that is already deactivated");
                    }
                    c.store.replaceUser(i, transition(c, cur, "DEPROVISIONED"));
                    return Reply.emptyOk();
                case "suspend":
                    if (!status.equals("ACTIVE")) {
                        throw new ApiError(400, "E0000001", "Api validation failed: user",
                                "user: Cannot suspend a user that is not active");
                    }
                    c.store.replaceUser(i, transition(c, cur, "SUSPENDED"));
                    return Reply.emptyOk();
                case "unsuspend":
                    if (!status.equals("SUSPENDED")) {
                        throw new ApiError(400, "E0000001", "Api validation failed: user",
                                "user: Cannot unsuspend a user that is not suspended");
                    }
                    c.store.replaceUser(i, transition(c, cur, "ACTIVE"));
                    return Reply.emptyOk();
                case "unlock":
                    if (!status.equals("LOCKED_OUT")) {
                        throw new ApiError(400, "E0000032", "Unlock is not allowed for this user.");
                    }
                    c.store.replaceUser(i, transition(c, cur, "ACTIVE"));
                    return Reply.emptyOk();
                case "expire_password":
                case "expire_password_with_temp_password": {
                    if (!passwordOps(status)) {
                        throw notAllowed();
                    }
                    ObjectNode u = transition(c, cur, "PASSWORD_EXPIRED");
                    if (op.equals("expire_password_with_temp_password")) {
                        ((ObjectNode) u.get("credentials")).putObject("password");
                        c.store.replaceUser(i, u);
                        String temp = Wire.randomId("", 10);
                        c.store.password(i, temp);
                        return Reply.json(Json.object().put("tempPassword", temp));
                    }
                    c.store.replaceUser(i, u);
                    return full(c, u);
                }
                case "reset_password": {
                    String se = c.param("sendEmail");
                    if (se == null || se.isEmpty()) {
                        throw new ApiError(400, "E0000028", "The request is missing a required parameter.",
                                "sendEmail: The parameter is required");
                    }
                    boolean sendEmail = c.flag("sendEmail", true);
                    if (!passwordOps(status)) {
                        throw notAllowed();
                    }
                    c.store.replaceUser(i, transition(c, cur, "RECOVERY"));
                    ObjectNode r = Json.object();
                    if (!sendEmail) {
                        r.put("resetPasswordUrl", c.origin + "/reset_password/" + Wire.randomId("", 20));
                    }
                    return Reply.json(r);
                }
                case "reset_factors":
                    if (status.equals("DEPROVISIONED") || status.equals("STAGED")) {
                        throw notAllowed();
                    }
                    return Reply.emptyOk();
                default:
                    throw Api.pathNotFound();
            }
        }
    }

    private static boolean passwordOps(String status) {
        return switch (status) {
            case "ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT" -> true;
            default -> false;
        };
    }

    static ApiError notAllowed() {
        return new ApiError(403, "E0000038", "This operation is not allowed in the user's current status.");
    }

    private static ObjectNode activationToken(Ctx c, boolean sendEmail) {
        ObjectNode r = Json.object();
        if (!sendEmail) {
            String token = Wire.randomId("", 20);
            r.put("activationToken", token);
            r.put("activationUrl", c.origin + "/welcome/" + token);
        }
        return r;
    }

    /** A copy of the user in a new status, with statusChanged and lastUpdated set to now. */
    static ObjectNode transition(Ctx c, ObjectNode cur, String status) {
        ObjectNode u = cur.deepCopy();
        String now = c.store.now();
        u.put("status", status);
        u.put("statusChanged", now);
        u.put("lastUpdated", now);
        return u;
    }

    private static Reply full(Ctx c, ObjectNode u) {
        return Reply.raw(Wire.withExtra(u, Links.userFull(c.origin, u)));
    }

    private static void putOrNull(ObjectNode n, String field, String v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    /** Okta's profile checks: known attributes only, required base attributes, lengths, custom types. */
    static void validateProfile(OrgStore store, ObjectNode profile, boolean requireBase) {
        JsonNode defs = store.userSchema().path("definitions");
        JsonNode base = defs.path("base").path("properties");
        JsonNode custom = defs.path("custom").path("properties");
        List<String> causes = new ArrayList<>();
        String first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            JsonNode def = base.has(k) ? base.get(k) : custom.get(k);
            if (def == null) {
                causes.add(k + ": Property name '" + k + "' is not defined in the profile");
                first = first == null ? k : first;
                continue;
            }
            if (v.isNull()) {
                continue;
            }
            String type = def.path("type").asText();
            boolean ok = switch (type) {
                case "string" -> v.isTextual();
                case "integer" -> v.isIntegralNumber();
                case "number" -> v.isNumber();
                case "boolean" -> v.isBoolean();
                case "array" -> v.isArray();
                default -> true;
            };
            if (!ok) {
                causes.add(k + ": Does not match required type " + type);
                first = first == null ? k : first;
                continue;
            }
            if (v.isTextual()) {
                int len = v.asText().length();
                if (def.has("minLength") && len < def.get("minLength").asInt()) {
                    causes.add(k + ": The field is too short");
                    first = first == null ? k : first;
                }
                if (def.has("maxLength") && len > def.get("maxLength").asInt()) {
                    causes.add(k + ": The field is too long");
                    first = first == null ? k : first;
                }
            }
        }
        if (requireBase) {
            for (JsonNode r : defs.path("base").path("required")) {
                JsonNode v = profile.get(r.asText());
                if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                    causes.add(r.asText() + ": The field cannot be left blank");
                    first = first == null ? r.asText() : first;
                }
            }
        }
        JsonNode email = profile.get("email");
        if (email != null && email.isTextual() && !email.asText().contains("@")) {
            causes.add("email: Does not match required pattern");
            first = first == null ? "email" : first;
        }
        if (!causes.isEmpty()) {
            throw new ApiError(400, "E0000001", "Api validation failed: " + first, causes.toArray(new String[0]));
        }
    }
}
