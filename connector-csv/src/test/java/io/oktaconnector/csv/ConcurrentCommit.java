package io.oktaconnector.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the cross-process lock test, driven by lines on stdin: {@code open <round>} opens a sink in the
 * directory (waiting for the lock as a host's run would), writes the five tables tagged {@code <label><round>} and
 * answers {@code ready <round>}; {@code commit} publishes, closes and answers {@code done <round>}; {@code quit}
 * (or the end of stdin) ends it.
 */
final class ConcurrentCommit {
    private ConcurrentCommit() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String label = args[1];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CsvTableSink sink = null;
        String round = null;
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            if (line.startsWith("open ")) {
                round = line.substring(5);
                sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, CsvTableSinkLockTest.NO_FSYNC);
                for (String t : CrashingCommit.TABLES) {
                    sink.open(t, List.of("id", "export")).write(List.of(t, label + round));
                }
                System.out.println("ready " + round);
            } else if (line.equals("commit") && sink != null) {
                sink.commit();
                sink.close();
                sink = null;
                System.out.println("done " + round);
            } else {
                System.out.println("unknown command: " + line);
            }
            System.out.flush();
        }
        if (sink != null) {
            sink.close();
        }
    }
}
