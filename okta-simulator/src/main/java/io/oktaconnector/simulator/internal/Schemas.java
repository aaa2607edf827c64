package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The org's user and group profile schemas, shaped like Okta's default schemas. */
final class Schemas {
    /** Okta's base user attributes in the order its default schema lists them. */
    static final String[][] USER_BASE = {
        {"login", "Username"}, {"firstName", "First name"}, {"lastName", "Last name"},
        {"middleName", "Middle name"}, {"honorificPrefix", "Honorific prefix"},
        {"honorificSuffix", "Honorific suffix"}, {"email", "Primary email"}, {"title", "Title"},
        {"displayName", "Display name"}, {"nickName", "Nickname"}, {"profileUrl", "Profile Url"},
        {"secondEmail", "Secondary email"}, {"mobilePhone", "Mobile phone"},
        {"primaryPhone", "Primary phone"}, {"streetAddress", "Street address"}, {"city", "City"},
        {"state", "State"}, {"zipCode", "Zip code"}, {"countryCode", "Country code"},
        {"postalAddress", "Postal Address"}, {"preferredLanguage", "Preferred language"},
        {"locale", "Locale"}, {"timezone", "Time zone"}, {"userType", "User type"},
        {"employeeNumber", "Employee number"}, {"costCenter", "Cost center"},
        {"organization", "Organization"}, {"division", "Division"}, {"department", "Department"},
        {"managerId", "ManagerId"}, {"manager", "Manager"}};

    private Schemas() {
    }

    static ObjectNode user() {
        ObjectNode s = Json.object();
        s.put("id", "https://{yourOktaDomain}/meta/schemas/user/default");
        s.put("$schema", "http://json-schema.org/draft-04/schema#");
        s.put("name", "user");
        s.put("title", "User");
        s.put("description", "Okta user profile template");
        s.put("lastUpdated", "2021-02-25T23:05:31.000Z");
        s.put("created", "2020-01-01T00:00:00.000Z");
        ObjectNode defs = s.putObject("definitions");
        ObjectNode custom = defs.putObject("custom");
        custom.put("id", "#custom");
        custom.put("type", "object");
        ObjectNode cp = custom.putObject("properties");
        cp.set("badgeNumber", attr("Badge number", "integer", "Badge number from the access system"));
        ObjectNode skills = attr("Skills", "array", "Skills of the user");
        skills.putObject("items").put("type", "string");
        skills.put("union", "DISABLE");
        cp.set("skills", skills);
        cp.set("isContractor", attr("Contractor", "boolean", "Whether the user is a contractor"));
        cp.set("bio", attr("Bio", "string", "Free text; may contain HTML"));
        custom.putArray("required");
        ObjectNode base = defs.putObject("base");
        base.put("id", "#base");
        base.put("type", "object");
        ObjectNode bp = base.putObject("properties");
        for (String[] a : USER_BASE) {
            ObjectNode n = attr(a[1], "string", null);
            switch (a[0]) {
                case "login" -> {
                    n.put("required", true);
                    n.put("minLength", 5);
                    n.put("maxLength", 100);
                    n.put("pattern", ".+");
                }
                case "firstName", "lastName" -> {
                    n.put("required", true);
                    n.put("minLength", 1);
                    n.put("maxLength", 50);
                }
                case "email" -> {
                    n.put("required", true);
                    n.put("format", "email");
                }
                case "secondEmail" -> n.put("format", "email");
                case "countryCode" -> n.put("maxLength", 2);
                case "mobilePhone", "primaryPhone" -> n.put("maxLength", 100);
                default -> { }
            }
            bp.set(a[0], n);
        }
        ArrayNode req = base.putArray("required");
        req.add("login").add("firstName").add("lastName").add("email");
        s.put("type", "object");
        ObjectNode props = s.putObject("properties").putObject("profile");
        props.putArray("allOf").add(Json.object().put("$ref", "#/definitions/custom"))
                .add(Json.object().put("$ref", "#/definitions/base"));
        return s;
    }

    static ObjectNode group() {
        ObjectNode s = Json.object();
        s.put("$schema", "http://json-schema.org/draft-04/schema#");
        s.put("id", "https://{yourOktaDomain}/meta/schemas/group/default");
        s.put("name", "group");
        s.put("title", "Okta group");
        s.put("description", "Okta group profile template");
        s.put("lastUpdated", "2021-02-25T23:05:31.000Z");
        s.put("created", "2020-01-01T00:00:00.000Z");
        ObjectNode defs = s.putObject("definitions");
        ObjectNode custom = defs.putObject("custom");
        custom.put("id", "#custom");
        custom.put("type", "object");
        custom.putObject("properties").set("groupContact",
                attr("Group administrative contact", "string", "Group administrative contact"));
        custom.putArray("required");
        ObjectNode base = defs.putObject("base");
        base.put("id", "#base");
        base.put("type", "object");
        ObjectNode bp = base.putObject("properties");
        ObjectNode name = attr("Name", "string", "Name");
        name.put("required", true);
        name.put("maxLength", 255);
        bp.set("name", name);
        ObjectNode desc = attr("Description", "string", "Description");
        desc.put("maxLength", 1024);
        bp.set("description", desc);
        base.putArray("required").add("name");
        s.put("type", "object");
        s.putObject("properties").putObject("profile").putArray("allOf")
                .add(Json.object().put("$ref", "#/definitions/custom"))
                .add(Json.object().put("$ref", "#/definitions/base"));
        return s;
    }

    private static ObjectNode attr(String title, String type, String description) {
        ObjectNode n = Json.object();
        n.put("title", title);
        if (description != null) {
            n.put("description", description);
        }
        n.put("type", type);
        n.put("mutability", "READ_WRITE");
        n.put("scope", "NONE");
        n.putArray("permissions").add(Json.object().put("principal", "SELF").put("action", "READ_WRITE"));
        n.putObject("master").put("type", "PROFILE_MASTER");
        return n;
    }
}
