package io.oktaconnector.okta.internal.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.okta.OktaTable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the mapped paths that name nothing the org's objects can hold: a {@code profile.<attr>} that the org's user or
 * group schema does not define, or a top-level field that Okta's user, group or application object does not have. A
 * path that matches only ignoring case is known, since the export matches it that way. Each problem names the nearest
 * known name (edit distance, a transposition counting as one edit). Pure: the schemas are passed in.
 */
public final class MappingCheck {

    // Okta's objects as its OpenAPI description lists them (User, Group, Application and its sign-on mode subtypes)
    private static final List<String> USER_FIELDS = List.of("id", "status", "created", "activated", "statusChanged",
            "lastLogin", "lastUpdated", "passwordChanged", "type", "transitioningToStatus", "realmId", "profile",
            "credentials", "_links", "_embedded");
    private static final List<String> GROUP_FIELDS = List.of("id", "created", "lastUpdated", "lastMembershipUpdated",
            "objectClass", "type", "profile", "_links", "_embedded");
    private static final List<String> APP_FIELDS = List.of("id", "name", "label", "status", "created", "lastUpdated",
            "signOnMode", "accessibility", "visibility", "features", "settings", "credentials", "licensing", "profile",
            "orn", "universalLogout", "expressConfiguration", "_links", "_embedded");
    /** Fields that hold objects: what lies under them varies by org, type or application and is not checked. */
    private static final Set<String> OPEN_OBJECTS = Set.of("type", "credentials", "_links", "_embedded",
            "accessibility", "visibility", "settings", "licensing", "universalLogout", "expressConfiguration",
            "features");
    /** Group profiles always have these, whatever the group schema lists. */
    private static final List<String> GROUP_BASE = List.of("name", "description");

    private final String connectionId;
    private final List<String> userAttributes;
    private final List<String> groupAttributes;

    /**
     * @param connectionId the connection whose tables ({@code <id>_users}, …) the mapping names
     * @param userSchema   {@code GET /api/v1/meta/schemas/user/default}
     * @param groupSchema  {@code GET /api/v1/meta/schemas/group/default}
     */
    public MappingCheck(String connectionId, JsonNode userSchema, JsonNode groupSchema) {
        this.connectionId = connectionId;
        this.userAttributes = attributes(userSchema, List.of());
        this.groupAttributes = attributes(groupSchema, GROUP_BASE);
    }

    /**
     * @param mapping the mapping to check
     * @return one problem per unknown path (and per table the connection does not export), in mapping order
     */
    public List<Problem> problems(EntityMapping mapping) {
        List<Problem> problems = new ArrayList<>();
        for (TableMapping t : mapping.tables()) {
            Optional<OktaTable> table = table(t.table());
            if (table.isEmpty()) {
                problems.add(new Problem(t.table(), "connection " + connectionId + " exports no table " + t.table()
                        + " (its tables: " + connectionId + "_users, _groups, _apps, _groupsusers, _groupsapps)"));
                continue;
            }
            for (ColumnMapping c : t.columns()) {
                String path = c.path().trim();
                unknown(table.get(), path).ifPresent(why -> problems.add(new Problem(t.table() + "." + c.header(),
                        (c.header().equals(path) ? "" : "path " + path + ": ") + why)));
            }
        }
        return problems;
    }

    private Optional<OktaTable> table(String name) {
        String prefix = connectionId + "_";
        return name.regionMatches(true, 0, prefix, 0, prefix.length())
                ? OktaTable.ofSuffix(name.substring(prefix.length())) : Optional.empty();
    }

    /** @return why the path names nothing, or empty when it is known */
    private Optional<String> unknown(OktaTable table, String path) {
        String[] segments = path.split("\\.", -1);
        List<String> fields = switch (table) {
            case USERS -> USER_FIELDS;
            case GROUPS -> GROUP_FIELDS;
            case APPS -> APP_FIELDS;
            case GROUPSUSERS -> List.of("groupId", "userId");
            case GROUPSAPPS -> List.of("groupId", "appId");
        };
        String what = switch (table) {
            case USERS -> "an Okta user";
            case GROUPS -> "an Okta group";
            case APPS -> "an Okta application";
            case GROUPSUSERS -> "a group membership row";
            case GROUPSAPPS -> "an application-group assignment row";
        };
        if (!known(fields, segments[0])) {
            return Optional.of(what + " has no field " + quote(segments[0])
                    + suggestion(fields, segments[0], "", rest(segments, 1)));
        }
        String field = canonical(fields, segments[0]);
        if (field.equals("profile") && (table == OktaTable.USERS || table == OktaTable.GROUPS)) {
            List<String> attributes = table == OktaTable.USERS ? userAttributes : groupAttributes;
            String schema = table == OktaTable.USERS ? "user" : "group";
            if (segments.length == 1) {
                return Optional.of("a whole profile is not a value; name one attribute of the org's " + schema
                        + " schema, e.g. profile." + (attributes.isEmpty() ? "name" : attributes.get(0)));
            }
            if (!known(attributes, segments[1])) {
                return Optional.of("the org's " + schema + " schema has no attribute " + quote(segments[1])
                        + suggestion(attributes, segments[1], "profile.", rest(segments, 2)));
            }
            return Optional.empty();
        }
        if (segments.length > 1 && !field.equals("profile") && !OPEN_OBJECTS.contains(field)) {
            return Optional.of(field + " of " + what + " is a single value, it has no field " + quote(segments[1]));
        }
        return Optional.empty();
    }

    /** @return ".b.c" for the segments from {@code from} on, "" when there are none */
    private static String rest(String[] segments, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < segments.length; i++) {
            sb.append('.').append(segments[i]);
        }
        return sb.toString();
    }

    private static boolean known(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    private static String canonical(List<String> names, String name) {
        return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** "; did you mean profile.email?" for the nearest name close enough to be a slip, else "". */
    private static String suggestion(List<String> names, String name, String prefix, String rest) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a slip is a few edits; past that the nearest name is no better a guess than any other
        int allowed = Math.max(2, Math.min(name.length(), best == null ? 0 : best.length()) / 3);
        return best == null || bestDistance > allowed ? "" : "; did you mean " + prefix + best + rest + "?";
    }

    /** Edit distance counting an adjacent transposition as one edit: {@code emial} is one edit from {@code email}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The profile attributes a schema defines: base ones in schema order, then custom ones. */
    private static List<String> attributes(JsonNode schema, List<String> always) {
        Set<String> names = new LinkedHashSet<>(always);
        for (String part : List.of("base", "custom")) {
            JsonNode props = schema.path("definitions").path(part).path("properties");
            for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return List.copyOf(names);
    }
}
