package io.oktaconnector.benchmarks.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of this module in a fresh JVM on the harness's own class path (the shaded jar, or Maven's). */
final class ChildJvm {
    private ChildJvm() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * @param mainClass the class to run
     * @param jvmArgs   e.g. {@code -Xmx64m}
     * @param args      program arguments (never a credential: those go through stdin)
     * @param stderrLog where the child's stderr goes
     * @return the started process; stdin and stdout are pipes
     */
    static Process start(Class<?> mainClass, List<String> jvmArgs, List<String> args, Path stderrLog) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmArgs);
        // library and SDK logging: warnings only, on the child's stderr (a file)
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        try {
            Files.createDirectories(stderrLog.toAbsolutePath().getParent());
            return new ProcessBuilder(cmd).redirectError(stderrLog.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getSimpleName(), e);
        }
    }

    /** The last lines of a child's log, for an error message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
