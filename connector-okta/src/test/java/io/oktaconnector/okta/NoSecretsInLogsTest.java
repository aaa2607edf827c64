package io.oktaconnector.okta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing secret in logs or exception messages: {@link LeakProbe} runs in a fresh JVM with every logger (the
 * connector's, the SDK's, httpclient5's header and wire loggers) at TRACE, the most verbose level there is; its whole
 * output must contain none of the secrets it used.
 */
class NoSecretsInLogsTest {

    @Test
    void theMostVerboseLogHoldsNoSecret(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                LeakProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = new String(bytes, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("probe done");
        // the loggers really were at their most verbose, and the failures were logged with their causes
        assertThat(output).contains("DEBUG org.apache.hc.client5", "proxy auth state", "check with a wrong key failed",
                "invalid_client", "check with a wrong token failed", "loading a tampered file failed",
                "fulfill (ssws)", "fulfill (OAuth, proxy)", "renewing it once");
        assertThat(Files.readString(dir.resolve("results-oauth.csv"))).contains("oauth1,Executed", "oauth2,Executed");
        assertThat(Files.readString(dir.resolve("results-ssws.csv"))).contains("ssws1,Executed", "ssws2,Executed");
        assertThat(Files.readString(dir.resolve("results-generate.csv"))).contains("gen1,Executed", "gen2,Executed",
                "gen3,Errored", "gen4,Errored", "Password requirements were not met");
        assertThat(output).contains("fulfill (generate, dry run)", "[hidden]");
        // a server that echoed the refused bodies (issue 13): the passwords came back, and were hidden
        assertThat(Files.readString(dir.resolve("results-echo.csv"))).contains("echo1,Errored", "echoed1,Errored",
                "Api validation failed", "[hidden]");

        List<String> secrets = Files.readAllLines(dir.resolve("secrets.txt"));
        assertThat(secrets).hasSizeGreaterThan(10);
        for (String secret : secrets) {
            if (secret.length() >= 6) {
                assertThat(output).as("a secret of %d characters", secret.length()).doesNotContain(secret);
            }
        }
        assertThat(output).doesNotContain("eyJhbGci", "Bearer at-", "SSWS 00");
    }
}
