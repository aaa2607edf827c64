package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The results CSV ({@code AssignmentId,ProvisioningState,Message,ChangeType,ResourceId}), appended one row per
 * ended order and flushed at once: the host's journal. An existing file is kept and appended to; a row torn by a
 * crash (no final line break) is cut off first. Thread-safe.
 */
public final class ResultsFile implements AutoCloseable {
    /** The header row. */
    public static final List<String> HEADER = List.of("AssignmentId", "ProvisioningState", "Message", "ChangeType",
            "ResourceId");

    private final Path path;
    private final OutputStream out;
    private final Set<String> present = new HashSet<>();

    private ResultsFile(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * @param path the results file; created with its header when missing or empty
     * @return the open file
     * @throws ConnectorException IO when it cannot be opened
     */
    public static ResultsFile open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Set<String> present = new HashSet<>();
            if (Files.exists(path)) {
                cutTornRow(path);
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                for (int i = 1; i < lines.size(); i++) {
                    if (!lines.get(i).isEmpty()) {
                        present.add(Csv.parse(lines.get(i)).get(0));
                    }
                }
            }
            boolean fresh = !Files.exists(path) || Files.size(path) == 0;
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ResultsFile file = new ResultsFile(path, out);
            file.present.addAll(present);
            if (fresh) {
                file.writeLine(Csv.line(HEADER));
            }
            return file;
        } catch (IOException | IllegalArgumentException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot open the results file " + path + ": " + e.getMessage(), e);
        }
    }

    static void cutTornRow(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                ch.truncate(keep);
            }
        }
    }

    /** @return whether a row for this assignment id is in the file */
    public synchronized boolean has(String assignmentId) {
        return present.contains(assignmentId);
    }

    /**
     * Appends a result row and flushes it to the operating system.
     *
     * @param result the result
     * @throws ConnectorException IO when the write fails
     */
    public synchronized void append(FulfillResult result) {
        writeLine(Csv.line(row(result)));
        present.add(result.assignmentId());
    }

    /** @return the row of a result, in header order */
    public static List<String> row(FulfillResult result) {
        return List.of(result.assignmentId(), result.state().name(), result.message().replaceAll("[\\r\\n]+", " "),
                result.changeType() == null ? "" : result.changeType().name(),
                result.resourceId() == null ? "" : result.resourceId());
    }

    private void writeLine(String line) {
        try {
            // one write per row, so a crash leaves whole rows (or one torn row that the next open cuts off)
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot write the results file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot close the results file " + path + ": " + e.getMessage(), e);
        }
    }
}
