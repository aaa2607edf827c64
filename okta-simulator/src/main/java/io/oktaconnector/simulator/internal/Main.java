package io.oktaconnector.simulator.internal;

import io.oktaconnector.simulator.OktaSimulator;
import io.oktaconnector.simulator.RateLimits;

import java.io.PrintStream;
import java.time.Duration;
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
        out.flush();
        done.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
