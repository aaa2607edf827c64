package io.oktaconnector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TableSink} implementation must show. Shipped in the {@code connector-api} test-jar:
 * an implementation's test class extends it and supplies two methods, for example
 *
 * <pre>{@code
 * class MySinkContractTest extends TableSinkContract {
 *     @TempDir Path dir;
 *     protected TableSink newSink() { return MySink.open(dir); }
 *     protected Optional<List<List<String>>> committed(String table) { ... read dir back ... }
 * }
 * }</pre>
 *
 * <p>JUnit creates a new instance of the test class for every test, so per-instance storage (a {@code @TempDir}
 * field, a map) gives each test a fresh, empty store. Within one test, every sink returned by {@link #newSink()}
 * must publish into the same store, so that a second sink sees (and may replace) what the first committed.
 *
 * <p>Consumers need {@code connector-api} with {@code <type>test-jar</type><scope>test</scope>} plus their own
 * test-scoped {@code junit-jupiter} and {@code assertj-core}.
 */
public abstract class TableSinkContract {

    /** Values that break naive writers: delimiters, quotes, line breaks, edge white space, multi-byte text. */
    protected static final List<String> TRICKY_VALUES = List.of(
            "plain",
            "with space inside",
            "comma,inside",
            ",",
            "semi;colon",
            "say \"hi\"",
            "\"",
            "\"quoted\"",
            "\"\"",
            "cr\rinside",
            "lf\ninside",
            "crlf\r\ninside",
            "\r\n",
            "trailing lf\n",
            " leading space",
            "trailing space ",
            "  both  ",
            " ",
            "\ttab\t",
            "#not a comment",
            "=1+2",
            "'quote",
            "é ü ñ",
            "€ 日本語 ✓",
            "emoji 😀 (4-byte)",
            "back\\slash",
            "x".repeat(10_000));

    /**
     * @return a new sink over this test's store; called once or more per test, from the test thread
     */
    protected abstract TableSink newSink();

    /**
     * Reads back what is published for a table.
     *
     * @param table the table name
     * @return empty when nothing is published under that name; otherwise the header row first, then the data rows in
     *         order, every empty field (written as {@code null} or {@code ""}) read as {@code ""}
     */
    protected abstract Optional<List<List<String>>> committed(String table);

    /**
     * @return a table name valid for every sink, following the connector's {@code <id>_<kind>} convention
     */
    protected String table(String kind) {
        return "ContractTest_" + kind;
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private List<List<String>> expect(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private void publish(String table, List<String> header, List<List<String>> rows) {
        try (TableSink sink = newSink()) {
            TableWriter writer = sink.open(table, header);
            rows.forEach(writer::write);
            sink.commit();
        }
        assertThat(committed(table)).as("published %s", table).contains(expect(header, rows));
    }

    @Test
    void committedTableHasHeaderInGivenOrderThenRowsInOrder() {
        List<String> header = List.of("zeta", "alpha", "Mid Column");
        List<List<String>> rows = List.of(row("3", "c", "x"), row("1", "a", "y"), row("2", "b", "z"));
        publish(table("users"), header, rows);
    }

    @Test
    void trickyValuesRoundTripInOneWideRow() {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < TRICKY_VALUES.size(); i++) {
            header.add("c" + i);
        }
        publish(table("wide"), header, List.of(TRICKY_VALUES, TRICKY_VALUES));
    }

    @Test
    void trickyValuesRoundTripOnePerRowBesideAnId() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < TRICKY_VALUES.size(); i++) {
            rows.add(row(String.valueOf(i), TRICKY_VALUES.get(i), "end"));
        }
        publish(table("tall"), List.of("id", "value", "after"), rows);
    }

    @Test
    void trickyValuesRoundTripAsTheOnlyColumn() {
        List<List<String>> rows = TRICKY_VALUES.stream().map(v -> row(v)).toList();
        publish(table("single"), List.of("value"), rows);
    }

    @Test
    void nullAndEmptyBothReadBackAsEmptyFields() {
        String table = table("empties");
        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(table, List.of("a", "b", "c"));
            w.write(row(null, "", null));
            w.write(row("", "x", ""));
            w.write(row(null, null, "z"));
            sink.commit();
        }
        assertThat(committed(table)).contains(List.of(
                List.of("a", "b", "c"), List.of("", "", ""), List.of("", "x", ""), List.of("", "", "z")));
    }

    @Test
    void emptyValuesInASingleColumnTableAreRowsToo() {
        String table = table("one");
        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(table, List.of("only"));
            w.write(row(""));
            w.write(row((String) null));
            w.write(row("x"));
            w.write(row(""));
            sink.commit();
        }
        assertThat(committed(table)).contains(List.of(
                List.of("only"), List.of(""), List.of(""), List.of("x"), List.of("")));
    }

    @Test
    void headerOnlyTableIsPublished() {
        publish(table("empty"), List.of("id", "name"), List.of());
    }

    @Test
    void rowsCountsDataRowsWithoutTheHeader() {
        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(table("count"), List.of("id"));
            assertThat(w.rows()).isZero();
            w.write(row("1"));
            w.write(row("2"));
            assertThat(w.rows()).isEqualTo(2);
            sink.commit();
        }
    }

    @Test
    void nothingIsVisibleBeforeCommit() {
        String table = table("users");
        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(table, List.of("id"));
            assertThat(committed(table)).as("after open").isEmpty();
            for (int i = 0; i < 100; i++) {
                w.write(row("u" + i));
            }
            assertThat(committed(table)).as("after writes").isEmpty();
            sink.commit();
            assertThat(committed(table)).as("after commit").isPresent();
        }
    }

    @Test
    void previousContentStaysVisibleUntilTheNextCommit() {
        String table = table("users");
        publish(table, List.of("id"), List.of(row("old")));
        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(table, List.of("id", "name"));
            w.write(row("new", "n"));
            assertThat(committed(table)).contains(List.of(List.of("id"), List.of("old")));
            sink.commit();
        }
        assertThat(committed(table)).contains(List.of(List.of("id", "name"), List.of("new", "n")));
    }

    @Test
    void commitReplacesALongerPreviousTableEntirely() {
        String table = table("users");
        publish(table, List.of("id", "name"), List.of(row("1", "a"), row("2", "b"), row("3", "c")));
        publish(table, List.of("id"), List.of(row("9")));
    }

    @Test
    void abortLeavesThePreviousContentAsItWas() {
        String users = table("users");
        String groups = table("groups");
        publish(users, List.of("id"), List.of(row("old1"), row("old2")));
        Optional<List<List<String>>> before = committed(users);

        TableSink sink = newSink();
        sink.open(users, List.of("id")).write(row("new"));
        sink.open(groups, List.of("id")).write(row("g"));
        sink.abort();

        assertThat(committed(users)).isEqualTo(before);
        assertThat(committed(groups)).as("never committed").isEmpty();
        assertThatCode(sink::close).doesNotThrowAnyException();
    }

    @Test
    void abortAfterAFailureMidStreamLeavesThePreviousContent() {
        String users = table("users");
        publish(users, List.of("id", "name"), List.of(row("1", "a")));
        Optional<List<List<String>>> before = committed(users);

        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(users, List.of("id", "name"));
            for (int i = 0; i < 50; i++) {
                w.write(row(String.valueOf(i), "n" + i));
            }
            assertThatThrownBy(() -> w.write(row("only one value"))).isInstanceOf(ConnectorException.class);
            sink.abort(); // what an exporter does when a row fails
        }
        assertThat(committed(users)).isEqualTo(before);
    }

    @Test
    void closeWithoutCommitAborts() {
        String users = table("users");
        String apps = table("apps");
        publish(users, List.of("id"), List.of(row("kept")));
        Optional<List<List<String>>> before = committed(users);

        try (TableSink sink = newSink()) {
            sink.open(users, List.of("id")).write(row("discarded"));
            sink.open(apps, List.of("id")).write(row("discarded"));
        }
        assertThat(committed(users)).isEqualTo(before);
        assertThat(committed(apps)).isEmpty();
    }

    @Test
    void closeAfterCommitKeepsWhatWasCommitted() {
        String users = table("users");
        TableSink sink = newSink();
        sink.open(users, List.of("id")).write(row("1"));
        sink.commit();
        sink.close();
        sink.close(); // idempotent
        assertThat(committed(users)).contains(List.of(List.of("id"), List.of("1")));
    }

    @Test
    void abortAndCloseAreIdempotentAndNeverThrow() {
        TableSink sink = newSink();
        sink.open(table("users"), List.of("id")).write(row("1"));
        assertThatCode(() -> {
            sink.abort();
            sink.abort();
            sink.close();
            sink.close();
        }).doesNotThrowAnyException();
        assertThat(committed(table("users"))).isEmpty();
    }

    @Test
    void commitWithoutTablesSucceeds() {
        try (TableSink sink = newSink()) {
            assertThatCode(sink::commit).doesNotThrowAnyException();
        }
    }

    @Test
    void openingTheSameTableTwiceFails() {
        try (TableSink sink = newSink()) {
            sink.open(table("users"), List.of("id"));
            assertThatThrownBy(() -> sink.open(table("users"), List.of("id")))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        }
    }

    @Test
    void aRowOfTheWrongWidthFails() {
        try (TableSink sink = newSink()) {
            TableWriter w = sink.open(table("users"), List.of("id", "name"));
            assertThatThrownBy(() -> w.write(row("1")))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatThrownBy(() -> w.write(row("1", "a", "extra")))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatThrownBy(() -> w.write(List.of()))
                    .isInstanceOf(ConnectorException.class);
            assertThat(w.rows()).isZero();
        }
    }

    @Test
    void severalTablesArePublishedTogetherByOneCommit() {
        List<String> tables = List.of(table("users"), table("groups"), table("apps"),
                table("groupsusers"), table("groupsapps"));
        try (TableSink sink = newSink()) {
            List<TableWriter> writers = new ArrayList<>();
            for (String t : tables) {
                writers.add(sink.open(t, List.of("table", "n")));
            }
            for (int i = 0; i < 20; i++) { // interleaved, as concurrent exporters do
                for (int t = 0; t < tables.size(); t++) {
                    writers.get(t).write(row(tables.get(t), String.valueOf(i)));
                }
            }
            for (String t : tables) {
                assertThat(committed(t)).as("%s before commit", t).isEmpty();
            }
            sink.commit();
        }
        for (String t : tables) {
            List<List<String>> expected = new ArrayList<>();
            expected.add(List.of("table", "n"));
            for (int i = 0; i < 20; i++) {
                expected.add(List.of(t, String.valueOf(i)));
            }
            assertThat(committed(t)).as(t).contains(expected);
        }
    }

    @Test
    void differentTablesMayBeWrittenFromDifferentThreads() throws Exception {
        int tables = 4;
        int rows = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(tables);
        try (TableSink sink = newSink()) {
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < tables; t++) {
                TableWriter w = sink.open(table("t" + t), List.of("id", "value"));
                int table = t;
                Callable<Long> job = () -> {
                    for (int i = 0; i < rows; i++) {
                        w.write(row(String.valueOf(i), "t" + table + ",v\"" + i));
                    }
                    return w.rows();
                };
                done.add(pool.submit(job));
            }
            for (Future<Long> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(rows);
            }
            sink.commit();
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < tables; t++) {
            List<List<String>> got = committed(table("t" + t)).orElseThrow();
            assertThat(got).hasSize(rows + 1);
            for (int i = 0; i < rows; i++) {
                assertThat(got.get(i + 1)).containsExactly(String.valueOf(i), "t" + t + ",v\"" + i);
            }
        }
    }
}
