package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.csv.CsvOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The results CSV ({@code AssignmentId,ProvisioningState,Message,ChangeType,ResourceId}), one row appended per
 * ended order and forced to the device at once: the host's journal. An existing file is appended to (its header
 * must match); a row torn by a crash is cut off. Nothing of the file is held in memory: it may hold the rows of
 * many runs. Thread-safe.
 */
public final class ResultsFile implements AutoCloseable {
    /** The header row. */
    public static final List<String> HEADER = List.of("AssignmentId", "ProvisioningState", "Message", "ChangeType",
            "ResourceId");

    private final CsvAppender appender;

    private ResultsFile(CsvAppender appender) {
        this.appender = appender;
    }

    /**
     * @param path the results file; created with its header when missing or empty
     * @return the open file
     * @throws ConnectorException IO when it cannot be read, opened or locked, is not CSV, or has another header
     */
    public static ResultsFile open(Path path) {
        // read through once, row by row, before anything is created: a file that is not CSV (or a folder) is refused
        // with the reader's message and nothing is left behind
        CsvAppender.read(path, CsvOptions.DEFAULTS, row -> { });
        return new ResultsFile(CsvAppender.open(path, HEADER));
    }

    /**
     * Gives the assignment id of every row in the file, one at a time.
     *
     * @param sink receives each, in file order
     * @throws ConnectorException IO when the file cannot be read
     */
    public void forEachAssignmentId(Consumer<String> sink) {
        boolean[] header = {true};
        appender.readBack(row -> {
            if (header[0]) {
                header[0] = false;
            } else {
                sink.accept(row.get(0));
            }
        });
    }

    /**
     * Appends a result row; it is on the device when this returns.
     *
     * @param result the result
     * @throws ConnectorException IO when the write fails
     */
    public void append(FulfillResult result) {
        appender.append(row(result));
    }

    /** @return the row of a result, in header order */
    public static List<String> row(FulfillResult result) {
        return List.of(result.assignmentId(), result.state().name(), result.message().replaceAll("[\\r\\n]+", " "),
                result.changeType() == null ? "" : result.changeType().name(),
                result.resourceId() == null ? "" : result.resourceId());
    }

    @Override
    public void close() {
        appender.close();
    }
}
