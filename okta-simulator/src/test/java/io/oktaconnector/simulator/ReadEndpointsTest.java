package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ReadEndpointsTest {
    static OktaSimulator sim;
    static Http http;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(3).users(450).groups(12).apps(12).hostileValues(true).start();
        http = new Http(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static List<JsonNode> pageAll(String first, List<HttpResponse<String>> responses) {
        List<JsonNode> all = new ArrayList<>();
        String url = first;
        while (url != null) {
            HttpResponse<String> r = http.get(url);
            assertThat(r.statusCode()).isEqualTo(200);
            responses.add(r);
            Http.json(r).forEach(all::add);
            url = Http.next(r);
        }
        return all;
    }

    @Test
    void plainUserListOmitsDeprovisionedAndPagesByLastId() {
        List<HttpResponse<String>> rs = new ArrayList<>();
        List<JsonNode> all = pageAll("/api/v1/users?limit=100", rs);
        List<String> expected = sim.org().users().filter(u -> !u.get("status").asText().equals("DEPROVISIONED"))
                .map(u -> u.get("id").asText()).collect(Collectors.toList());
        assertThat(all).extracting(u -> u.get("id").asText()).containsExactlyElementsOf(expected);
        assertThat(rs).hasSize((expected.size() + 99) / 100);
        HttpResponse<String> first = rs.get(0);
        assertThat(first.headers().allValues("link")).hasSize(2);
        assertThat(first.headers().allValues("link").get(0))
                .isEqualTo("<" + sim.baseUrl() + "/api/v1/users?limit=100>; rel=\"self\"");
        assertThat(Http.next(first)).isEqualTo(sim.baseUrl() + "/api/v1/users?after="
                + all.get(99).get("id").asText() + "&limit=100");
        assertThat(rs.get(rs.size() - 1).headers().allValues("link")).hasSize(1);
        assertThat(first.headers().firstValue("X-Rate-Limit-Limit")).isPresent();
        assertThat(first.headers().firstValue("X-Okta-Request-Id")).isPresent();
        assertThat(first.headers().firstValue("Date")).isPresent();
    }

    @Test
    void searchIncludesDeprovisionedAndWireEqualsGroundTruth() {
        List<JsonNode> all = pageAll("/api/v1/users?search=status%20pr", new ArrayList<>());
        List<ObjectNode> truth = sim.org().users().collect(Collectors.toList());
        assertThat(all).hasSize(truth.size());
        for (int i = 0; i < all.size(); i++) {
            ObjectNode w = ((ObjectNode) all.get(i)).deepCopy();
            w.remove("_links");
            assertThat(w).isEqualTo(truth.get(i));
        }
        List<JsonNode> deprov = pageAll("/api/v1/users?filter=status%20eq%20%22DEPROVISIONED%22", new ArrayList<>());
        assertThat(deprov).isNotEmpty().allMatch(u -> u.get("status").asText().equals("DEPROVISIONED"));
    }

    @Test
    void unsupportedFilterIs400() {
        HttpResponse<String> r = http.get("/api/v1/users?filter=status%20ne%20%22ACTIVE%22");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r).get("errorCode").asText()).isEqualTo("E0000031");
    }

    @Test
    void wrongTokenIs401() {
        HttpResponse<String> r = new Http(sim.baseUrl(), "wrong").get("/api/v1/users");
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode e = Http.json(r);
        assertThat(e.get("errorCode").asText()).isEqualTo("E0000011");
        assertThat(e.has("errorSummary") && e.has("errorLink") && e.has("errorId") && e.has("errorCauses")).isTrue();
    }

    @Test
    void groupsMembersAndStats() {
        List<JsonNode> groups = pageAll("/api/v1/groups?expand=stats&limit=5", new ArrayList<>());
        assertThat(groups).hasSize(12);
        assertThat(groups.get(0).get("type").asText()).isEqualTo("BUILT_IN");
        for (JsonNode g : groups) {
            String id = g.get("id").asText();
            List<JsonNode> members = pageAll("/api/v1/groups/" + id + "/users?limit=200", new ArrayList<>());
            assertThat(members).extracting(u -> u.get("id").asText())
                    .containsExactlyElementsOf(sim.org().groupMemberIds(id).collect(Collectors.toList()));
            assertThat(g.at("/_embedded/stats/usersCount").asLong()).isEqualTo(members.size());
        }
        assertThat(groups.get(0).at("/_embedded/stats/usersCount").asLong()).isEqualTo(450);
    }

    @Test
    void appsAndAssignments() {
        List<JsonNode> apps = pageAll("/api/v1/apps?limit=5", new ArrayList<>());
        assertThat(apps).hasSize(12);
        assertThat(apps).extracting(a -> a.get("signOnMode").asText()).contains("SOME_FUTURE_MODE", "SAML_2_0");
        assertThat(apps).extracting(a -> a.get("status").asText()).contains("ACTIVE", "INACTIVE");
        for (JsonNode a : apps) {
            String id = a.get("id").asText();
            List<JsonNode> assigned = pageAll("/api/v1/apps/" + id + "/groups", new ArrayList<>());
            assertThat(assigned).extracting(x -> x.get("id").asText()).containsExactlyElementsOf(
                    sim.org().appGroupAssignments(id).map(x -> x.get("id").asText()).collect(Collectors.toList()));
        }
    }

    @Test
    void getByIdAndLoginAndSchemas() {
        ObjectNode u = sim.org().users().skip(7).findFirst().orElseThrow();
        HttpResponse<String> byId = http.get("/api/v1/users/" + u.get("id").asText());
        assertThat(byId.statusCode()).isEqualTo(200);
        String login = u.at("/profile/login").asText();
        HttpResponse<String> byLogin = http.get("/api/v1/users/" + java.net.URLEncoder.encode(login,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Http.json(byLogin).get("id").asText()).isEqualTo(u.get("id").asText());
        assertThat(http.get("/api/v1/users/00uNOPE").statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("/api/v1/meta/schemas/user/default")).at("/definitions/custom/properties")
                .has("skills")).isTrue();
        assertThat(http.get("/api/v1/meta/schemas/group/default").statusCode()).isEqualTo(200);
    }
}
