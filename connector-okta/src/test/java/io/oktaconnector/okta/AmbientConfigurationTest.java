package io.oktaconnector.okta;

import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.oktaconnector.okta.TestSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK client is built only in code: okta.yaml, OKTA_* environment variables and okta.* / proxy system properties
 * pointing elsewhere change nothing. Runs the export in a child JVM with all of them set, and with every logger at
 * TRACE writing to a file, then proves that only the configured simulator was called, with the configured token, and
 * that neither the token nor a wrong one appears in the log.
 */
class AmbientConfigurationTest {

    @Test
    void ambientOktaConfigurationChangesNothingAndNoTokenIsLogged(@TempDir Path tmp) throws Exception {
        String token = "00tok-ambient-5e1b9c";
        String wrongToken = "00tok-wrong-77aa31";
        AtomicInteger decoyHits = new AtomicInteger();
        HttpServer decoy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        decoy.createContext("/", ex -> {
            decoyHits.incrementAndGet();
            byte[] body = "[]".getBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        decoy.start();
        String elsewhere = "http://127.0.0.1:" + decoy.getAddress().getPort();
        try (OktaSimulator sim = OktaSimulator.builder().seed(5).users(600).groups(20).apps(5).token(token).start()) {
            Path settings = tmp.resolve("appsettings.agent.json");
            Files.writeString(settings, """
                    { "Connections": { "Ambient": { "Server": "%s", "ApiKey": "%s", "AllowInsecureHttp": true } } }
                    """.formatted(sim.baseUrl(), token));
            Path home = tmp.resolve("home");
            Files.createDirectories(home.resolve(".okta"));
            Files.writeString(home.resolve(".okta/okta.yaml"), """
                    okta:
                      client:
                        orgUrl: "%1$s"
                        token: "00yaml-token"
                        authorizationMode: "PrivateKey"
                        connectionTimeout: 1
                        cache:
                          enabled: true
                        proxy:
                          host: "127.0.0.1"
                          port: %2$d
                        rateLimit:
                          maxRetries: 9
                    """.formatted(elsewhere, decoy.getAddress().getPort()));
            Path out = tmp.resolve("out");
            Path log = tmp.resolve("child.log");
            Path stdout = tmp.resolve("stdout.txt");

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java,
                    "-cp", System.getProperty("java.class.path"),
                    "-Duser.home=" + home,
                    "-Dokta.client.orgUrl=" + elsewhere,
                    "-Dokta.client.token=00sysprop-token",
                    "-Dokta.client.proxy.host=127.0.0.1",
                    "-Dokta.client.proxy.port=" + decoy.getAddress().getPort(),
                    "-Dokta.client.cache.enabled=true",
                    "-Dokta.testing.disableHttpsCheck=false",
                    "-Dhttp.proxyHost=127.0.0.1",
                    "-Dhttp.proxyPort=" + decoy.getAddress().getPort(),
                    "-Dhttp.nonProxyHosts=",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                    "-Dorg.slf4j.simpleLogger.logFile=" + log,
                    ChildExport.class.getName(), settings.toString(), "Ambient", out.toString(), wrongToken));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(stdout.toFile());
            Map<String, String> env = pb.environment();
            env.put("OKTA_CLIENT_ORGURL", elsewhere);
            env.put("OKTA_CLIENT_TOKEN", "00env-token");
            env.put("OKTA_CLIENT_CACHE_ENABLED", "true");
            env.put("OKTA_CLIENT_PROXY_HOST", "127.0.0.1");
            env.put("OKTA_CLIENT_PROXY_PORT", String.valueOf(decoy.getAddress().getPort()));
            env.put("OKTA_CLIENT_AUTHORIZATIONMODE", "PrivateKey");
            env.put("OKTA_CLIENT_CONNECTIONTIMEOUT", "not-a-number");
            env.put("HTTP_PROXY", elsewhere);
            env.put("HTTPS_PROXY", elsewhere);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the child JVM did not finish in time");
            }
            String output = Files.readString(stdout);
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("exported {Ambient_users=600").contains("check AUTHENTICATION");

            assertThat(decoyHits.get()).isZero();
            assertThat(readCsv(out.resolve("Ambient_users.csv")).rows()).hasSize(600);
            long authorized = sim.requests().count(r -> r.authorized());
            long unauthorized = sim.requests().count(r -> !r.authorized());
            assertThat(unauthorized).isEqualTo(1); // only the check with the wrong token
            assertThat(authorized).isGreaterThan(5);
            assertThat(sim.requests().all()).allSatisfy(r ->
                    assertThat(r.header("User-Agent")).startsWith("okta-connector/"));

            String logText = Files.readString(log);
            assertThat(logText).contains("io.oktaconnector.okta").contains("org.apache.hc.client5")
                    .contains("DEBUG");
            assertThat(logText).doesNotContain(token).doesNotContain(wrongToken);
            assertThat(output).doesNotContain(token).doesNotContain(wrongToken);
        } finally {
            decoy.stop(0);
        }
    }
}
