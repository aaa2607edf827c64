package io.oktaconnector.okta;

import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.fulfill.HttpWire;
import io.oktaconnector.okta.internal.http.OktaClientFactory;
import io.oktaconnector.okta.internal.http.Governor;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.http.RequestStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers the simulator never gives: wrong page shapes and content types, Link headers in their rarer forms. */
class WireShapeTest {

    private static HttpServer server;
    private static final Map<String, String[]> answers = new ConcurrentHashMap<>(); // path+query -> {content type, body, link}

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String key = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String[] a = answers.getOrDefault(key, answers.getOrDefault(ex.getRequestURI().getRawPath(),
                    new String[] {"application/json", "[]", null}));
            byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", a[0]);
            if (a[2] != null) {
                ex.getResponseHeaders().add("Link", a[2]);
            }
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @BeforeEach
    void schemas() {
        answers.clear();
        answers.put("/api/v1/meta/schemas/user/default", new String[] {"application/json",
                "{\"definitions\":{\"base\":{\"properties\":{\"login\":{}}},\"custom\":{\"properties\":{}}}}", null});
        answers.put("/api/v1/meta/schemas/group/default", new String[] {"application/json", "{\"definitions\":{}}", null});
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private OktaSettings settings() {
        return OktaSettings.builder().connectionId("Shape").server("http://127.0.0.1:" + server.getAddress().getPort())
                .apiKey(Secret.of("00shape")).allowInsecureHttp(true).build();
    }

    @Test
    void anObjectWhereAPageBelongsIsAProtocolError(@TempDir Path dir) {
        answers.put("/api/v1/users", new String[] {"application/json", "{\"errorCode\":\"x\",\"users\":[{\"id\":\"00u1\"}]}", null});
        assertThatThrownBy(() -> OktaConnector.export(settings(), dir)).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("GET /api/v1/users").contains("expected a JSON array");
                });
    }

    @Test
    void anHtmlPageIsAProtocolError(@TempDir Path dir) {
        answers.put("/api/v1/apps", new String[] {"text/html", "<html>proxy login</html>", null});
        assertThatThrownBy(() -> OktaConnector.export(settings(), dir)).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("GET /api/v1/apps").contains("text/html");
                });
    }

    @Test
    void pageItemsWithoutIdsAreAProtocolError(@TempDir Path dir) {
        answers.put("/api/v1/groups", new String[] {"application/json", "[{\"profile\":{}}]", null});
        assertThatThrownBy(() -> OktaConnector.export(settings(), dir)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL));
    }

    @Test
    void aCommaJoinedLinkHeaderWithAnUnquotedRelAndAnEncodedCursorIsFollowed(@TempDir Path dir) throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        answers.put("/api/v1/users?limit=200&search=status%20pr", new String[] {"application/json",
                "[{\"id\":\"00u1\",\"profile\":{\"login\":\"a\"}}]",
                "<" + base + "/api/v1/users?limit=200>; rel=self, <" + base
                        + "/api/v1/users?after=00u%2B1%3D&limit=200&search=status+pr>; rel=next"});
        answers.put("/api/v1/users?limit=200&search=status%20pr&after=00u%2B1%3D", new String[] {"application/json",
                "[{\"id\":\"00u2\",\"profile\":{\"login\":\"b\"}}]", null});
        OktaConnector.export(settings(), dir);
        assertThat(TestSupport.readCsv(dir.resolve("Shape_users.csv")).rows()).extracting(r -> r.get(0))
                .containsExactly("00u1", "00u2");
    }

    @Test
    void anEmptyPageThatLinksOnIsFollowedByTheExportAndTheFulfillWire(@TempDir Path dir) throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        answers.put("/api/v1/users?limit=200&search=status%20pr", new String[] {"application/json", "[]",
                "<" + base + "/api/v1/users?after=00u0&limit=200&search=status+pr>; rel=\"next\""});
        answers.put("/api/v1/users?limit=200&search=status%20pr&after=00u0", new String[] {"application/json",
                "[{\"id\":\"00u2\",\"profile\":{\"login\":\"b\"}}]", null});
        OktaConnector.export(settings(), dir);
        assertThat(TestSupport.readCsv(dir.resolve("Shape_users.csv")).rows()).extracting(r -> r.get(0))
                .containsExactly("00u2");

        answers.put("/api/v1/groups/00g1/users?limit=2", new String[] {"application/json", "[]",
                "<" + base + "/api/v1/groups/00g1/users?after=c1&limit=2>; rel=\"next\""});
        answers.put("/api/v1/groups/00g1/users?limit=2&after=c1", new String[] {"application/json",
                "[{\"id\":\"00u7\"}]", null});
        try (OktaClientFactory.Built client = OktaClientFactory.create(settings())) {
            HttpWire wire = new HttpWire(new OktaHttp(client.apiClient(), base, Governor.of(settings()),
                    new RequestStats()));
            assertThat(wire.getAll("/api/v1/groups/00g1/users", Map.of("limit", "2")))
                    .extracting(n -> n.path("id").asText()).containsExactly("00u7");
        }
    }

    @Test
    void aMappingBuiltInCodeNamingATableTheExportDoesNotWriteIsRefused(@TempDir Path dir) {
        EntityMapping mapping = new EntityMapping(List.of(new TableMapping("Shape_people", "Person",
                List.of(ColumnMapping.of("id")))));
        try (OktaConnector okta = OktaConnector.create(settings())) {
            assertThatThrownBy(() -> okta.export(dir, mapping, ProgressListener.NONE))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MAPPING);
                        assertThat(e.getMessage()).contains("Shape_people").contains("(its tables: Shape_users,"
                                + " Shape_groups, Shape_apps, Shape_groupsusers, Shape_groupsapps)");
                    });
        }
    }

    @Test
    void aNextLinkWithoutCursorIsAProtocolError(@TempDir Path dir) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        answers.put("/api/v1/apps", new String[] {"application/json", "[{\"id\":\"0oa1\"}]",
                "<" + base + "/api/v1/apps?limit=200>; rel=\"next\""});
        assertThatThrownBy(() -> OktaConnector.export(settings(), dir)).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                    assertThat(e.getMessage()).contains("no after cursor");
                });
    }
}
