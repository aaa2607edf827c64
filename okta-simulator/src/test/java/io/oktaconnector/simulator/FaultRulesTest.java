package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultRulesTest {
    static OktaSimulator sim;
    static Http http;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(5).users(50).groups(6).apps(4).start();
        http = new Http(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clear() {
        sim.faults().clear();
    }

    private static String someGroup() {
        return sim.org().groups().skip(1).findFirst().orElseThrow().get("id").asText();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 400, 404})
    void statusFault(int status) {
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*/users").always().status(status));
        HttpResponse<String> r = http.get("/api/v1/groups/" + someGroup() + "/users");
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(Http.json(r).has("errorCode")).isTrue();
        assertThat(r.headers().firstValue("X-Okta-Request-Id")).isPresent();
        assertThat(http.get("/api/v1/groups").statusCode()).isEqualTo(200);
    }

    @Test
    void status429HasNoRateLimitHeaders() {
        long before = sim.counters().tooManyRequests();
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").times(1).status(429));
        HttpResponse<String> r = http.get("/api/v1/users");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Http.json(r).get("errorCode").asText()).isEqualTo("E0000047");
        assertThat(r.headers().firstValue("X-Rate-Limit-Reset")).isEmpty();
        assertThat(r.headers().firstValue("Date")).isPresent();
        assertThat(sim.counters().tooManyRequests()).isEqualTo(before + 1);
        assertThat(http.get("/api/v1/users").statusCode()).isEqualTo(200);
    }

    @Test
    void triggersNthTimesAfterAndStarMatchesOneSegment() {
        String g = someGroup();
        FaultHandle nth = sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*/users").nth(3).status(503));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(http.get("/api/v1/groups/" + g + "/users").statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 503, 200, 200);
        assertThat(http.get("/api/v1/groups/" + g).statusCode()).isEqualTo(200);
        assertThat(nth.matches()).isEqualTo(5);
        assertThat(nth.hits()).isEqualTo(1);
        nth.remove();

        sim.faults().add(FaultRule.on("*", "/api/v1/apps/**").times(2).status(500));
        String app = sim.org().apps().findFirst().orElseThrow().get("id").asText();
        assertThat(http.get("/api/v1/apps/" + app).statusCode()).isEqualTo(500);
        assertThat(http.get("/api/v1/apps/" + app + "/groups").statusCode()).isEqualTo(500);
        assertThat(http.get("/api/v1/apps/" + app).statusCode()).isEqualTo(200);
        sim.faults().clear();

        sim.faults().add(FaultRule.on("GET", "/api/v1/apps").afterRequests(2).status(502));
        assertThat(List.of(http.get("/api/v1/apps").statusCode(), http.get("/api/v1/apps").statusCode(),
                http.get("/api/v1/apps").statusCode(), http.get("/api/v1/apps").statusCode()))
                .containsExactly(200, 200, 502, 502);
    }

    @Test
    void probabilityIsSeeded() {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (List<Integer> out : List.of(first, second)) {
            sim.faults().clear();
            sim.faults().add(FaultRule.on("GET", "/api/v1/groups").probability(0.5, 42).status(500));
            for (int i = 0; i < 30; i++) {
                out.add(http.get("/api/v1/groups").statusCode());
            }
        }
        assertThat(first).isEqualTo(second).contains(200, 500);
    }

    @Test
    void resetBeforeBodySendsNothing() throws IOException {
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").resetBeforeBody());
        RawHttp.Result r = RawHttp.exchange(sim, "GET", "/api/v1/users", null);
        assertThat(r.bytes()).isEmpty();
        assertThatThrownBy(() -> http.get("/api/v1/users")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void truncatedBodyPromisesMoreThanItSends() throws IOException {
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").truncatedBody());
        RawHttp.Result r = RawHttp.exchange(sim, "GET", "/api/v1/users", null);
        if (!r.text().isEmpty()) {
            int promised = r.headerLines().stream().filter(l -> l.startsWith("Content-Length: "))
                    .mapToInt(l -> Integer.parseInt(l.substring(16))).findFirst().orElseThrow();
            assertThat(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(promised);
        }
        assertThatThrownBy(() -> http.get("/api/v1/users")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void resetAfterBodyEndsWithReset() throws IOException {
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").resetAfterBody());
        RawHttp.Result r = RawHttp.exchange(sim, "GET", "/api/v1/groups", null);
        assertThat(r.error()).isNotNull();
        assertThat(sim.requests().all()).last().extracting(RecordedRequest::faults)
                .isEqualTo(List.of("RESET_AFTER_BODY"));
    }

    @Test
    void malformedJson() {
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").malformedJson());
        HttpResponse<String> r = http.get("/api/v1/groups");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.json(r)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void delayOutlastsClientTimeout() {
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").times(1).delay(Duration.ofMillis(1500)));
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sim.baseUrl() + "/api/v1/groups")).timeout(Duration.ofMillis(200))
                .header("Authorization", "SSWS " + sim.token()).build();
        assertThatThrownBy(() -> c.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void redirectToForeignOrigin() {
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").redirectTo("http://127.0.0.2:9"));
        HttpResponse<String> r = http.get("/api/v1/users?limit=2");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("http://127.0.0.2:9/api/v1/users?limit=2");
    }

    @Test
    void foreignAndEndlessNextLinks() {
        sim.faults().add(FaultRule.on("GET", "/api/v1/users").times(1).foreignNextLink("http://127.0.0.2:9/"));
        HttpResponse<String> r = http.get("/api/v1/users?limit=2");
        assertThat(Http.next(r)).startsWith("http://127.0.0.2:9/api/v1/users?after=").endsWith("&limit=2");
        assertThat(r.headers().allValues("Link").get(0)).startsWith("<" + sim.baseUrl());
        sim.faults().clear();

        sim.faults().add(FaultRule.on("GET", "/api/v1/apps").endlessNextLink());
        String url = "/api/v1/apps?limit=200";
        List<String> nexts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> p = http.get(url);
            url = Http.next(p);
            assertThat(url).isNotNull();
            nexts.add(url);
        }
        assertThat(nexts.subList(1, 4)).containsOnly(nexts.get(0));
    }

    @Test
    void duplicateRateLimitHeadersAndMissingDate() throws IOException {
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").duplicateRateLimitHeaders());
        sim.faults().add(FaultRule.on("GET", "/api/v1/groups").missingDate());
        RawHttp.Result r = RawHttp.exchange(sim, "GET", "/api/v1/groups", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headerLines()).filteredOn(l -> l.startsWith("X-Rate-Limit-Reset:")).hasSize(2);
        assertThat(r.headerLines()).filteredOn(l -> l.startsWith("X-Rate-Limit-Limit:")).hasSize(2);
        assertThat(r.headerLines()).noneMatch(l -> l.toLowerCase().startsWith("date:"));
    }

    @Test
    void ambiguousWriteCommitsThenDrops() throws IOException {
        sim.faults().add(FaultRule.on("POST", "/api/v1/groups").times(1).ambiguousWrite());
        long before = sim.org().groupCount();
        RawHttp.Result r = RawHttp.exchange(sim, "POST", "/api/v1/groups", "{\"profile\":{\"name\":\"Ambiguous\"}}");
        assertThat(r.bytes()).isEmpty();
        assertThat(sim.org().groupCount()).isEqualTo(before + 1);
        assertThat(sim.org().groups()).anyMatch(g -> g.at("/profile/name").asText().equals("Ambiguous"));
        RecordedRequest rec = sim.requests().all().get(sim.requests().size() - 1);
        assertThat(rec.status()).isZero();
        assertThat(rec.faults()).containsExactly("AMBIGUOUS_WRITE");
        // retrying the create now meets the committed object
        JsonNode again = Http.json(http.send("POST", "/api/v1/groups", "{\"profile\":{\"name\":\"Ambiguous\"}}"));
        assertThat(again.get("errorCode").asText()).isEqualTo("E0000001");
    }

    @Test
    void statusFaultDoesNotApplyTheWrite() {
        sim.faults().add(FaultRule.on("POST", "/api/v1/groups").times(1).status(503));
        long before = sim.org().groupCount();
        assertThat(http.send("POST", "/api/v1/groups", "{\"profile\":{\"name\":\"Never\"}}").statusCode())
                .isEqualTo(503);
        assertThat(sim.org().groupCount()).isEqualTo(before);
        assertThat(sim.counters().faultsInjected()).isPositive();
    }
}
