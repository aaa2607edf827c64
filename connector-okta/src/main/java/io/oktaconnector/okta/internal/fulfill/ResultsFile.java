package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.csv.CsvAppender;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The results CSV ({@code AssignmentId,ProvisioningState,Message,ChangeType,ResourceId}), one row appended per
 * ended order and forced to the device at once: the host's journal. An existing file is appended to (its header
 * must match); a row torn by a crash is cut off. Thread-safe.
 */
public final class ResultsFile implements AutoCloseable {
    /** The header row. */
    public static final List<String> HEADER = List.of("AssignmentId", "ProvisioningState", "Message", "ChangeType",
            "ResourceId");

    private final CsvAppender appender;
    private final Set<String> present;

    private ResultsFile(CsvAppender appender, Set<String> present) {
        this.appender = appender;
        this.present = present;
    }

    /**
     * @param path the results file; created with its header when missing or empty
     * @return the open file
     * @throws ConnectorException IO when it cannot be read, opened or locked, or has another header
     */
    public static ResultsFile open(Path path) {
        Set<String> present = new HashSet<>();
        List<List<String>> rows = CsvAppender.readAll(path);
        for (int i = 1; i < rows.size(); i++) {
            present.add(rows.get(i).get(0));
        }
        return new ResultsFile(CsvAppender.open(path, HEADER), present);
    }

    /** @return whether a row for this assignment id is in the file */
    public synchronized boolean has(String assignmentId) {
        return present.contains(assignmentId);
    }

    /**
     * Appends a result row; it is on the device when this returns.
     *
     * @param result the result
     * @throws ConnectorException IO when the write fails
     */
    public synchronized void append(FulfillResult result) {
        appender.append(row(result));
        present.add(result.assignmentId());
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
