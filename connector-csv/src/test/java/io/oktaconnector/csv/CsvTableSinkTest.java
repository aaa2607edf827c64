package io.oktaconnector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableWriter;
import io.oktaconnector.csv.internal.FileOps;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableSinkTest {
    private static final String USERS = "Okta_users";
    private static final String GROUPS = "Okta_groups";
    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @TempDir
    Path dir;

    /** Publishes USERS and GROUPS with known content, returns the directory's bytes. */
    private Map<String, String> publishPrevious() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            sink.open(USERS, List.of("id", "login")).write(List.of("00u1", "old@example.com"));
            sink.open(GROUPS, List.of("id")).write(List.of("00g1"));
            sink.commit();
        }
        Map<String, String> before = TestCsv.snapshot(dir);
        assertThat(before).containsOnlyKeys(USERS + ".csv", GROUPS + ".csv");
        return before;
    }

    private static void writeNew(CsvTableSink sink, int rows) {
        TableWriter users = sink.open(USERS, List.of("id", "login"));
        TableWriter groups = sink.open(GROUPS, List.of("id"));
        for (int i = 0; i < rows; i++) {
            users.write(List.of("new" + i, "x,\"y\"\r\n" + i));
            groups.write(List.of("g" + i));
        }
    }

    private static void assertIo(Throwable e, String... fragments) {
        assertThat(e).isInstanceOf(ConnectorException.class);
        assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.IO);
        assertThat(e.getMessage()).contains(fragments);
    }

    @Test
    void defaultOutputIsExactlyRfc4180() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            TableWriter w = sink.open(USERS, List.of("id", "profile.displayName", "note"));
            w.write(List.of("00u1", "James Bond", "plain"));
            w.write(Arrays.asList("00u2", "Bond, James", null));
            w.write(List.of("00u3", "say \"hi\"", ""));
            w.write(List.of("00u4", "two\r\nlines", " padded "));
            w.write(List.of("00u5", "日本 😀", "#x"));
            sink.commit();
        }
        byte[] bytes = TestCsv.read(dir.resolve(USERS + ".csv")).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "id,profile.displayName,note\r\n"
                        + "00u1,James Bond,plain\r\n"
                        + "00u2,\"Bond, James\",\r\n"
                        + "00u3,\"say \"\"hi\"\"\",\r\n"
                        + "00u4,\"two\r\nlines\",\" padded \"\r\n"
                        + "00u5,日本 😀,#x\r\n");
        assertThat(bytes[0]).as("no byte order mark").isEqualTo((byte) 'i');
    }

    @Test
    void aReaderThatTrimsUnquotedFieldsAndSkipsCommentsStillGetsTheValues() {
        // univocity's parser with its default settings trims unquoted fields, treats '#' lines as comments and skips
        // empty lines, like many readers: quoting where needed must protect the values from all of that
        List<String> values = List.of(" lead", "trail ", "  both  ", "\tx\t", "a,b", "q\"q", "#x", "plain");
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            TableWriter w = sink.open(USERS, List.of("#v"));
            values.forEach(v -> w.write(List.of(v)));
            w.write(List.of(""));
            sink.commit();
        }
        CsvParserSettings defaults = new CsvParserSettings();
        defaults.getFormat().setLineSeparator("\r\n");
        List<String> read = new ArrayList<>();
        for (String[] r : new CsvParser(defaults).parseAll(dir.resolve(USERS + ".csv").toFile(), StandardCharsets.UTF_8)) {
            read.add(r.length == 0 ? "" : r[0] == null ? "" : r[0]);
        }
        List<String> expected = new ArrayList<>(values);
        expected.add(0, "#v");
        expected.add("");
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void byteOrderMarkOnlyWhenAsked() throws IOException {
        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS.withBom(true))) {
            sink.open(USERS, List.of("id")).write(List.of("é"));
            sink.commit();
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(USERS + ".csv"));
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo("id\r\né\r\n");
        assertThat(CsvAppender.readAll(dir.resolve(USERS + ".csv"))).containsExactly(List.of("id"), List.of("é"));
    }

    @Test
    void delimiterAndLineSeparatorOptions() {
        CsvOptions options = CsvOptions.DEFAULTS.withDelimiter(';').withLineSeparator("\n");
        try (CsvTableSink sink = CsvTableSink.open(dir, options)) {
            sink.open(USERS, List.of("a", "b")).write(List.of("1,5", "x;y"));
            sink.commit();
        }
        String text = TestCsv.read(dir.resolve(USERS + ".csv"));
        assertThat(text).isEqualTo("a;b\n1,5;\"x;y\"\n");
        assertThat(TestCsv.parse(text, ';', "\n")).containsExactly(List.of("a", "b"), List.of("1,5", "x;y"));
    }

    @Test
    void valuesAreVerbatimUnlessFormulaEscapingIsOn() {
        List<String> header = List.of("=h", "b", "c", "d", "e", "f", "g");
        List<String> row = List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b");
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            sink.open(USERS, header).write(row);
            sink.commit();
        }
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv"))).containsExactly(header, row);

        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS.withFormulaEscaping(true))) {
            sink.open(USERS, header).write(row);
            sink.commit();
        }
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv"))).containsExactly(header,
                List.of("'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "a=b"));
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkInsteadOfFailingTheExport() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            sink.open(USERS, List.of("v")).write(List.of("a\ud800b"));
            sink.commit();
        }
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv"))).containsExactly(List.of("v"), List.of("a?b"));
    }

    @Test
    void abortLeavesPreviousFilesByteIdenticalAndNoTemporaryFile() {
        Map<String, String> before = publishPrevious();
        CsvTableSink sink = CsvTableSink.open(dir);
        writeNew(sink, 5_000);
        assertThat(TestCsv.names(dir)).as("temporary files while writing").hasSize(4);
        sink.abort();
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFailureMidExportLeavesPreviousFilesByteIdentical() {
        Map<String, String> before = publishPrevious();
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            TableWriter users = sink.open(USERS, List.of("id", "login"));
            for (int i = 0; i < 1_000; i++) {
                users.write(List.of("u" + i, "l" + i));
            }
            assertThatThrownBy(() -> users.write(List.of("too", "many", "values")))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            // the exporter gives up: try-with-resources closes without commit
        }
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aWriteFailureAbortsTheSinkAndNamesTheFile() {
        Map<String, String> before = publishPrevious();
        FileOps diskFullAfter64k = new FileOps() {
            @Override
            public OutputStream output(Path file, OutputStream out) {
                if (!file.getFileName().toString().startsWith("." + USERS)) {
                    return out;
                }
                return new FilterOutputStream(out) {
                    private long written;

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        written += len;
                        if (written > 64 * 1024) {
                            throw new IOException("No space left on device");
                        }
                        out.write(b, off, len);
                    }
                };
            }
        };
        CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, diskFullAfter64k);
        TableWriter users = sink.open(USERS, List.of("id", "login"));
        TableWriter groups = sink.open(GROUPS, List.of("id"));
        groups.write(List.of("g"));
        Throwable failure = null;
        for (int i = 0; i < 100_000 && failure == null; i++) {
            try {
                users.write(List.of("u" + i, "some login value " + i));
            } catch (ConnectorException e) {
                failure = e;
            }
        }
        assertIo(failure, "No space left on device", "." + USERS + ".csv.");
        assertThat(TestCsv.snapshot(dir)).as("aborted by the failure").isEqualTo(before);
        assertThatThrownBy(() -> groups.write(List.of("g2")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThatThrownBy(sink::commit)
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        sink.close();
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFailedFsyncPublishesNothing() {
        Map<String, String> before = publishPrevious();
        FileOps failingForce = new FileOps() {
            @Override
            public void force(Path file, FileChannel channel) throws IOException {
                if (file.getFileName().toString().startsWith("." + GROUPS)) {
                    throw new IOException("Input/output error");
                }
                channel.force(true);
            }
        };
        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, failingForce)) {
            writeNew(sink, 100);
            assertThatThrownBy(sink::commit).satisfies(e -> assertIo(e, "Input/output error", GROUPS + ".csv",
                    "no file was published"));
        }
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFailedFirstRenamePublishesNothing() {
        Map<String, String> before = publishPrevious();
        FileOps failingMove = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                throw new IOException("Operation not permitted");
            }
        };
        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, failingMove)) {
            writeNew(sink, 10);
            assertThatThrownBy(sink::commit).satisfies(e -> assertIo(e, "Operation not permitted", "no file was published"));
        }
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFailedLaterRenameRollsForwardTheRestAndTheNextOpenCompletesThePublish() {
        publishPrevious();
        AtomicInteger moves = new AtomicInteger();
        FileOps usersMoveFails = new FileOps() {
            @Override
            public void move(Path source, Path target) throws IOException {
                // the first move publishes the commit manifest; the tables follow
                if (target.getFileName().toString().equals(USERS + ".csv") && moves.incrementAndGet() <= 2) {
                    throw new IOException("Operation not permitted");
                }
                FileOps.DEFAULT.move(source, target);
            }
        };
        try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, usersMoveFails)) {
            writeNew(sink, 10);
            assertThatThrownBy(sink::commit).satisfies(e -> assertIo(e, "Operation not permitted",
                    "already published: " + GROUPS + ".csv", "not yet published: " + USERS + ".csv",
                    "completed by the next run"));
        }
        assertThat(TestCsv.parse(dir.resolve(GROUPS + ".csv"))).as("rolled forward").hasSize(11);
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv"))).as("not yet").hasSize(2);
        try (CsvTableSink unused = CsvTableSink.open(dir)) {
            assertThat(TestCsv.names(dir)).containsExactlyInAnyOrder(USERS + ".csv", GROUPS + ".csv");
        }
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv"))).as("completed by the next open").hasSize(11);
    }

    @Test
    void aTemporaryFileRemovedBehindTheSinksBackFailsTheCommitBeforeAnyRename() throws IOException {
        Map<String, String> before = publishPrevious();
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            writeNew(sink, 10);
            try (var files = Files.list(dir)) {
                Path groupsTemp = files.filter(f -> f.getFileName().toString().startsWith("." + GROUPS)).findFirst().orElseThrow();
                Files.delete(groupsTemp);
            }
            assertThatThrownBy(sink::commit).satisfies(e -> assertIo(e, "disappeared", "no file was published"));
        }
        assertThat(TestCsv.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void staleTemporaryFilesAreRemovedOnOpenAndNothingElse() throws IOException {
        List<String> stale = List.of("." + USERS + ".csv." + UUID + ".tmp", ".x.csv." + UUID + ".tmp");
        List<String> kept = List.of("notes.txt", ".hidden", USERS + ".csv", "." + USERS + ".csv.tmp",
                "." + USERS + ".csv." + UUID + ".tmp.keep", USERS + ".csv." + UUID + ".tmp",
                "." + USERS + ".csv." + UUID.toUpperCase() + ".tmp", "." + USERS + ".txt." + UUID + ".tmp");
        for (String name : stale) {
            Files.writeString(dir.resolve(name), "half a file,\"unterminated");
        }
        for (String name : kept) {
            Files.writeString(dir.resolve(name), "keep me");
        }
        Path dirLookingLikeTemp = Files.createDirectory(dir.resolve(".y.csv." + UUID + ".tmp"));
        Files.writeString(dirLookingLikeTemp.resolve("inside"), "keep");

        CsvTableSink.open(dir).close();

        List<String> expected = new ArrayList<>(kept);
        expected.add(dirLookingLikeTemp.getFileName().toString());
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(TestCsv.read(dir.resolve("notes.txt"))).isEqualTo("keep me");
        assertThat(dirLookingLikeTemp.resolve("inside")).exists();
    }

    @Test
    void aSecondSinkInTheSameDirectoryWaitsForTheFirstAndSweepsNoneOfItsFiles() throws Exception {
        CsvTableSink first = CsvTableSink.open(dir);
        first.open("A_users", List.of("id")).write(List.of("a"));
        // e.g. another connection exporting to the same folder: it takes its turn once the first has published
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (CsvTableSink sink = CsvTableSink.open(dir, CsvOptions.DEFAULTS, java.time.Duration.ofSeconds(30))) {
                sink.open("B_users", List.of("id")).write(List.of("b"));
                sink.commit();
            }
        });
        Thread.sleep(200);
        assertThat(second).as("waits while the first holds the directory").isNotDone();
        first.commit();
        second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(TestCsv.parse(dir.resolve("A_users.csv"))).containsExactly(List.of("id"), List.of("a"));
        assertThat(TestCsv.parse(dir.resolve("B_users.csv"))).containsExactly(List.of("id"), List.of("b"));
        assertThat(TestCsv.names(dir)).containsExactlyInAnyOrder("A_users.csv", "B_users.csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../evil", "..\\evil", "a/b", "a\\b", "/abs", "x..y", ".hidden", "trailing.",
            "a:b", "a*b", "a?b", "a|b", "a<b", "a>b", "a\"b", "a b", "a\tb", "a\u0000b", "a\nb", "CON", "nul.x", "Lpt1",
            "evil\u202Etxt.exe", "zero\u200Bwidth", "bom\uFEFF"})
    void unsafeTableNamesAreRejected(String table) throws IOException {
        Path inner = Files.createDirectory(dir.resolve("out"));
        try (CsvTableSink sink = CsvTableSink.open(inner)) {
            assertThatThrownBy(() -> sink.open(table, List.of("id")))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatThrownBy(() -> sink.file(table)).isInstanceOf(ConnectorException.class);
            sink.open("still_usable", List.of("id"));
        }
        assertThat(TestCsv.names(dir)).containsExactly("out");
        assertThat(TestCsv.names(inner)).isEmpty();
    }

    @Test
    void aNullOrOverlongTableNameIsRejected() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            assertThatThrownBy(() -> sink.open(null, List.of("id"))).isInstanceOf(ConnectorException.class);
            assertThatThrownBy(() -> sink.open("x".repeat(201), List.of("id"))).isInstanceOf(ConnectorException.class);
            assertThatCode(() -> sink.open("x".repeat(200), List.of("id"))).doesNotThrowAnyException();
        }
    }

    @Test
    void usualTableNamesAreAccepted() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            for (String t : List.of("OktaExportFulfillment_users", "Okta_groupsusers", "Okta-Prod.2_apps", "Ökta_groups")) {
                sink.open(t, List.of("id"));
                assertThat(sink.file(t)).isEqualTo(dir.toAbsolutePath().normalize().resolve(t + ".csv"));
            }
        }
    }

    @Test
    void tableNamesDifferingOnlyInCaseAreTheSameTable() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            sink.open("Okta_users", List.of("id"));
            assertThatThrownBy(() -> sink.open("OKTA_USERS", List.of("id")))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                        assertThat(e.getMessage()).contains("Okta_users");
                    });
        }
    }

    @Test
    void badColumnsAreRejected() {
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            assertThatThrownBy(() -> sink.open(USERS, List.of()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatThrownBy(() -> sink.open(USERS, Arrays.asList("id", null)))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatCode(() -> sink.open(USERS, List.of("id"))).as("nothing was left open").doesNotThrowAnyException();
        }
    }

    @Test
    void theDirectoryIsCreatedWithItsParents() {
        Path nested = dir.resolve("a/b/c");
        try (CsvTableSink sink = CsvTableSink.open(nested)) {
            sink.open(USERS, List.of("id")).write(List.of("1"));
            sink.commit();
            assertThat(sink.directory()).isEqualTo(nested.toAbsolutePath());
            assertThat(sink.options()).isEqualTo(CsvOptions.DEFAULTS);
        }
        assertThat(nested.resolve(USERS + ".csv")).exists();
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsAnIoError() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThatThrownBy(() -> CsvTableSink.open(file)).satisfies(e -> assertIo(e, "taken"));
        assertThatThrownBy(() -> CsvTableSink.open(file.resolve("sub"))).satisfies(e -> assertIo(e, "sub"));
    }

    @Test
    void afterCommitTheSinkIsClosedForWritingButKeepsItsFiles() {
        CsvTableSink sink = CsvTableSink.open(dir);
        TableWriter w = sink.open(USERS, List.of("id"));
        w.write(List.of("1"));
        sink.commit();
        assertThatCode(sink::commit).as("a second commit does nothing").doesNotThrowAnyException();
        assertThatThrownBy(() -> w.write(List.of("2")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThatThrownBy(() -> sink.open(GROUPS, List.of("id")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        sink.abort();
        sink.close();
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv"))).containsExactly(List.of("id"), List.of("1"));
    }

    @Test
    void commitAfterAbortFails() {
        CsvTableSink sink = CsvTableSink.open(dir);
        sink.open(USERS, List.of("id")).write(List.of("1"));
        sink.abort();
        assertThatThrownBy(sink::commit)
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThat(TestCsv.names(dir)).isEmpty();
    }

    @Test
    void aHugeValueRoundTrips() {
        String big = "a\"b,c\r\n".repeat(200_000);
        try (CsvTableSink sink = CsvTableSink.open(dir)) {
            TableWriter w = sink.open(USERS, List.of("id", "v"));
            w.write(List.of("1", big));
            w.write(List.of("2", "small"));
            sink.commit();
        }
        assertThat(TestCsv.parse(dir.resolve(USERS + ".csv")))
                .containsExactly(List.of("id", "v"), List.of("1", big), List.of("2", "small"));
    }
}
