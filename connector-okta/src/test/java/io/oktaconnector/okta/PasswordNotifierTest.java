package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordNotifierTest {

    /** A host's notifier, registered through a services file in a temporary class path entry. */
    public static final class RecordingNotifier implements PasswordNotifier {
        static final List<PasswordNotice> RECEIVED = new ArrayList<>();

        @Override
        public void deliver(PasswordNotice notice) {
            RECEIVED.add(notice);
        }
    }

    /** A second one, to provoke ambiguity. */
    public static final class OtherNotifier implements PasswordNotifier {
        @Override
        public void deliver(PasswordNotice notice) {
        }
    }

    private static ClassLoader withServices(Path dir, String... classes) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(PasswordNotifier.class.getName()), List.of(classes));
        return new URLClassLoader(new URL[]{dir.toUri().toURL()}, PasswordNotifierTest.class.getClassLoader());
    }

    @Test
    void withoutProviderTheNotifierDeliversNothing(@TempDir Path dir) throws Exception {
        assertThat(PasswordNotifier.fromServiceLoader(withServices(dir))).isSameAs(PasswordNotifier.NONE);
    }

    @Test
    void theRegisteredNotifierIsFound(@TempDir Path dir) throws Exception {
        PasswordNotifier n = PasswordNotifier.fromServiceLoader(withServices(dir, RecordingNotifier.class.getName()));
        assertThat(n).isInstanceOf(RecordingNotifier.class);
        PasswordNotice notice = new PasswordNotice("Okta", "3930001", "00u1", "jbond@example.com",
                Secret.of("Gen3rated!pw"), true);
        n.deliver(notice);
        assertThat(RecordingNotifier.RECEIVED).containsExactly(notice);
    }

    @Test
    void twoRegisteredNotifiersAreAnError(@TempDir Path dir) throws Exception {
        ClassLoader loader = withServices(dir, RecordingNotifier.class.getName(), OtherNotifier.class.getName());
        assertThatThrownBy(() -> PasswordNotifier.fromServiceLoader(loader))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("several password notifiers");
    }

    @Test
    void aNoticeNeverPrintsThePassword() {
        PasswordNotice notice = new PasswordNotice("Okta", "3930001", "00u1", "jbond@example.com",
                Secret.of("Gen3rated!pw"), true);
        assertThat(notice.toString()).doesNotContain("Gen3rated!pw").contains("jbond@example.com", "[hidden]");
        assertThatThrownBy(() -> new PasswordNotice("Okta", "1", "00u1", "x", null, false))
                .isInstanceOf(NullPointerException.class);
    }
}
