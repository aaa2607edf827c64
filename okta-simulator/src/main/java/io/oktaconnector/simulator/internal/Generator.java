package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Deterministic generator: every object is a pure function of (seed, index), so a million-user org
 * is never held in memory. Same seed and sizes give the same org, byte for byte.
 */
public final class Generator {
    public static final String[] STATUSES = {"ACTIVE", "STAGED", "PROVISIONED", "SUSPENDED", "DEPROVISIONED",
        "LOCKED_OUT", "PASSWORD_EXPIRED", "RECOVERY"};
    /** Sign-on modes cycled through by generated apps; SOME_FUTURE_MODE is one the SDK does not know. */
    public static final String[] SIGN_ON_MODES = {"SAML_2_0", "SOME_FUTURE_MODE", "BOOKMARK", "OPENID_CONNECT",
        "AUTO_LOGIN", "BROWSER_PLUGIN", "SECURE_PASSWORD_STORE", "BASIC_AUTH", "WS_FEDERATION", "SAML_1_1"};
    /** Custom user profile attributes, in schema order. */
    public static final String[] USER_CUSTOM = {"badgeNumber", "skills", "isContractor", "bio"};

    private static final String[] FIRST = {"Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi",
        "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoe"};
    private static final String[] LAST = {"Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson",
        "Moore", "Taylor", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson"};
    private static final String[] CITY = {"Boston", "Chicago", "Denver", "Seattle", "Austin", "Portland",
        "Atlanta", "Miami"};
    private static final String[] DEPT = {"Engineering", "Sales", "Marketing", "Finance", "HR", "Support",
        "Legal", "Operations"};
    private static final String[] TITLE = {"Engineer", "Manager", "Analyst", "Director", "Consultant",
        "Specialist", "Administrator", "Designer"};
    private static final String[] SKILL = {"java", "sql", "excel", "negotiation", "design", "python",
        "accounting", "support"};
    private static final String[] GROUP_WORD = {"Admins", "Contractors", "Developers", "Finance", "Managers",
        "Partners", "Sales", "Support", "Marketing", "Interns", "Auditors", "Operators"};
    private static final long BASE_EPOCH = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final int K_USER = 1;
    private static final int K_USER2 = 2;
    private static final int K_GROUP = 3;
    private static final int K_MEMBERS = 4;
    private static final int K_APP = 5;
    private static final int K_ASSIGN = 6;

    private final long seed;
    private final Ids ids;
    private final int users;
    private final int groups;
    private final int apps;
    private final boolean hostile;
    private final String longText;

    public Generator(long seed, Ids ids, int users, int groups, int apps, boolean hostile) {
        this.seed = seed;
        this.ids = ids;
        this.users = users;
        this.groups = groups;
        this.apps = apps;
        this.hostile = hostile;
        StringBuilder sb = new StringBuilder(4100);
        while (sb.length() < 4000) {
            sb.append("Lorem ipsum, \"dolor\" sit amet; ");
        }
        this.longText = sb.toString();
    }

    public int users() {
        return users;
    }

    public int groups() {
        return groups;
    }

    public int apps() {
        return apps;
    }

    // ---------------------------------------------------------------- users

    /** The generated status of user {@code i}; every status appears among the first eight users. */
    public String userStatus(long i) {
        if (i < STATUSES.length) {
            return STATUSES[(int) i];
        }
        int p = Hash.below(Hash.of(seed, K_USER2, i), 100);
        if (p < 62) {
            return "ACTIVE";
        } else if (p < 67) {
            return "STAGED";
        } else if (p < 74) {
            return "PROVISIONED";
        } else if (p < 80) {
            return "SUSPENDED";
        } else if (p < 88) {
            return "DEPROVISIONED";
        } else if (p < 92) {
            return "LOCKED_OUT";
        } else if (p < 96) {
            return "PASSWORD_EXPIRED";
        }
        return "RECOVERY";
    }

    /** The generated login of user {@code i}; {@link #loginIndex} inverts it. */
    public String login(long i) {
        long h = Hash.of(seed, K_USER, i);
        String first = FIRST[Hash.below(h, FIRST.length)].toLowerCase();
        String last = LAST[Hash.below(h >>> 8, LAST.length)].toLowerCase();
        if (hostile && i % 9 == 6) {
            return "o'brien." + first + "+" + i + "@example.com";
        }
        return first + "." + last + "." + i + "@example.com";
    }

    /** The user index a generated-style login encodes, or -1. */
    public static long loginIndex(String login) {
        int at = login.indexOf('@');
        if (at <= 0 || !login.regionMatches(true, at, "@example.com", 0, 12) || login.length() != at + 12) {
            return -1;
        }
        int j = at;
        while (j > 0 && Character.isDigit(login.charAt(j - 1)) && at - j < 12) {
            j--;
        }
        if (j == at || j == 0 || (login.charAt(j - 1) != '.' && login.charAt(j - 1) != '+')) {
            return -1;
        }
        return Long.parseLong(login.substring(j, at));
    }

    public ObjectNode user(long i) {
        long h = Hash.of(seed, K_USER, i);
        long h2 = Hash.of(seed, K_USER2, i);
        String status = userStatus(i);
        String first = FIRST[Hash.below(h, FIRST.length)];
        String last = LAST[Hash.below(h >>> 8, LAST.length)];
        String login = login(i);

        long created = BASE_EPOCH + Hash.below(h >>> 16, 3 * 365 * 86400);
        int ms = Hash.below(h >>> 40, 1000);
        boolean staged = status.equals("STAGED");
        boolean neverLoggedIn = staged || status.equals("PROVISIONED");
        int providerKind = Hash.below(h2 >>> 8, 10);
        boolean hasPassword = !neverLoggedIn && providerKind < 8;
        long activated = created + 3600;
        long statusChanged = activated + Hash.below(h2 >>> 16, 30 * 86400);
        long lastLogin = statusChanged + Hash.below(h2 >>> 24, 86400);
        long lastUpdated = Math.max(statusChanged, lastLogin) + 60;

        ObjectNode u = Json.object();
        u.put("id", ids.user(i));
        u.put("status", status);
        u.put("created", Json.ts(Instant.ofEpochSecond(created, ms * 1_000_000L)));
        putTs(u, "activated", staged ? -1 : activated);
        putTs(u, "statusChanged", staged ? -1 : statusChanged);
        putTs(u, "lastLogin", neverLoggedIn || i % 11 == 5 ? -1 : lastLogin);
        u.put("lastUpdated", Json.ts(Instant.ofEpochSecond(staged ? created + 5 : lastUpdated)));
        putTs(u, "passwordChanged", hasPassword ? activated + 600 : -1);
        u.putObject("type").put("id", ids.userType());

        ObjectNode p = u.putObject("profile");
        p.put("firstName", first);
        p.put("lastName", last);
        if (i % 2 == 1) {
            p.putNull("mobilePhone");
        } else {
            p.put("mobilePhone", "+1 555 " + String.format("%07d", Hash.below(h >>> 20, 10_000_000)));
        }
        p.putNull("secondEmail");
        p.put("login", login);
        p.put("email", login);
        p.put("displayName", first + " " + last);
        p.put("title", TITLE[Hash.below(h >>> 24, TITLE.length)]);
        p.put("department", DEPT[Hash.below(h >>> 28, DEPT.length)]);
        p.put("city", CITY[Hash.below(h >>> 32, CITY.length)]);
        p.put("countryCode", "US");
        p.put("employeeNumber", String.valueOf(100000 + i));
        p.put("costCenter", "CC-" + Hash.below(h >>> 36, 50));
        p.put("badgeNumber", 1000 + Hash.below(h >>> 44, 900000));
        ArrayNode skills = p.putArray("skills");
        int nSkills = Hash.below(h2 >>> 32, 4);
        for (int k = 0; k < nSkills; k++) {
            skills.add(SKILL[Hash.below(h2 >>> (36 + 3 * k), SKILL.length)]);
        }
        p.put("isContractor", Hash.below(h2 >>> 48, 5) == 0);
        p.put("bio", "Employee " + (100000 + i));
        if (hostile) {
            hostilize(i, p);
        }

        ObjectNode c = u.putObject("credentials");
        if (hasPassword) {
            c.putObject("password");
        }
        if (providerKind == 9) {
            c.putObject("provider").put("type", "ACTIVE_DIRECTORY").put("name", "example.local");
        } else if (providerKind == 8) {
            c.putObject("provider").put("type", "FEDERATION").put("name", "FEDERATION");
        } else {
            c.putObject("provider").put("type", "OKTA").put("name", "OKTA");
        }
        return u;
    }

    private void hostilize(long i, ObjectNode p) {
        switch ((int) (i % 9)) {
            case 0 -> {
                p.put("city", "Zürich");
                p.put("lastName", "Müller");
                p.put("displayName", p.get("firstName").asText() + " Müller");
            }
            case 1 -> {
                p.put("city", "東京");
                p.put("firstName", "太郎");
                p.put("displayName", "太郎 " + p.get("lastName").asText());
            }
            case 2 -> {
                p.put("department", "R&D, \"Core\" Platform");
                p.putArray("skills").add("a,b").add("say \"hi\"").add("x;y");
            }
            case 3 -> {
                p.put("title", "Line one\r\nLine two");
                p.put("streetAddress", "1 Main St\nApt 2");
            }
            case 4 -> {
                p.put("bio", "<b>bold</b> <script>alert('x')</script> &amp; <a href=\"https://example.com\">link</a>");
                p.put("displayName", "<i>" + p.get("firstName").asText() + "</i>");
            }
            case 5 -> p.put("bio", longText);
            case 6 -> {
                p.put("lastName", "O'Brien");
                p.put("firstName", "Smith, Jr.");
                p.put("displayName", "Smith, Jr. O'Brien");
            }
            case 7 -> {
                p.putNull("city");
                // the spec does not allow null for department: Okta leaves such an attribute out
                p.remove("department");
                p.putNull("title");
                p.putNull("bio");
                p.putArray("skills");
            }
            default -> {
                p.put("nickName", "\"quoted\" nick\rname");
                p.put("costCenter", "=1+2");
                p.put("city", "São Paulo, SP");
            }
        }
    }

    private static void putTs(ObjectNode n, String field, long epochSecond) {
        if (epochSecond < 0) {
            n.putNull(field);
        } else {
            n.put(field, Json.ts(Instant.ofEpochSecond(epochSecond)));
        }
    }

    // ---------------------------------------------------------------- groups

    public String groupType(long g) {
        if (g == 0) {
            return "BUILT_IN";
        }
        return g % 4 == 3 ? "APP_GROUP" : "OKTA_GROUP";
    }

    public ObjectNode group(long g) {
        long h = Hash.of(seed, K_GROUP, g);
        String type = groupType(g);
        long created = BASE_EPOCH + Hash.below(h, 365 * 86400);
        ObjectNode n = Json.object();
        n.put("id", ids.group(g));
        n.put("created", Json.ts(Instant.ofEpochSecond(created)));
        n.put("lastUpdated", Json.ts(Instant.ofEpochSecond(created + 3600)));
        n.put("lastMembershipUpdated", Json.ts(Instant.ofEpochSecond(created + 7200 + Hash.below(h >>> 20, 86400))));
        ArrayNode oc = n.putArray("objectClass");
        n.put("type", type);
        ObjectNode p = n.putObject("profile");
        if (g == 0) {
            oc.add("okta:user_group");
            p.put("name", "Everyone");
            p.put("description", "All users in your organization");
            return n;
        }
        String word = GROUP_WORD[Hash.below(h >>> 8, GROUP_WORD.length)];
        String name = word + " " + g;
        if (hostile) {
            switch ((int) (g % 6)) {
                case 1 -> name = word + ", EMEA " + g;
                case 2 -> name = word + " \"Core\" " + g;
                case 4 -> name = "東京 " + word + " " + g;
                case 5 -> name = "<b>" + word + "</b> " + g;
                default -> { }
            }
        }
        if (type.equals("APP_GROUP")) {
            oc.add("okta:windows_security_principal");
            String sam = word.toLowerCase() + g;
            p.put("name", name);
            p.put("description", "Imported from Active Directory");
            p.put("groupType", "Security");
            p.put("groupScope", "Global");
            p.put("samAccountName", sam);
            p.put("objectSid", "S-1-5-21-1111111111-2222222222-3333333333-" + (1000 + g));
            p.put("dn", "CN=" + sam + ",OU=Groups,DC=example,DC=local");
            p.put("windowsDomainQualifiedName", "EXAMPLE\\" + sam);
            p.put("externalId", "ext" + Long.toHexString(h >>> 4));
        } else {
            oc.add("okta:user_group");
            p.put("name", name);
            p.put("description", hostile && g % 3 == 0 ? "Line one\r\nLine two, with \"quotes\"" : "Generated group " + g);
            p.put("groupContact", hostile && g % 2 == 0 ? "Zoë Åström <zoe@example.com>" : "owner" + g + "@example.com");
        }
        return n;
    }

    /** The generated membership of group {@code g}. */
    public MemberBase members(long g) {
        if (g == 0) {
            return MemberBase.all();
        }
        if (users == 0) {
            return MemberBase.empty();
        }
        if (g == 1) {
            return MemberBase.huge(seed, g, 50, users);
        }
        if (g == 2) {
            return MemberBase.huge(seed, g, 20, users);
        }
        if (g % 5 == 4) {
            return MemberBase.empty();
        }
        long h = Hash.of(seed, K_MEMBERS, g);
        int max = g % 10 == 7 ? Math.min(users, 1500) : Math.min(users, 30);
        int size = 1 + Hash.below(h, max);
        Set<Long> picked = new HashSet<>();
        long x = h;
        while (picked.size() < size) {
            x = Hash.mix(x + 1);
            picked.add((long) Hash.below(x, users));
        }
        long[] arr = picked.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(arr);
        return MemberBase.explicit(arr);
    }

    // ---------------------------------------------------------------- apps

    public ObjectNode app(long a) {
        long h = Hash.of(seed, K_APP, a);
        String mode = SIGN_ON_MODES[(int) (a % SIGN_ON_MODES.length)];
        String status = a % 3 == 2 ? "INACTIVE" : "ACTIVE";
        long created = BASE_EPOCH + Hash.below(h, 365 * 86400);
        ObjectNode n = Json.object();
        n.put("id", ids.app(a));
        String name = switch (mode) {
            case "BOOKMARK" -> "bookmark";
            case "OPENID_CONNECT" -> "oidc_client";
            case "SOME_FUTURE_MODE" -> "future_app_" + a;
            case "BROWSER_PLUGIN" -> "template_swa";
            case "SECURE_PASSWORD_STORE" -> "template_sps";
            case "BASIC_AUTH" -> "template_basic_auth";
            case "WS_FEDERATION" -> "template_wsfed";
            case "SAML_1_1" -> "template_saml_1_1";
            case "AUTO_LOGIN" -> "example_swa_" + a;
            default -> "example_saml_" + a;
        };
        n.put("name", name);
        String label = "App " + a + " (" + mode.toLowerCase() + ")";
        if (hostile && a % 4 == 1) {
            label = "Payroll, \"EU\" 経費 " + a;
        }
        n.put("label", label);
        n.put("status", status);
        n.put("lastUpdated", Json.ts(Instant.ofEpochSecond(created + 86400)));
        n.put("created", Json.ts(Instant.ofEpochSecond(created)));
        ObjectNode acc = n.putObject("accessibility");
        acc.put("selfService", false);
        ObjectNode vis = n.putObject("visibility");
        vis.put("autoSubmitToolbar", false);
        vis.putObject("hide").put("iOS", false).put("web", false);
        vis.putObject("appLinks").put("login", true);
        n.putArray("features");
        n.put("signOnMode", mode);
        ObjectNode cred = n.putObject("credentials");
        cred.putObject("userNameTemplate").put("template", "${source.login}").put("type", "BUILT_IN");
        if (mode.startsWith("SAML")) {
            cred.putObject("signing").put("kid", "kid" + Long.toHexString(h));
        }
        ObjectNode settings = n.putObject("settings");
        ObjectNode app = settings.putObject("app");
        // the settings.app fields Okta's spec requires for each sign-on mode
        switch (mode) {
            case "BOOKMARK" -> {
                app.put("requestIntegration", false);
                app.put("url", "https://example.com/bookmark/" + a);
            }
            case "BROWSER_PLUGIN" -> {
                app.put("buttonField", "#btn-login");
                app.put("passwordField", "#txtbox-password");
                app.put("usernameField", "#txtbox-username");
                app.put("url", "https://example.com/login/" + a);
            }
            case "SECURE_PASSWORD_STORE" -> {
                app.put("passwordField", "#txtbox-password");
                app.put("usernameField", "#txtbox-username");
                app.put("url", "https://example.com/sps/" + a);
            }
            case "BASIC_AUTH" -> {
                app.put("authURL", "https://example.com/auth/" + a);
                app.put("url", "https://example.com/basic/" + a);
            }
            case "WS_FEDERATION" -> {
                app.put("audienceRestriction", "urn:example:app" + a);
                app.put("authnContextClassRef", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
                app.put("groupValueFormat", "windowsDomainQualifiedName");
                app.put("nameIDFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
                app.put("siteURL", "https://example.com/wsfed/" + a);
                app.put("usernameAttribute", "username");
                app.put("wReplyURL", "https://example.com/wsfed/" + a + "/reply");
            }
            default -> { }
        }
        return n;
    }

    /** Generated group indexes assigned to app {@code a}, in priority order. */
    public long[] appGroups(long a) {
        if (groups == 0 || a % 5 == 4) {
            return new long[0];
        }
        long h = Hash.of(seed, K_ASSIGN, a);
        int k = 1 + Hash.below(h, Math.min(4, groups));
        Set<Long> picked = new java.util.LinkedHashSet<>();
        long x = h;
        int guard = 0;
        while (picked.size() < k && guard++ < 100) {
            x = Hash.mix(x + 1);
            picked.add((long) Hash.below(x, groups));
        }
        return picked.stream().mapToLong(Long::longValue).toArray();
    }

    public long baseEpoch() {
        return BASE_EPOCH;
    }
}
