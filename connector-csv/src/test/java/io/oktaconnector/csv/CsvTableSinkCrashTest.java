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
import java.time.Duration;
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
import org.junit.jupiter.params.provider.MethodSource;
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
    void aSinkOpenedDuringAnotherSinksRenamesWaitsAndLeavesItsManifestAlone() {
        export("old", FileOps.DEFAULT);
        List<String> seenByTheOther = new ArrayList<>();
        AtomicInteger moves = new AtomicInteger();
        FileOps opensAnotherSinkMidCommit = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                if (moves.incrementAndGet() == 3) { // manifest and X_users renamed, four tables to go
                    assertThatThrownBy(() -> CsvTableSink.open(dir, CsvOptions.DEFAULTS, Duration.ofMillis(50)))
                            .isInstanceOfSatisfying(ConnectorException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
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

    /** What a planted or corrupt manifest may hold; each must be set aside, not block the directory. */
    static List<byte[]> notOurManifests() {
        return List.of(
                "okta-connector commit manifest 1\n../../etc/passwd\tX_users.csv\nend 1\n".getBytes(StandardCharsets.UTF_8),
                "okta-connector commit manifest 1\n.X_users.csv.0f8fad5b-d9cb-469f-a165-70867728950e.tmp\tX_users.csv\n"
                        .getBytes(StandardCharsets.UTF_8), // cut short: no end line
                "not a manifest at all".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'o', 'k', (byte) 0xe9},
                new byte[0]);
    }

    @ParameterizedTest(name = "planted manifest #{index}")
    @MethodSource("notOurManifests")
    void aManifestThatIsNotOursIsSetAsideAndTheExportGoesOn(byte[] content) throws IOException {
        export("old", FileOps.DEFAULT);
        Path manifest = dir.resolve(".okta-connector-commit.0f8fad5b-d9cb-469f-a165-70867728950e.manifest");
        Files.write(manifest, content);

        export("new", FileOps.DEFAULT);

        assertThat(labels()).containsOnly("new");
        Path aside = dir.resolve(manifest.getFileName() + ".rejected");
        assertThat(aside).hasBinaryContent(content);
        List<String> expected = new ArrayList<>(FILES);
        expected.add(aside.getFileName().toString());
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aHugeManifestIsSetAsideUnread() throws IOException {
        export("old", FileOps.DEFAULT);
        Path manifest = dir.resolve(".okta-connector-commit.0f8fad5b-d9cb-469f-a165-70867728950e.manifest");
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(manifest,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap("okta-connector commit manifest 1\n".getBytes(StandardCharsets.UTF_8)));
            c.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), 200L * 1024 * 1024); // sparse: 200 MB, no disk used
        }
        export("new", FileOps.DEFAULT);
        assertThat(labels()).containsOnly("new");
        assertThat(dir.resolve(manifest.getFileName() + ".rejected")).exists();
        assertThat(manifest).doesNotExist();
    }

    @Test
    void settingAManifestAsideIsOneWarningLine() throws Exception {
        export("old", FileOps.DEFAULT);
        Path manifest = dir.resolve(".okta-connector-commit.0f8fad5b-d9cb-469f-a165-70867728950e.manifest");
        Files.writeString(manifest, "okta-connector commit manifest 1\nsecret-looking content\nend 1\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.logFile=System.out", CrashingCommit.class.getName(), dir.toString(), "new", "-1")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).as(output).singleElement().satisfies(line -> assertThat(line)
                .startsWith("[main] WARN io.oktaconnector.csv.internal.CommitManifest - set aside the commit manifest "
                        + manifest + ", which has an entry that is not a temporary file and its target in this "
                        + "directory: renamed to " + manifest.getFileName() + ".rejected; nothing it lists was published")
                .doesNotContain("secret-looking"));
        assertThat(labels()).containsOnly("new");
    }
}
