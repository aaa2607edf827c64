package io.oktaconnector.simulator;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the simulator serves, exercised over HTTP, with the real request and response
 * (status, headers, body) validated against Okta's OpenAPI description.
 */
class OpenApiConformanceTest {
    static OktaSimulator sim;
    static Http http;
    static final List<String> problems = new ArrayList<>();
    static final Set<String> covered = new LinkedHashSet<>();

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(21).users(40).groups(9).apps(10).hostileValues(true).start();
        http = new Http(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> check(String method, String target, String body) {
        HttpResponse<String> r = http.send(method, target, body);
        URI uri = URI.create(sim.baseUrl() + target);
        SimpleRequest.Builder rb = new SimpleRequest.Builder(method, uri.getRawPath(), true)
                .withHeader("Authorization", "SSWS " + sim.token())
                .withHeader("Accept", "application/json");
        if (body != null) {
            rb.withContentType("application/json").withBody(body);
        }
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                int eq = p.indexOf('=');
                rb.withQueryParam(URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Request req = rb.build();
        SimpleResponse.Builder sb = new SimpleResponse.Builder(r.statusCode());
        r.headers().map().forEach((k, v) -> {
            if (!k.equals(":status")) {
                sb.withHeader(k, v);
            }
        });
        if (!r.body().isEmpty()) {
            sb.withBody(withoutFutureApps(r.body()));
        }
        ValidationReport report = OpenApiSpec.validator().validate(req, sb.build());
        covered.add(method + " " + target.replaceAll("\\?.*", "") + " -> " + r.statusCode());
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !documentedOutsideSpec(m, method, target,
                    r.statusCode())) {
                problems.add(method + " " + target + " -> " + r.statusCode() + ": " + m.getKey() + ": "
                        + m.getMessage().replaceAll("\\s+", " ") + nested(m, 1));
            }
        }
        return r;
    }

    /**
     * The one deliberate deviation: an app whose signOnMode the spec does not know (it is there to test
     * clients against Okta adding modes). It is taken out of lists before validation.
     */
    private static String withoutFutureApps(String body) {
        if (!body.contains("SOME_FUTURE_MODE")) {
            return body;
        }
        JsonNode n;
        try {
            n = Http.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return body;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Http.MAPPER.createArrayNode();
            n.forEach(e -> {
                if (!"SOME_FUTURE_MODE".equals(e.path("signOnMode").asText())) {
                    out.add(e);
                }
            });
            return out.toString();
        }
        return body;
    }

    /**
     * Error answers Okta documents outside this spec (the reference's error table): a filter the
     * user search does not support is 400 E0000031, unlocking a user who is not locked out is 400.
     */
    private static boolean documentedOutsideSpec(ValidationReport.Message m, String method, String target,
                                                 int status) {
        return m.getKey().equals("validation.response.status.unknown") && status == 400
                && ((method.equals("GET") && target.startsWith("/api/v1/users?"))
                || (method.equals("POST") && target.endsWith("/lifecycle/unlock")));
    }

    private static String nested(ValidationReport.Message m, int depth) {
        StringBuilder sb = new StringBuilder();
        for (ValidationReport.Message n : m.getNestedMessages()) {
            sb.append("\n").append("  ".repeat(depth)).append("- ").append(n.getMessage().replaceAll("\\s+", " "))
                    .append(nested(n, depth + 1));
        }
        return sb.toString();
    }

    private static String id(HttpResponse<String> r) {
        return Http.json(r).get("id").asText();
    }

