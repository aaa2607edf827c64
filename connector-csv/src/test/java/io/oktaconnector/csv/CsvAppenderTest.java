package io.oktaconnector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvAppenderTest {
    private static final List<String> HEADER = List.of("AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId");

    @TempDir
    Path dir;

    private Path results() {
        return dir.resolve("results.csv");
    }

    @Test
    void aNewFileGetsTheHeaderAndEachRowIsOnDiskBeforeAppendReturns() {
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            assertThat(TestCsv.read(results())).isEqualTo("AssignmentId,ProvisioningState,Message,ChangeType,ResourceId\r\n");
            journal.append(List.of("3930001", "Executed", "", "Added", "00u1"));
            // read while the appender is still open: nothing is buffered in the JVM
            assertThat(TestCsv.parse(results())).containsExactly(HEADER, List.of("3930001", "Executed", "", "Added", "00u1"));
            journal.append(Arrays.asList("3930002", "Errored", "E0000001: Api validation failed: login, \"dup\"\r\nrequest 42", "Modified", null));
            assertThat(TestCsv.parse(results())).hasSize(3).last()
                    .isEqualTo(List.of("3930002", "Errored", "E0000001: Api validation failed: login, \"dup\"\r\nrequest 42", "Modified", ""));
            assertThat(journal.rows()).isEqualTo(2);
            assertThat(journal.header()).isEqualTo(HEADER);
            assertThat(journal.file()).isEqualTo(results().toAbsolutePath());
        }
    }

    @Test
    void reopeningResumesWithoutRepeatingTheHeader() {
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("1", "Executed", "", "Added", "00u1"));
        }
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("2", "Errored", "boom", "Deleted", "00u2"));
            assertThat(journal.rows()).isEqualTo(1);
        }
        assertThat(CsvAppender.readAll(results())).containsExactly(HEADER,
                List.of("1", "Executed", "", "Added", "00u1"), List.of("2", "Errored", "boom", "Deleted", "00u2"));
    }

    @Test
    void anEmptyExistingFileGetsTheHeader() throws IOException {
        Files.createFile(results());
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("1", "Executed", "", "Added", "00u1"));
        }
        assertThat(CsvAppender.readAll(results())).hasSize(2).first().isEqualTo(HEADER);
    }

    @Test
    void aRecordCutShortByACrashIsRemovedOnReopen() throws IOException {
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("1", "Executed", "", "Added", "00u1"));
        }
        String complete = TestCsv.read(results());
        for (String partial : List.of("2,Exec", "2,Errored,\"half a message\r\nstill inside quotes\r\n", "2")) {
            Files.writeString(results(), complete + partial, StandardCharsets.UTF_8);
            try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
                assertThat(TestCsv.read(results())).as(partial).isEqualTo(complete);
                journal.append(List.of("2", "Executed", "", "Deleted", "00u2"));
            }
            assertThat(CsvAppender.readAll(results())).as(partial).containsExactly(HEADER,
                    List.of("1", "Executed", "", "Added", "00u1"), List.of("2", "Executed", "", "Deleted", "00u2"));
        }
    }

    @Test
    void aHeaderCutShortIsRewritten() throws IOException {
        Files.writeString(results(), "AssignmentId,Provis");
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("1", "Executed", "", "Added", "00u1"));
        }
        assertThat(CsvAppender.readAll(results())).containsExactly(HEADER, List.of("1", "Executed", "", "Added", "00u1"));
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedAndLeftAlone() throws IOException {
        Files.writeString(results(), "id,name\r\n1,a\r\n");
        assertThatThrownBy(() -> CsvAppender.open(results(), HEADER))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IO);
                    assertThat(e.getMessage()).contains("results.csv", "[id, name]");
                });
        assertThat(TestCsv.read(results())).isEqualTo("id,name\r\n1,a\r\n");
    }

    @Test
    void aSecondAppenderOnTheSameFileIsRefused() {
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            assertThatThrownBy(() -> CsvAppender.open(results(), HEADER))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO));
            journal.append(List.of("1", "Executed", "", "Added", "00u1"));
        }
        assertThatCode(() -> CsvAppender.open(results(), HEADER).close()).as("free again after close").doesNotThrowAnyException();
    }

    @Test
    void rowsOfTheWrongWidthAndRowsAfterCloseAreRefused() {
        CsvAppender journal = CsvAppender.open(results(), HEADER);
        assertThatThrownBy(() -> journal.append(List.of("1")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.append(List.of("1", "Executed", "", "Added", "00u1")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThat(CsvAppender.readAll(results())).containsExactly(HEADER);
    }

    @Test
    void trickyValuesRoundTripThroughTheReader() {
        List<String> header = List.of("id", "value");
        try (CsvAppender journal = CsvAppender.open(results(), header)) {
            for (String v : tricky()) {
                journal.append(List.of("x", v));
            }
        }
        List<List<String>> all = CsvAppender.readAll(results());
        assertThat(all.subList(1, all.size())).extracting(r -> r.get(1)).containsExactlyElementsOf(tricky());
    }

    private static List<String> tricky() {
        return List.of("a,b", "\"q\"", "cr\rx", "lf\nx", "crlf\r\nx", " lead", "trail ", "", "€ 日本 😀", "#c");
    }

    @Test
    void concurrentAppendsAreWrittenWhole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        journal.append(List.of(thread + "-" + i, "Executed", "msg, with \"quotes\"\r\n", "Added", "00u"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<List<String>> all = CsvAppender.readAll(results());
        assertThat(all).hasSize(201);
        assertThat(all.subList(1, 201)).allSatisfy(r -> assertThat(r).hasSize(5).element(2).isEqualTo("msg, with \"quotes\"\r\n"));
        assertThat(all.subList(1, 201)).extracting(r -> r.get(0)).doesNotHaveDuplicates();
    }

    @Test
    void readAllOfAMissingFileIsEmpty() {
        assertThat(CsvAppender.readAll(dir.resolve("none.csv"))).isEmpty();
    }

    @Test
    void readDetectsLfFilesAndSkipsTheByteOrderMark() throws IOException {
        Files.write(results(), "\uFEFFa,b\n\"x\r\ny\",\"\"\n".getBytes(StandardCharsets.UTF_8));
        assertThat(CsvAppender.readAll(results())).containsExactly(List.of("a", "b"), List.of("x\r\ny", ""));
    }

    @Test
    void aBomAndLfJournalCanBeResumedWithTheSameOptions() {
        CsvOptions options = CsvOptions.DEFAULTS.withBom(true).withLineSeparator("\n").withDelimiter(';');
        try (CsvAppender journal = CsvAppender.open(results(), HEADER, options)) {
            journal.append(List.of("1", "Executed", "a;b", "Added", "00u1"));
        }
        try (CsvAppender journal = CsvAppender.open(results(), HEADER, options)) {
            journal.append(List.of("2", "Executed", "", "Added", "00u2"));
        }
        assertThat(TestCsv.read(results())).startsWith("\uFEFFAssignmentId;").doesNotContain("\r");
        assertThat(CsvAppender.readAll(results(), options)).containsExactly(HEADER,
                List.of("1", "Executed", "a;b", "Added", "00u1"), List.of("2", "Executed", "", "Added", "00u2"));
    }

    @Test
    void streamingReadVisitsRecordsInOrder() {
        try (CsvAppender journal = CsvAppender.open(results(), List.of("n"))) {
            for (int i = 0; i < 100; i++) {
                journal.append(List.of(String.valueOf(i)));
            }
        }
        List<String> seen = new ArrayList<>();
        CsvAppender.read(results(), CsvOptions.DEFAULTS, r -> seen.add(r.get(0)));
        assertThat(seen).hasSize(101).startsWith("n", "0", "1").endsWith("99");
    }

    @Test
    void readAllSkipsARecordCutShortJustAsReopeningRemovesIt() throws IOException {
        for (String partial : List.of("2,Exec", "2,Errored,\"half a message\r\nstill inside quotes\r\n")) {
            Files.writeString(results(), "AssignmentId,ProvisioningState,Message,ChangeType,ResourceId\r\n"
                    + "1,Executed,,Added,00u1\r\n" + partial);
            List<List<String>> read = CsvAppender.readAll(results());
            assertThat(read).as(partial).containsExactly(HEADER, List.of("1", "Executed", "", "Added", "00u1"));
            CsvAppender.open(results(), HEADER).close();
            assertThat(CsvAppender.readAll(results())).isEqualTo(read);
        }
    }

    @Test
    void invalidCsvIsAnIoError() throws IOException {
        Files.writeString(results(), "a,b\r\n\"x\"\"y\"z,w\r\n");
        assertThatThrownBy(() -> CsvAppender.readAll(results()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO));
    }

    @Test
    void theParentDirectoryIsCreated() {
        Path nested = dir.resolve("x/y/results.csv");
        CsvAppender.open(nested, HEADER).close();
        assertThat(nested).exists();
        assertThatThrownBy(() -> CsvAppender.open(nested, List.of()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void appendingNeverTouchesEarlierBytes() throws IOException {
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("1", "Executed", "", "Added", "00u1"));
        }
        byte[] before = Files.readAllBytes(results());
        try (CsvAppender journal = CsvAppender.open(results(), HEADER)) {
            journal.append(List.of("2", "Executed", "", "Added", "00u2"));
        }
        byte[] after = Files.readAllBytes(results());
        assertThat(after.length).isGreaterThan(before.length);
        assertThat(Arrays.copyOf(after, before.length)).isEqualTo(before);
    }

    @Test
    void readBackStreamsTheFileThroughTheOpenAppenderAndAppendingGoesOnAtTheEnd() {
        CsvOptions semicolons = CsvOptions.DEFAULTS.withDelimiter(';');
        try (CsvAppender journal = CsvAppender.open(results(), HEADER, semicolons)) {
            journal.append(List.of("1", "Executed", "a;b", "Added", "00u1"));
            journal.append(List.of("2", "Errored", "line\r\nbreak", "Modified", ""));
            List<List<String>> seen = new ArrayList<>();
            journal.readBack(seen::add);
            assertThat(seen).containsExactly(HEADER, List.of("1", "Executed", "a;b", "Added", "00u1"),
                    List.of("2", "Errored", "line\r\nbreak", "Modified", ""));
            // reading moved the channel to the start: the next row must still land at the end
            journal.append(List.of("3", "Executed", "", "Deleted", "00u3"));
            List<List<String>> again = new ArrayList<>();
            journal.readBack(again::add);
            assertThat(again).hasSize(4).last().isEqualTo(List.of("3", "Executed", "", "Deleted", "00u3"));
            journal.close();
            assertThatThrownBy(() -> journal.readBack(r -> { }))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        }
        List<List<String>> onDisk = new ArrayList<>();
        CsvAppender.read(results(), semicolons, onDisk::add);
        assertThat(onDisk).hasSize(4);
    }
}
