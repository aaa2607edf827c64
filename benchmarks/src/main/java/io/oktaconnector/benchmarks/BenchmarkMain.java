package io.oktaconnector.benchmarks;

import io.oktaconnector.benchmarks.internal.Harness;
import io.oktaconnector.benchmarks.internal.Options;
import io.oktaconnector.benchmarks.internal.Report;

/**
 * The benchmark command:
 * {@code java -jar benchmarks/target/benchmarks.jar --scenario S|M|L|noisy|1M|cpu|fulfill|smoke [options]}.
 * Prints the report (Markdown) on stdout, progress on stderr, and keeps the outputs, child logs and
 * {@code report.json} under {@code --work}. Exit 0 when every run completed with the expected row counts, 1 when not,
 * 2 on bad usage.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    /** @param args see {@link Options#USAGE} */
    public static void main(String[] args) {
        if (args.length == 0 || java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(Options.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Report r = new Harness(options, System.err).run();
        System.out.println(r.text());
        System.exit(r.ok() ? 0 : 1);
    }
}