    @Test
    void everyEndpointConformsToOktasSpec() {
        OpenApiSpec.validator(); // parsed first (skipped, with the reason, when the spec is missing)
        SimOrg org = sim.org();
        String user = org.users().filter(u -> u.get("status").asText().equals("ACTIVE")).findFirst().orElseThrow()
                .get("id").asText();
        String login = org.user(user).orElseThrow().at("/profile/login").asText();
        String everyone = org.groups().findFirst().orElseThrow().get("id").asText();
        String oktaGroup = org.groups().filter(g -> g.get("type").asText().equals("OKTA_GROUP")).findFirst()
                .orElseThrow().get("id").asText();

        // users: reads
        HttpResponse<String> page = check("GET", "/api/v1/users?limit=5", null);
        check("GET", URI.create(Http.next(page)).getRawPath() + "?" + URI.create(Http.next(page)).getRawQuery(), null);
        check("GET", "/api/v1/users?search=status%20pr&limit=200", null);
        check("GET", "/api/v1/users?filter=status%20eq%20%22DEPROVISIONED%22", null);
        check("GET", "/api/v1/users?q=a", null);
        check("GET", "/api/v1/users/" + user, null);
        check("GET", "/api/v1/users/" + URLEncoderUtil.encode(login), null);
        check("GET", "/api/v1/users/00uMISSING0000000000", null);
        check("GET", "/api/v1/users/" + user + "/groups", null);
        check("GET", "/api/v1/users?filter=status%20ne%20%22ACTIVE%22", null);

        // users: writes and lifecycle
        String profile = "{\"profile\":{\"login\":\"new.user@example.com\",\"email\":\"new.user@example.com\","
                + "\"firstName\":\"New\",\"lastName\":\"User\",\"skills\":[\"x\"]},"
                + "\"credentials\":{\"password\":{\"value\":\"Pa55word!x\"}},\"groupIds\":[\"" + oktaGroup + "\"]}";
        String created = id(check("POST", "/api/v1/users?activate=true", profile));
        check("POST", "/api/v1/users", profile);
        check("POST", "/api/v1/users/" + created, "{\"profile\":{\"city\":\"Zürich\",\"title\":null}}");
        check("PUT", "/api/v1/users/" + created, "{\"profile\":{\"login\":\"new.user@example.com\","
                + "\"email\":\"new.user@example.com\",\"firstName\":\"Newer\",\"lastName\":\"User\"}}");
        check("POST", "/api/v1/users/" + created + "/lifecycle/suspend", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/unsuspend", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/expire_password", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/expire_password_with_temp_password", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/reset_password?sendEmail=false", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/reset_factors", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/reactivate?sendEmail=false", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/activate?sendEmail=false", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/deactivate", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/activate?sendEmail=false", null);
        check("POST", "/api/v1/users/" + created + "/lifecycle/deactivate", null);
        check("DELETE", "/api/v1/users/" + created, null);
        String staged = id(check("POST", "/api/v1/users?activate=false", profile.replace("new.user", "staged")));
        check("POST", "/api/v1/users/" + staged + "/lifecycle/unlock", null);
        check("DELETE", "/api/v1/users/" + staged, null);
        check("DELETE", "/api/v1/users/" + staged, null);

        // groups
        HttpResponse<String> groups = check("GET", "/api/v1/groups?limit=3&expand=stats", null);
        check("GET", "/api/v1/groups?" + URI.create(Http.next(groups)).getRawQuery(), null);
        check("GET", "/api/v1/groups?filter=type%20eq%20%22OKTA_GROUP%22", null);
        check("GET", "/api/v1/groups?search=profile.name%20sw%20%22A%22", null);
        check("GET", "/api/v1/groups?q=Ev", null);
        check("GET", "/api/v1/groups/" + everyone, null);
        check("GET", "/api/v1/groups/" + everyone + "/users?limit=10", null);
        check("GET", "/api/v1/groups/" + oktaGroup + "/apps", null);
        String g = id(check("POST", "/api/v1/groups", "{\"profile\":{\"name\":\"Conformance\",\"description\":\"d\"}}"));
        check("PUT", "/api/v1/groups/" + g, "{\"profile\":{\"name\":\"Conformance 2\",\"description\":\"e\"}}");
        check("PUT", "/api/v1/groups/" + g + "/users/" + user, null);
        check("DELETE", "/api/v1/groups/" + g + "/users/" + user, null);
        check("PUT", "/api/v1/groups/" + everyone, "{\"profile\":{\"name\":\"x\"}}");
        check("DELETE", "/api/v1/groups/" + g, null);
        check("GET", "/api/v1/groups/" + g, null);

        // apps
        HttpResponse<String> apps = check("GET", "/api/v1/apps?limit=200", null);
        for (JsonNode a : Http.json(apps)) {
            if (!a.get("signOnMode").asText().equals("SOME_FUTURE_MODE")) {
                check("GET", "/api/v1/apps/" + a.get("id").asText(), null);
            }
        }
        String app = org.apps().filter(a -> a.get("signOnMode").asText().equals("SAML_2_0")).findFirst()
                .orElseThrow().get("id").asText();
        check("GET", "/api/v1/apps/" + app + "/groups", null);
        String newApp = id(check("POST", "/api/v1/apps", "{\"name\":\"bookmark\",\"label\":\"Sample Bookmark App\","
                + "\"signOnMode\":\"BOOKMARK\",\"settings\":{\"app\":{\"requestIntegration\":false,"
                + "\"url\":\"https://example.com/bookmark.htm\"}}}"));
        check("PUT", "/api/v1/apps/" + newApp, "{\"name\":\"bookmark\",\"label\":\"Renamed Bookmark\","
                + "\"signOnMode\":\"BOOKMARK\",\"settings\":{\"app\":{\"requestIntegration\":false,"
                + "\"url\":\"https://example.com/bookmark.htm\"}}}");
        check("PUT", "/api/v1/apps/" + newApp + "/groups/" + oktaGroup, "{\"priority\":0,\"profile\":{}}");
        check("GET", "/api/v1/apps/" + newApp + "/groups/" + oktaGroup, null);
        check("DELETE", "/api/v1/apps/" + newApp + "/groups/" + oktaGroup, null);
        check("DELETE", "/api/v1/apps/" + newApp, null);
        check("POST", "/api/v1/apps/" + newApp + "/lifecycle/deactivate", null);
        check("POST", "/api/v1/apps/" + newApp + "/lifecycle/activate", null);
        check("POST", "/api/v1/apps/" + newApp + "/lifecycle/deactivate", null);
        check("DELETE", "/api/v1/apps/" + newApp, null);

        // schemas
        check("GET", "/api/v1/meta/schemas/user/default", null);
        check("GET", "/api/v1/meta/schemas/group/default", null);

        assertThat(covered).hasSizeGreaterThan(50);
        assertThat(problems).as("spec violations").isEmpty();
    }

    /** URL-encoding of one path segment. */
    static final class URLEncoderUtil {
        static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
