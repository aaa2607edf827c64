package io.oktaconnector.api.contract;

import io.oktaconnector.api.TableSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Runs the contract against the in-memory reference sink, which proves the contract's own expectations. */
class InMemoryTableSinkContractTest extends TableSinkContract {
    private final Map<String, List<List<String>>> store = new ConcurrentHashMap<>();

    @Override
    protected TableSink newSink() {
        return new InMemoryTableSink(store);
    }

    @Override
    protected Optional<List<List<String>>> committed(String table) {
        return Optional.ofNullable(store.get(table));
    }
}
