package io.oktaconnector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.csv.internal.FileOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Roll-forward publishing: crashes (a real child process halted mid-commit) and failed renames. */
class CsvTableSinkCrashTest {
    private static final List<String> TABLES = CrashingCommit.TABLES;
    private static final List<String> FILES = TABLES.stream().map(t -> t + ".csv").collect(Collectors.toList());

    @TempDir
    Path dir;

    private void export(String label, FileOps ops) {
        CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, ops);
        for (String t : TABLES) {
            sink.open(t, List.of("id", "export")).write(List.of(t, label));
        }
        sink.commit();
    }

    /** Which export each table file comes from, in TABLES order. */
    private List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (String f : FILES) {
            List<List<String>> rows = TestCsv.parse(dir.resolve(f));
            assertThat(rows).hasSize(2);
            labels.add(rows.get(1).get(1));
        }
        return labels;
    }

    private List<String> manifests() {
        return TestCsv.names(dir).stream().filter(n -> n.startsWith(".okta-connector-commit.")).collect(Collectors.toList());
    }

    private void crashChild(String label, int dieBeforeMove) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingCommit.class.getName(),
                dir.toString(), label, Integer.toString(dieBeforeMove))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the child ends
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(p.exitValue()).as("child died at the crash point; its output: %s", output).isEqualTo(CrashingCommit.EXIT);
    }

    @ParameterizedTest(name = "crash before rename {0} of 6 (the manifest's is the first)")
    @ValueSource(ints = {2, 3, 5, 6})
    void aCrashBetweenRenamesIsCompletedByTheNextOpen(int dieBeforeMove) throws Exception {
        export("old", FileOps.DEFAULT);
        crashChild("new", dieBeforeMove);

        int renamed = dieBeforeMove - 2;
        List<String> mix = new ArrayList<>();
        for (int i = 0; i < TABLES.size(); i++) {
            mix.add(i < renamed ? "new" : "old");
        }
        assertThat(labels()).as("what the crash left").isEqualTo(mix);
        assertThat(manifests()).as("the manifest survived the crash").hasSize(1);

        CsvTableSink.open(dir).close();

        assertThat(labels()).as("all five from the new export").containsOnly("new");
        assertThat(TestCsv.names(dir)).as("no temporary file, no manifest").containsExactlyInAnyOrderElementsOf(FILES);
    }

    @ParameterizedTest(name = "crash {0}")
    @ValueSource(ints = {0, 1})
    void aCrashBeforeTheManifestIsCompleteLeavesThePreviousFiles(int dieBeforeMove) throws Exception {
        export("old", FileOps.DEFAULT);
        Map<String, String> before = TestCsv.snapshot(dir);
        crashChild("new", dieBeforeMove);
        assertThat(TestCsv.names(dir)).as("temporary files and the manifest part left by the crash")
                .hasSize(FILES.size() * 2 + 1)
                .anySatisfy(n -> assertThat(n).startsWith(".okta-connector-commit.").endsWith(".manifest.tmp"));

        CsvTableSink.open(dir).close();

        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aLiveFailureMidRenamesIsReportedAndCompletedByTheNextOpen() {
        export("old", FileOps.DEFAULT);
        AtomicBoolean broken = new AtomicBoolean(true);
        FileOps groupsRenameFails = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                if (broken.get() && target.getFileName().toString().equals("X_groups.csv")) {
                    throw new IOException("Operation not permitted");
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, groupsRenameFails);
        for (String t : TABLES) {
            sink.open(t, List.of("id", "export")).write(List.of(t, "new"));
        }
        assertThatThrownBy(sink::commit).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.IO);
            assertThat(e.getMessage()).contains("Operation not permitted", "X_groups.csv", "already published: X_users.csv",
                    "completed by the next run");
        });
        sink.close(); // must not delete what the next open needs
        assertThat(labels()).as("the others were rolled forward").containsExactly("new", "old", "new", "new", "new");
        assertThat(manifests()).hasSize(1);
        assertThatThrownBy(sink::commit).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));

        broken.set(false);
        CsvTableSink.open(dir, CsvOptions.DEFAULTS, groupsRenameFails).close();

        assertThat(labels()).containsOnly("new");
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(FILES);
    }

    @Test
    void aRecoveryThatCannotRenameFailsTheOpenAndKeepsEverythingForTheNextAttempt() {
        export("old", FileOps.DEFAULT);
        FileOps groupsRenameFails = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                if (target.getFileName().toString().equals("X_groups.csv")) {
                    throw new IOException("Operation not permitted");
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        assertThatThrownBy(() -> export("new", groupsRenameFails)).isInstanceOf(ConnectorException.class);
        Map<String, String> pending = TestCsv.snapshot(dir);

        assertThatThrownBy(() -> CsvTableSink.open(dir, CsvOptions.DEFAULTS, groupsRenameFails))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IO);
                    assertThat(e.getMessage()).contains("interrupted publish", "X_groups.csv", "Operation not permitted");
                });
        assertThat(TestCsv.snapshot(dir)).as("not swept").isEqualTo(pending);

        CsvTableSink.open(dir).close();
        assertThat(labels()).containsOnly("new");
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(FILES);
    }

    @Test
    void aRenameThatFailsOnceIsRetriedAfterTheOthers() {
        export("old", FileOps.DEFAULT);
        AtomicInteger failures = new AtomicInteger();
        FileOps usersRenameFailsOnce = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                if (target.getFileName().toString().equals("X_users.csv") && failures.getAndIncrement() == 0) {
                    throw new IOException("Device or resource busy");
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        export("new", usersRenameFailsOnce);
        assertThat(failures.get()).isEqualTo(2);
        assertThat(labels()).containsOnly("new");
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(FILES);
    }

    @Test
    void whenEveryTableRenameFailsTheManifestIsWithdrawnAndNothingIsPublished() {
        export("old", FileOps.DEFAULT);
        Map<String, String> before = TestCsv.snapshot(dir);
        FileOps tableRenamesFail = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                if (target.getFileName().toString().endsWith(".csv")) {
                    throw new IOException("Operation not permitted");
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        assertThatThrownBy(() -> export("new", tableRenamesFail)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.getMessage()).contains("no file was published"));
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
        CsvTableSink.open(dir).close();
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aSinkOpenedDuringAnotherSinksRenamesLeavesItsManifestAlone() {
        export("old", FileOps.DEFAULT);
        List<String> seenByTheOther = new ArrayList<>();
        AtomicInteger moves = new AtomicInteger();
        FileOps opensAnotherSinkMidCommit = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                if (moves.incrementAndGet() == 3) { // manifest and X_users renamed, four tables to go
                    CsvTableSink.open(dir).close();
                    seenByTheOther.addAll(manifests());
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        export("new", opensAnotherSinkMidCommit);
        assertThat(seenByTheOther).as("the live manifest was neither completed nor deleted").hasSize(1);
        assertThat(labels()).containsOnly("new");
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(FILES);
    }

    @Test
    void aMalformedManifestFailsTheOpenInsteadOfBeingGuessedAt() throws IOException {
        export("old", FileOps.DEFAULT);
        Path manifest = dir.resolve(".okta-connector-commit.0f8fad5b-d9cb-469f-a165-70867728950e.manifest");
        Files.writeString(manifest, "okta-connector commit manifest 1\n../../etc/passwd\tX_users.csv\nend 1\n");
        assertThatThrownBy(() -> CsvTableSink.open(dir)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.IO);
            assertThat(e.getMessage()).contains("malformed", manifest.getFileName().toString());
        });
        assertThat(manifest).exists();
        assertThat(labels()).containsOnly("old");
    }
}
