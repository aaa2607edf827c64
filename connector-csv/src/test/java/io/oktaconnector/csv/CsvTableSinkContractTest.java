package io.oktaconnector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.contract.TableSinkContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The api's TableSink contract, run against the CSV sink and read back with univocity's parser. */
class CsvTableSinkContractTest extends TableSinkContract {
    @TempDir
    Path dir;

    @Override
    protected TableSink newSink() {
        return CsvTableSink.open(dir);
    }

    @Override
    protected Optional<List<List<String>>> committed(String table) {
        Path file = dir.resolve(table + ".csv");
        return Files.exists(file) ? Optional.of(TestCsv.parse(file)) : Optional.empty();
    }

    @AfterEach
    void noTemporaryFileIsLeft() {
        assertThat(TestCsv.names(dir)).allSatisfy(n -> assertThat(n).endsWith(".csv").doesNotStartWith("."));
    }
}
