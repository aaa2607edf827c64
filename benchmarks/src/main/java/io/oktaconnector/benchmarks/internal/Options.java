package io.oktaconnector.benchmarks.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What to run, as given on the command line (see {@link #USAGE}); {@code null} fields take the scenario's default.
 *
 * @param scenario        S, M, L, noisy, 1M, cpu, fulfill or smoke
 * @param users           users override
 * @param groups          groups override
 * @param apps            apps override
 * @param seed            the org's seed
 * @param conditions      pinned or fast, {@code null} for the scenario's default
 * @param timeScale       time-scale override
 * @param baseline        run the SDK baseline too, {@code null} for the scenario's default
 * @param oursXmx         -Xmx of our export's JVM
 * @param baselineXmx     -Xmx of the baseline's JVM
 * @param concurrency     our MaxConcurrency setting, {@code null} for the connector's default
 * @param rateLimitShare  our RateLimitShare setting, {@code null} for the connector's default
 * @param boundShare      the share of the token's budget the lower bound lets us use, {@code null}: see Harness
 * @param neighbourShare  the share of the token's budget the noisy neighbour takes
 * @param changes         membership changes of the fulfill scenario
 * @param work            the working directory (outputs and child logs)
 * @param timeoutMinutes  the limit for each child run
 */
public record Options(String scenario, Integer users, Integer groups, Integer apps, long seed, String conditions,
                      Double timeScale, Boolean baseline, String oursXmx, String baselineXmx, Integer concurrency,
                      Double rateLimitShare, Double boundShare, Double neighbourShare, int changes, Path work,
                      int timeoutMinutes) {

    public static final String USAGE = String.join("\n",
            "usage: java -jar benchmarks/target/benchmarks.jar --scenario S|M|L|noisy|1M|cpu|fulfill|smoke [options]",
            "  --users N --groups N --apps N   override the scenario's org size",
            "  --seed N                        the org's seed (default 42)",
            "  --conditions pinned|fast        pinned: Workforce, 50% per token, 75 concurrent, 100±30 ms, 1/10 time;",
            "                                  fast: no latency, no limits (default for 1M and cpu)",
            "  --time-scale X                  rate-limit windows last 60/X s (pinned: 10)",
            "  --baseline true|false           also run the SDK-typed-API baseline (default: S, M, L, noisy)",
            "  --xmx SIZE                      heap of our export's JVM (default 64m)",
            "  --baseline-xmx SIZE             heap of the baseline's JVM (default 256m)",
            "  --concurrency N                 our MaxConcurrency setting (default: the connector's)",
            "  --rate-limit-share X            our RateLimitShare setting (default: the connector's)",
            "  --bound-share X                 our share of the token budget in the lower bound (default: the",
            "                                  RateLimitShare once the connector has a governor, 1.0 before)",
            "  --neighbour-share X             noisy: share of the token budget the neighbour takes (default 0.3)",
            "  --changes N                     fulfill: membership changes (default 10000)",
            "  --work DIR                      outputs and child logs (default benchmarks/target/bench-work)",
            "  --timeout-minutes N             limit per child run (default 60)");

    /** @throws IllegalArgumentException on bad usage */
    public static Options parse(String[] argv) {
        Map<String, String> a = Args.parse(argv);
        for (String k : a.keySet()) {
            if (!USAGE.contains(k + " ") && !USAGE.contains(k + "\n") && !k.equals("--help")) {
                throw new IllegalArgumentException("unknown option " + k);
            }
        }
        String scenario = a.get("--scenario");
        if (scenario == null) {
            throw new IllegalArgumentException("--scenario is required");
        }
        if (!java.util.List.of("s", "m", "l", "noisy", "1m", "cpu", "fulfill", "smoke")
                .contains(scenario.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        String cond = a.get("--conditions");
        if (cond != null && !cond.equals("pinned") && !cond.equals("fast")) {
            throw new IllegalArgumentException("--conditions must be pinned or fast");
        }
        Path work = Path.of(a.getOrDefault("--work", defaultWork()));
        return new Options(scenario, integer(a, "--users"), integer(a, "--groups"), integer(a, "--apps"),
                Long.parseLong(a.getOrDefault("--seed", "42")), cond, dbl(a, "--time-scale"),
                a.containsKey("--baseline") ? Boolean.valueOf(a.get("--baseline")) : null,
                a.getOrDefault("--xmx", "64m"), a.getOrDefault("--baseline-xmx", "256m"), integer(a, "--concurrency"),
                dbl(a, "--rate-limit-share"), dbl(a, "--bound-share"), dbl(a, "--neighbour-share"),
                Integer.parseInt(a.getOrDefault("--changes", "10000")), work,
                Integer.parseInt(a.getOrDefault("--timeout-minutes", "60")));
    }

    private static String defaultWork() {
        return java.nio.file.Files.isDirectory(Path.of("benchmarks", "target")) ? "benchmarks/target/bench-work"
                : "target/bench-work";
    }

    private static Integer integer(Map<String, String> a, String k) {
        return a.containsKey(k) ? Integer.valueOf(a.get(k)) : null;
    }

    private static Double dbl(Map<String, String> a, String k) {
        return a.containsKey(k) ? Double.valueOf(a.get(k)) : null;
    }
}
