package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.oktaconnector.simulator.internal.Ids;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HeadersAndGenerationTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void headerNamesAreSentInTheChosenCase(boolean lower) throws IOException {
        try (OktaSimulator sim = OktaSimulator.builder().lowerCaseHeaders(lower).users(5).start()) {
            RawHttp.Result r = RawHttp.exchange(sim, "GET", "/api/v1/users?limit=2", null);
            List<String> names = r.headerLines().stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
            List<String> expected = List.of("Date", "Content-Type", "X-Okta-Request-Id", "X-Rate-Limit-Limit",
                    "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset", "Link", "Link", "Content-Length");
            assertThat(names).containsExactlyElementsOf(lower
                    ? expected.stream().map(String::toLowerCase).toList() : expected);
            // the JDK client reads both the same way
            HttpResponse<String> h = new Http(sim).get("/api/v1/users?limit=2");
            assertThat(h.headers().allValues("link")).hasSize(2);
            assertThat(h.headers().firstValue("x-rate-limit-reset")).isPresent();
        }
    }

    @Test
    void sameSeedSameOrgOtherSeedOtherOrg() {
        try (OktaSimulator a = OktaSimulator.builder().seed(9).users(300).groups(15).apps(11).hostileValues(true).start();
             OktaSimulator b = OktaSimulator.builder().seed(9).users(300).groups(15).apps(11).hostileValues(true).start();
             OktaSimulator c = OktaSimulator.builder().seed(10).users(300).groups(15).apps(11).hostileValues(true).start()) {
            assertThat(a.org().users().toList()).isEqualTo(b.org().users().toList());
            assertThat(a.org().groups().toList()).isEqualTo(b.org().groups().toList());
            assertThat(a.org().apps().toList()).isEqualTo(b.org().apps().toList());
            for (ObjectNode g : a.org().groups().toList()) {
                String id = g.get("id").asText();
                assertThat(a.org().groupMemberIds(id).toList()).isEqualTo(b.org().groupMemberIds(id).toList());
            }
            assertThat(a.org().users().toList()).isNotEqualTo(c.org().users().toList());
            // and the wire serves the same bytes for the same seed (minus the origin)
            String wa = new Http(a).get("/api/v1/users?search=status%20pr").body().replace(a.baseUrl(), "");
            String wb = new Http(b).get("/api/v1/users?search=status%20pr").body().replace(b.baseUrl(), "");
            assertThat(wa).isEqualTo(wb);
        }
    }

    @Test
    void generatedOrgHasEveryShapeTheExportNeeds() {
        try (OktaSimulator sim = OktaSimulator.builder().users(40).groups(10).apps(10).hostileValues(true).start()) {
            SimOrg org = sim.org();
            Set<String> statuses = org.users().map(u -> u.get("status").asText()).collect(Collectors.toSet());
            assertThat(statuses).containsExactlyInAnyOrder("ACTIVE", "STAGED", "PROVISIONED", "SUSPENDED",
                    "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "RECOVERY");
            List<ObjectNode> users = org.users().toList();
            assertThat(users).allMatch(u -> u.at("/type/id").asText().startsWith("oty"));
            assertThat(users).allMatch(u -> u.at("/credentials/provider/type").isTextual());
            assertThat(users).allMatch(u -> u.at("/profile/badgeNumber").isInt());
            assertThat(users).allMatch(u -> u.at("/profile/skills").isArray());
            assertThat(users).anyMatch(u -> u.at("/profile/mobilePhone").isNull());
            String all = users.toString();
            assertThat(all).contains("Zürich", "東京", "\\r\\n", "<script>", "O'Brien", "Smith, Jr.", "\\\"Core\\\"");
            assertThat(users).anyMatch(u -> u.at("/profile/bio").asText().length() >= 4000);
            assertThat(org.groups().map(g -> g.get("type").asText()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("BUILT_IN", "OKTA_GROUP", "APP_GROUP");
            String everyone = org.groups().findFirst().orElseThrow().get("id").asText();
            assertThat(org.groupMemberIds(everyone).count()).isEqualTo(40);
            List<Long> sizes = org.groups().skip(1).map(g -> org.groupMemberIds(g.get("id").asText()).count()).toList();
            assertThat(sizes).contains(0L);
            assertThat(sizes.get(0)).isGreaterThan(10);
            assertThat(org.apps().map(a -> a.get("signOnMode").asText()).collect(Collectors.toSet()))
                    .contains("SOME_FUTURE_MODE", "SAML_2_0", "OPENID_CONNECT", "BOOKMARK");
            assertThat(org.apps().map(a -> a.get("status").asText()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("ACTIVE", "INACTIVE");
            assertThat(org.apps().flatMap(a -> org.appGroupAssignments(a.get("id").asText())))
                    .allMatch(x -> x.get("priority").isInt()).isNotEmpty();
            assertThat(org.userSchema().at("/definitions/base/properties/login/required").asBoolean()).isTrue();
            assertThat(org.groupSchema().at("/definitions/custom/properties/groupContact").isObject()).isTrue();
        }
    }

    @Test
    void millionUserOrgPagesByIndexWithoutMaterialising() {
        try (OktaSimulator sim = OktaSimulator.builder().users(1_000_000).groups(50).apps(5).start()) {
            Http http = new Http(sim);
            Ids ids = new Ids(1);
            assertThat(sim.org().userCount()).isEqualTo(1_000_000);
            JsonNode page = Http.json(http.get("/api/v1/users?search=status%20pr"));
            assertThat(page.size()).isEqualTo(200);
            assertThat(page.get(0).get("id").asText()).isEqualTo(ids.user(0));
            // a cursor deep in the org answers the next ids directly
            JsonNode p = Http.json(http.get("/api/v1/users?search=status%20pr&after=" + ids.user(999_000)));
            assertThat(p.size()).isEqualTo(200);
            assertThat(p.get(0).get("id").asText()).isEqualTo(ids.user(999_001));
            HttpResponse<String> last = http.get("/api/v1/users?search=status%20pr&after=" + ids.user(999_899));
            assertThat(Http.json(last).size()).isEqualTo(100);
            assertThat(Http.next(last)).isNull();
            HttpResponse<String> g = http.get("/api/v1/groups?expand=stats&limit=3");
            assertThat(Http.json(g).get(0).at("/_embedded/stats/usersCount").asLong()).isEqualTo(1_000_000);
            assertThat(Http.json(http.get("/api/v1/groups/" + ids.group(0) + "/users")).size()).isEqualTo(1000);
            assertThat(Http.json(http.get("/api/v1/groups/" + ids.group(1) + "/users?after=" + ids.user(500_000)))
                    .get(0).get("id").asText()).isGreaterThan(ids.user(500_000));
            // a write lands in the overlay and is served at once
            sim.org().setUserStatus(ids.user(999_999), "SUSPENDED");
            assertThat(Http.json(http.get("/api/v1/users/" + ids.user(999_999))).get("status").asText())
                    .isEqualTo("SUSPENDED");
        }
    }
}
