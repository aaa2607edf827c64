package io.oktaconnector.api.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Proves that the contract can fail: each deliberately broken sink must fail the contract test aimed at its defect.
 */
class TableSinkContractSelfTest {

    /** A contract over a sink built from the shared store by {@code factory}. */
    private static TableSinkContract contractFor(Function<Map<String, List<List<String>>>, TableSink> factory) {
        Map<String, List<List<String>>> store = new ConcurrentHashMap<>();
        return new TableSinkContract() {
            @Override
            protected TableSink newSink() {
                return factory.apply(store);
            }

            @Override
            protected Optional<List<List<String>>> committed(String table) {
                return Optional.ofNullable(store.get(table));
            }
        };
    }

    /** Delegates to an in-memory sink, changing each value on its way in. */
    private static TableSink mapping(Map<String, List<List<String>>> store, UnaryOperator<String> f) {
        InMemoryTableSink real = new InMemoryTableSink(store);
        return new Forwarding(real) {
            @Override
            public TableWriter open(String table, List<String> columns) {
                TableWriter w = real.open(table, columns);
                return new TableWriter() {
                    @Override
                    public void write(List<String> values) {
                        List<String> changed = new ArrayList<>();
                        values.forEach(v -> changed.add(f.apply(v)));
                        w.write(changed);
                    }

                    @Override
                    public long rows() {
                        return w.rows();
                    }
                };
            }
        };
    }

    @Test
    void aSinkThatPublishesRowsAsTheyArriveFailsVisibilityBeforeCommit() {
        TableSinkContract contract = contractFor(store -> new Forwarding(new InMemoryTableSink(store)) {
            @Override
            public TableWriter open(String table, List<String> columns) {
                List<List<String>> rows = new ArrayList<>();
                rows.add(columns);
                store.put(table, rows);
                return new TableWriter() {
                    @Override
                    public void write(List<String> values) {
                        rows.add(values);
                    }

                    @Override
                    public long rows() {
                        return rows.size() - 1;
                    }
                };
            }
        });
        assertThatThrownBy(contract::nothingIsVisibleBeforeCommit).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkWhoseCloseCommitsFailsCloseWithoutCommit() {
        TableSinkContract contract = contractFor(store -> new Forwarding(new InMemoryTableSink(store)) {
            @Override
            public void close() {
                delegate.commit();
            }
        });
        assertThatThrownBy(contract::closeWithoutCommitAborts).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkWhoseAbortPublishesFailsAbort() {
        TableSinkContract contract = contractFor(store -> new Forwarding(new InMemoryTableSink(store)) {
            @Override
            public void abort() {
                delegate.commit();
            }
        });
        assertThatThrownBy(contract::abortLeavesThePreviousContentAsItWas).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkThatWritesNullAsTextFailsEmptyFields() {
        TableSinkContract contract = contractFor(store -> mapping(store, v -> v == null ? "null" : v));
        assertThatThrownBy(contract::nullAndEmptyBothReadBackAsEmptyFields).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkThatTrimsValuesFailsTheRoundTrip() {
        TableSinkContract contract = contractFor(store -> mapping(store, v -> v == null ? null : v.strip()));
        assertThatThrownBy(contract::trickyValuesRoundTripInOneWideRow).isInstanceOf(AssertionError.class);
        assertThatThrownBy(contract::trickyValuesRoundTripAsTheOnlyColumn).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkThatNormalizesLineBreaksFailsTheRoundTrip() {
        TableSinkContract contract = contractFor(store -> mapping(store, v -> v == null ? null : v.replace("\r\n", "\n")));
        assertThatThrownBy(contract::trickyValuesRoundTripOnePerRowBesideAnId).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkThatAcceptsATableTwiceFailsDoubleOpen() {
        TableSinkContract contract = contractFor(store -> new Forwarding(new InMemoryTableSink(store)) {
            @Override
            public TableWriter open(String table, List<String> columns) {
                return delegate.open(table + "#" + System.identityHashCode(new Object()), columns);
            }
        });
        assertThatThrownBy(contract::openingTheSameTableTwiceFails).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkThatPadsShortRowsFailsTheWidthCheck() {
        TableSinkContract contract = contractFor(store -> new Forwarding(new InMemoryTableSink(store)) {
            @Override
            public TableWriter open(String table, List<String> columns) {
                TableWriter w = delegate.open(table, columns);
                return new TableWriter() {
                    @Override
                    public void write(List<String> values) {
                        List<String> padded = new ArrayList<>(values);
                        while (padded.size() < columns.size()) {
                            padded.add("");
                        }
                        w.write(padded.subList(0, columns.size()));
                    }

                    @Override
                    public long rows() {
                        return w.rows();
                    }
                };
            }
        });
        assertThatThrownBy(contract::aRowOfTheWrongWidthFails).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSinkThatPublishesOnlyTheFirstTableFailsSeveralTables() {
        TableSinkContract contract = contractFor(store -> new Forwarding(new InMemoryTableSink(store)) {
            private int opened;

            @Override
            public TableWriter open(String table, List<String> columns) {
                return opened++ == 0 ? delegate.open(table, columns) : new InMemoryTableSink().open(table, columns);
            }
        });
        assertThatThrownBy(contract::severalTablesArePublishedTogetherByOneCommit).isInstanceOf(AssertionError.class);
    }

    /** Forwards every call; subclasses break one behaviour. */
    private static class Forwarding implements TableSink {
        final TableSink delegate;

        Forwarding(TableSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public TableWriter open(String table, List<String> columns) {
            return delegate.open(table, columns);
        }

        @Override
        public void commit() {
            delegate.commit();
        }

        @Override
        public void abort() {
            delegate.abort();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
