package io.oktaconnector.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress is drawn only when stderr itself is a terminal. */
class MainTest {

    @Test
    void aDescriptorIsATerminalOnlyWhenItsLinkNamesATerminalDeviceOnLinux(@TempDir Path dir) throws IOException {
        Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
        Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
        Path file = Files.createSymbolicLink(dir.resolve("file"), dir.resolve("stderr.log"));
        Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[12345]"));
        assertThat(Main.isTerminal("Linux", pts)).isTrue();
        assertThat(Main.isTerminal("Linux", tty)).isTrue();
        assertThat(Main.isTerminal("Linux", file)).isFalse();
        assertThat(Main.isTerminal("Linux", pipe)).isFalse();
        assertThat(Main.isTerminal("Linux", dir.resolve("missing"))).isFalse();
        // another platform: no way to tell, so no progress
        assertThat(Main.isTerminal("Windows 11", pts)).isFalse();
        assertThat(Main.isTerminal("Mac OS X", pts)).isFalse();
    }

    @Test
    void theTestsOwnStderrIsNotATerminal() {
        // surefire pipes the forked JVM's stderr, whatever the console: progress would be off
        assertThat(Main.stderrIsTerminal()).isFalse();
    }
}
