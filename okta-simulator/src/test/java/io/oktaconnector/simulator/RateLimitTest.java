package io.oktaconnector.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.250Z");

    @Test
    void limitPlusOneInsideAWindowIs429WithHeaders() {
        MutableClock clock = new MutableClock(T0);
        RateLimits limits = RateLimits.workforce().bucket(RateLimitBucket.USERS, 5);
        try (OktaSimulator sim = OktaSimulator.builder().rateLimits(limits).clock(clock).start()) {
            Http http = new Http(sim);
            long reset = T0.plusSeconds(60).getEpochSecond() + 1;
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> r = http.get("/api/v1/users?limit=1");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Rate-Limit-Limit")).contains("5");
                assertThat(r.headers().firstValue("X-Rate-Limit-Remaining")).contains(String.valueOf(5 - i));
                assertThat(r.headers().firstValue("X-Rate-Limit-Reset")).contains(String.valueOf(reset));
                clock.advance(Duration.ofSeconds(10));
            }
            HttpResponse<String> over = http.get("/api/v1/users?limit=1");
            assertThat(over.statusCode()).isEqualTo(429);
            assertThat(Http.json(over).get("errorCode").asText()).isEqualTo("E0000047");
            assertThat(over.headers().firstValue("X-Rate-Limit-Remaining")).contains("0");
            assertThat(over.headers().firstValue("X-Rate-Limit-Limit")).contains("5");
            assertThat(over.headers().firstValue("X-Rate-Limit-Reset")).contains(String.valueOf(reset));
            assertThat(over.headers().firstValue("Date")).contains("Thu, 01 Jan 2026 10:00:50 GMT");
            // other buckets are independent
            HttpResponse<String> groups = http.get("/api/v1/groups");
            assertThat(groups.statusCode()).isEqualTo(200);
            assertThat(groups.headers().firstValue("X-Rate-Limit-Limit")).contains("500");
            assertThat(http.get("/api/v1/apps").headers().firstValue("X-Rate-Limit-Limit")).contains("100");
            // the window ends 60 s after its first request
            clock.advance(Duration.ofSeconds(10));
            HttpResponse<String> again = http.get("/api/v1/users?limit=1");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("X-Rate-Limit-Remaining")).contains("4");
            assertThat(sim.counters().tooManyRequests(RateLimitBucket.USERS)).isEqualTo(1);
            assertThat(sim.counters().requests(RateLimitBucket.USERS)).isEqualTo(7);
        }
    }

    @Test
    void perTokenShareAndTimeScale() {
        MutableClock clock = new MutableClock(T0);
        RateLimits limits = RateLimits.free().perTokenShare(0.5).timeScale(60);
        try (OktaSimulator sim = OktaSimulator.builder().rateLimits(limits).clock(clock).start()) {
            Http http = new Http(sim);
            String app = sim.org().apps().findFirst().orElseThrow().get("id").asText();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                statuses.add(http.get("/api/v1/apps/" + app + "/groups").statusCode());
            }
            assertThat(statuses.subList(0, 10)).containsOnly(200);
            assertThat(statuses.get(10)).isEqualTo(429);
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> r = http.get("/api/v1/apps/" + app + "/groups");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Rate-Limit-Limit")).contains("10");
        }
    }

    @Test
    void bucketMap() {
        assertThat(bucket("GET", "/api/v1/users")).isEqualTo(RateLimitBucket.USERS);
        assertThat(bucket("GET", "/api/v1/users/00u1")).isEqualTo(RateLimitBucket.USER_GET_BY_ID);
        assertThat(bucket("POST", "/api/v1/users/00u1")).isEqualTo(RateLimitBucket.USER_WRITE_BY_ID);
        assertThat(bucket("GET", "/api/v1/users/00u1/groups")).isEqualTo(RateLimitBucket.OTHER);
        assertThat(bucket("GET", "/api/v1/groups")).isEqualTo(RateLimitBucket.GROUPS);
        assertThat(bucket("GET", "/api/v1/groups/00g1")).isEqualTo(RateLimitBucket.GROUP_BY_ID);
        assertThat(bucket("GET", "/api/v1/groups/00g1/users")).isEqualTo(RateLimitBucket.OTHER);
        assertThat(bucket("GET", "/api/v1/apps")).isEqualTo(RateLimitBucket.APPS);
        assertThat(bucket("GET", "/api/v1/apps/0oa1")).isEqualTo(RateLimitBucket.APP_BY_ID);
        assertThat(bucket("GET", "/api/v1/apps/0oa1/groups")).isEqualTo(RateLimitBucket.APPS);
        assertThat(bucket("POST", "/api/v1/apps/0oa1/lifecycle/activate")).isEqualTo(RateLimitBucket.APPS);
        assertThat(bucket("GET", "/api/v1/meta/schemas/user/default")).isEqualTo(RateLimitBucket.OTHER);
    }

    private static RateLimitBucket bucket(String method, String path) {
        return io.oktaconnector.simulator.internal.RateLimiter.bucketOf(method, path);
    }

    @Test
    void concurrencyLimitAnswers429WithZeroHeaders() throws Exception {
        RateLimits limits = RateLimits.none().concurrencyLimit(2);
        try (OktaSimulator sim = OktaSimulator.builder().rateLimits(limits).start()) {
            // each request is held 1.5 s inside the server, so all three are in flight together
            // (a generous margin: the three arrive within milliseconds)
            sim.faults().add(FaultRule.on("GET", "/api/v1/groups").delay(Duration.ofMillis(1500)));
            Http http = new Http(sim);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    fs.add(CompletableFuture.supplyAsync(() -> http.get("/api/v1/groups"), pool));
                }
                List<HttpResponse<String>> rs = fs.stream().map(CompletableFuture::join).toList();
                List<HttpResponse<String>> rejected = rs.stream().filter(r -> r.statusCode() == 429).toList();
                assertThat(rejected).hasSize(1);
                HttpResponse<String> r = rejected.get(0);
                assertThat(r.headers().firstValue("X-Rate-Limit-Limit")).contains("0");
                assertThat(r.headers().firstValue("X-Rate-Limit-Remaining")).contains("0");
                assertThat(r.headers().firstValue("X-Rate-Limit-Reset")).isPresent();
                assertThat(Http.json(r).get("errorCode").asText()).isEqualTo("E0000047");
                assertThat(sim.counters().concurrencyRejections()).isEqualTo(1);
                assertThat(sim.counters().peakConcurrency()).isEqualTo(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void servesSeventyFiveConcurrentRequests() throws Exception {
        try (OktaSimulator sim = OktaSimulator.builder().latency(Duration.ofMillis(2500), Duration.ZERO).start()) {
            Http http = new Http(sim);
            ExecutorService pool = Executors.newFixedThreadPool(80);
            try {
                List<CompletableFuture<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    fs.add(CompletableFuture.supplyAsync(() -> http.get("/api/v1/users?limit=5").statusCode(), pool));
                }
                assertThat(fs.stream().map(CompletableFuture::join)).containsOnly(200);
                assertThat(sim.counters().peakConcurrency()).isGreaterThanOrEqualTo(75);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
