package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class WritesAndLifecycleTest {
    OktaSimulator sim;
    Http http;

    @BeforeEach
    void start() {
        sim = OktaSimulator.builder().seed(11).users(30).groups(8).apps(6).start();
        http = new Http(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static final String PROFILE = "{\"profile\":{\"login\":\"jbond@example.com\",\"email\":\"jbond@example.com\","
            + "\"firstName\":\"James\",\"lastName\":\"Bond\",\"city\":\"London\",\"skills\":[\"a\",\"b\"]}";

    private JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    private void error(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(Http.json(r).get("errorCode").asText()).isEqualTo(code);
    }

    private String createUser(String query, String extra) {
        JsonNode u = ok(http.send("POST", "/api/v1/users" + query, PROFILE + extra + "}"));
        return u.get("id").asText();
    }

    @Test
    void createUserReturns200AndStatusFollowsActivateAndPassword() {
        JsonNode staged = ok(http.send("POST", "/api/v1/users?activate=false", PROFILE + "}"));
        assertThat(staged.get("status").asText()).isEqualTo("STAGED");
        assertThat(staged.get("id").asText()).startsWith("00u").hasSize(20);
        assertThat(sim.org().user("jbond@example.com")).isPresent();
        assertThat(sim.org().user(staged.get("id").asText()).orElseThrow().at("/profile/city").asText())
                .isEqualTo("London");

        String p2 = PROFILE.replace("jbond", "mmoney");
        JsonNode active = ok(http.send("POST", "/api/v1/users",
                p2 + ",\"credentials\":{\"password\":{\"value\":\"Secr3t!pass\"}}}"));
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.at("/credentials/password").isObject()).isTrue();
        assertThat(active.toString()).doesNotContain("Secr3t");

        String p3 = PROFILE.replace("jbond", "q");
        JsonNode provisioned = ok(http.send("POST", "/api/v1/users?activate=true", p3 + "}"));
        assertThat(provisioned.get("status").asText()).isEqualTo("PROVISIONED");
        assertThat(sim.org().userCount()).isEqualTo(33);
    }

    @Test
    void duplicateLoginIs400WithCause() {
        createUser("", "");
        HttpResponse<String> r = http.send("POST", "/api/v1/users", PROFILE.replace("jbond@", "JBOND@") + "}");
        error(r, 400, "E0000001");
        assertThat(Http.json(r).at("/errorCauses/0/errorSummary").asText())
                .isEqualTo("login: An object with this field already exists in the current organization");
    }

    @Test
    void createWithGroupIdsAddsMemberships() {
        String group = sim.org().groups().filter(g -> g.get("type").asText().equals("OKTA_GROUP"))
                .findFirst().orElseThrow().get("id").asText();
        String id = createUser("", ",\"groupIds\":[\"" + group + "\"]");
        assertThat(sim.org().isMember(group, id)).isTrue();
        String everyone = sim.org().groups().findFirst().orElseThrow().get("id").asText();
        assertThat(sim.org().isMember(everyone, id)).isTrue();
    }

    @Test
    void invalidBodiesAreRejected() {
        error(http.send("POST", "/api/v1/users", "{not json"), 400, "E0000003");
        error(http.send("POST", "/api/v1/users", "{\"profile\":{\"login\":\"abcde@x.com\"}}"), 400, "E0000001");
        HttpResponse<String> unknown = http.send("POST", "/api/v1/users", PROFILE.replace("\"city\"", "\"nope\":1,\"city\"") + "}");
        error(unknown, 400, "E0000001");
        assertThat(Http.json(unknown).get("errorSummary").asText()).isEqualTo("Api validation failed: nope");
    }

    @Test
    void partialUpdateClearsExplicitNullAndPutReplaces() {
        String id = createUser("", "");
        JsonNode u = ok(http.send("POST", "/api/v1/users/" + id, "{\"profile\":{\"city\":null,\"title\":\"Spy\"}}"));
        assertThat(u.at("/profile/city").isNull()).isTrue();
        assertThat(u.at("/profile/title").asText()).isEqualTo("Spy");
        assertThat(u.at("/profile/firstName").asText()).isEqualTo("James");
        ObjectNode truth = sim.org().user(id).orElseThrow();
        assertThat(truth.at("/profile/city").isNull()).isTrue();

        JsonNode r = ok(http.send("PUT", "/api/v1/users/" + id, "{\"profile\":{\"login\":\"jbond@example.com\","
                + "\"email\":\"jbond@example.com\",\"firstName\":\"Jim\",\"lastName\":\"Bond\"}}"));
        assertThat(r.at("/profile").has("title")).isFalse();
        assertThat(r.at("/profile/firstName").asText()).isEqualTo("Jim");
        error(http.send("PUT", "/api/v1/users/" + id, "{\"profile\":{\"login\":\"jbond@example.com\"}}"),
                400, "E0000001");
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
        "activate,STAGED,200,PROVISIONED,",
        "activate,DEPROVISIONED,200,PROVISIONED,",
        "activate,ACTIVE,403,ACTIVE,E0000016",
        "deactivate,ACTIVE,200,DEPROVISIONED,",
        "deactivate,SUSPENDED,200,DEPROVISIONED,",
        "suspend,ACTIVE,200,SUSPENDED,",
        "suspend,STAGED,400,STAGED,E0000001",
        "unsuspend,SUSPENDED,200,ACTIVE,",
        "unsuspend,ACTIVE,400,ACTIVE,E0000001",
        "unlock,LOCKED_OUT,200,ACTIVE,",
        "unlock,ACTIVE,400,ACTIVE,E0000032",
        "reactivate,PROVISIONED,200,PROVISIONED,",
        "reactivate,ACTIVE,403,ACTIVE,E0000038",
        "expire_password,ACTIVE,200,PASSWORD_EXPIRED,",
        "expire_password,DEPROVISIONED,403,DEPROVISIONED,E0000038",
        "reset_password?sendEmail=false,ACTIVE,200,RECOVERY,",
        "reset_password,ACTIVE,400,ACTIVE,E0000028",
        "reset_factors,ACTIVE,200,ACTIVE,"})
    void lifecycleRules(String op, String from, int status, String to, String code) {
        String id = createUser("?activate=false", "");
        sim.org().setUserStatus(id, from);
        HttpResponse<String> r = http.send("POST", "/api/v1/users/" + id + "/lifecycle/" + op, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        if (code != null) {
            assertThat(Http.json(r).get("errorCode").asText()).isEqualTo(code);
        }
        assertThat(sim.org().user(id).orElseThrow().get("status").asText()).isEqualTo(to);
    }

    @Test
    void deleteIsTwoStep() {
        String id = createUser("", "");
        assertThat(http.send("DELETE", "/api/v1/users/" + id, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().user(id).orElseThrow().get("status").asText()).isEqualTo("DEPROVISIONED");
        assertThat(http.send("DELETE", "/api/v1/users/" + id, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().user(id)).isEmpty();
        error(http.send("DELETE", "/api/v1/users/" + id, null), 404, "E0000007");
    }

    @Test
    void groupsOnlyOktaGroupsChange() {
        JsonNode g = ok(http.send("POST", "/api/v1/groups", "{\"profile\":{\"name\":\"New, \\\"team\\\"\",\"description\":\"d\"}}"));
        String gid = g.get("id").asText();
        assertThat(g.get("type").asText()).isEqualTo("OKTA_GROUP");
        error(http.send("POST", "/api/v1/groups", "{\"profile\":{\"name\":\"New, \\\"team\\\"\"}}"), 400, "E0000001");
        JsonNode upd = ok(http.send("PUT", "/api/v1/groups/" + gid, "{\"profile\":{\"name\":\"Renamed\"}}"));
        assertThat(upd.at("/profile/name").asText()).isEqualTo("Renamed");
        String user = sim.org().users().findFirst().orElseThrow().get("id").asText();
        assertThat(http.send("PUT", "/api/v1/groups/" + gid + "/users/" + user, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().groupMemberIds(gid)).containsExactly(user);
        assertThat(http.send("DELETE", "/api/v1/groups/" + gid + "/users/" + user, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().groupMemberIds(gid)).isEmpty();

        String everyone = sim.org().groups().filter(x -> x.get("type").asText().equals("BUILT_IN"))
                .findFirst().orElseThrow().get("id").asText();
        String appGroup = sim.org().groups().filter(x -> x.get("type").asText().equals("APP_GROUP"))
                .findFirst().orElseThrow().get("id").asText();
        error(http.send("PUT", "/api/v1/groups/" + everyone, "{\"profile\":{\"name\":\"x\"}}"), 403, "E0000006");
        error(http.send("PUT", "/api/v1/groups/" + appGroup, "{\"profile\":{\"name\":\"x\"}}"), 400, "E0000001");
        error(http.send("PUT", "/api/v1/groups/" + appGroup + "/users/" + user, null), 400, "E0000001");
        error(http.send("DELETE", "/api/v1/groups/" + everyone, null), 403, "E0000006");
        assertThat(http.send("DELETE", "/api/v1/groups/" + gid, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().group(gid)).isEmpty();
    }

    @Test
    void appsDeleteOnlyWhenInactiveAndAssignments() {
        JsonNode a = ok(http.send("POST", "/api/v1/apps",
                "{\"name\":\"bookmark\",\"label\":\"My link\",\"signOnMode\":\"BOOKMARK\","
                        + "\"settings\":{\"app\":{\"url\":\"https://example.com\"}}}"));
        String aid = a.get("id").asText();
        assertThat(a.get("status").asText()).isEqualTo("ACTIVE");
        JsonNode u = ok(http.send("PUT", "/api/v1/apps/" + aid, "{\"label\":\"Renamed\",\"signOnMode\":\"BOOKMARK\"}"));
        assertThat(u.get("label").asText()).isEqualTo("Renamed");
        String gid = sim.org().groups().skip(1).findFirst().orElseThrow().get("id").asText();
        JsonNode as = ok(http.send("PUT", "/api/v1/apps/" + aid + "/groups/" + gid, "{\"priority\":3}"));
        assertThat(as.get("id").asText()).isEqualTo(gid);
        assertThat(as.get("priority").asInt()).isEqualTo(3);
        assertThat(sim.org().appGroupAssignments(aid)).extracting(n -> n.get("id").asText()).containsExactly(gid);
        assertThat(http.send("DELETE", "/api/v1/apps/" + aid + "/groups/" + gid, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().appGroupAssignments(aid)).isEmpty();

        HttpResponse<String> r = http.send("DELETE", "/api/v1/apps/" + aid, null);
        error(r, 403, "E0000056");
        assertThat(Http.json(r).at("/errorCauses/0/errorSummary").asText())
                .isEqualTo("The application must be deactivated before deletion.");
        ok(http.send("POST", "/api/v1/apps/" + aid + "/lifecycle/deactivate", null));
        assertThat(sim.org().app(aid).orElseThrow().get("status").asText()).isEqualTo("INACTIVE");
        assertThat(http.send("DELETE", "/api/v1/apps/" + aid, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().app(aid)).isEmpty();
    }

    @Test
    void unknownPathAndMethod() {
        error(http.get("/api/v1/nothing"), 404, "E0000008");
        error(http.send("PATCH", "/api/v1/users", "{}"), 405, "E0000022");
    }
}
