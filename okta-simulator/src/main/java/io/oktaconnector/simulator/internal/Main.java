package io.oktaconnector.simulator.internal;

import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RateLimits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar okta-simulator.jar [options]}: starts a simulator, prints its base URL and token,
 * and serves until the process is stopped. The token is the simulator's own throw-away credential,
 * printed on purpose so that tools can be pointed at it.
 */
public final class Main {
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar okta-simulator.jar [options]",
            "  --port N              port on 127.0.0.1 (default 0 = a free port)",
            "  --users N             generated users (default 20)",
            "  --groups N            generated groups incl. Everyone (default 5)",
            "  --apps N              generated apps (default 3)",
            "  --seed N              generation seed (default 1)",
            "  --latency-ms N        fixed latency per request in ms (default 0)",
            "  --jitter-ms N         extra random latency in [0, N] ms (default 0)",
            "  --rate-limits P       none|workforce|enterprise|free (default none)",
            "  --time-scale X        compress rate-limit windows: 60 s / X (default 1)",
            "  --token T             the SSWS token to accept (default random)",
            "  --oauth-client ID PEM SCOPES",
            "                        register an OAuth service app (private_key_jwt): client id, a file with",
            "                        its public key (PEM, BEGIN PUBLIC KEY), granted scopes comma-separated;",
            "                        repeatable. Tokens come from <baseUrl>/oauth2/v1/token",
            "  --token-lifetime-s N  access-token lifetime in seconds (default 3600)",
            "  --require-dpop        service apps must use DPoP (RFC 9449), as Okta's default for new apps",
            "  --hostile             generate hostile values (commas, quotes, CR/LF, UTF-8, HTML...)",
            "  --lower-case-headers  send response header names lower-cased",
            "  --help                this text");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        OktaSimulator.Builder b = OktaSimulator.builder();
        RateLimits limits = RateLimits.none();
        long latency = 0;
        long jitter = 0;
        double timeScale = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return;
                    }
                    case "--port" -> b.port(Integer.parseInt(value(args, ++i, a)));
                    case "--users" -> b.users(Integer.parseInt(value(args, ++i, a)));
                    case "--groups" -> b.groups(Integer.parseInt(value(args, ++i, a)));
                    case "--apps" -> b.apps(Integer.parseInt(value(args, ++i, a)));
                    case "--seed" -> b.seed(Long.parseLong(value(args, ++i, a)));
                    case "--latency-ms" -> latency = Long.parseLong(value(args, ++i, a));
                    case "--jitter-ms" -> jitter = Long.parseLong(value(args, ++i, a));
                    case "--time-scale" -> timeScale = Double.parseDouble(value(args, ++i, a));
                    case "--token" -> b.token(value(args, ++i, a));
                    case "--hostile" -> b.hostileValues(true);
                    case "--lower-case-headers" -> b.lowerCaseHeaders(true);
                    case "--oauth-client" -> {
                        String id = value(args, ++i, a);
                        PublicKey key = publicKey(Path.of(value(args, ++i, a)));
                        Set<String> scopes = new LinkedHashSet<>();
                        for (String sc : value(args, ++i, a).split(",")) {
                            if (!sc.isBlank()) {
                                scopes.add(sc.trim());
                            }
                        }
                        b.oauthClient(id, key, scopes);
                    }
                    case "--token-lifetime-s" -> b.accessTokenLifetime(
                            Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    case "--require-dpop" -> b.requireDPoP(true);
                    case "--rate-limits" -> limits = switch (value(args, ++i, a)) {
                        case "none" -> RateLimits.none();
                        case "workforce" -> RateLimits.workforce();
                        case "enterprise" -> RateLimits.enterprise();
                        case "free" -> RateLimits.free();
                        default -> throw new IllegalArgumentException("--rate-limits: none|workforce|enterprise|free");
                    };
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            b.latency(Duration.ofMillis(latency), Duration.ofMillis(jitter));
            b.rateLimits(limits.timeScale(timeScale));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        OktaSimulator sim = b.start();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }, "okta-sim-shutdown"));
        out.println("baseUrl=" + sim.baseUrl());
        out.println("token=" + sim.token());
        out.println("tokenUrl=" + sim.tokenUrl());
        out.flush();
        done.await();
    }

    /** An RSA or EC public key from a PEM file (SubjectPublicKeyInfo, {@code BEGIN PUBLIC KEY}). */
    static PublicKey publicKey(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("--oauth-client: cannot read " + pem + ": " + e.getMessage());
        }
        int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = text.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("--oauth-client: " + pem + " holds no BEGIN PUBLIC KEY block");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 26, end));
        for (String alg : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("--oauth-client: " + pem + " is neither an RSA nor an EC public key");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
