package io.oktaconnector.csv.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A byte-level scan of a CSV file that finds where records end, without decoding values. Correct for UTF-8 RFC 4180
 * text because {@code "} and LF never occur inside a multi-byte sequence, and an escaped quote {@code ""} toggles
 * the in-quotes state twice.
 *
 * @param completeLength the length up to and including the last record terminator outside quotes (0 when none)
 * @param crlf           whether the first record terminator is CRLF ({@code false} for LF or when there is none)
 * @param terminated     whether any record terminator was found
 */
public record CsvScan(long completeLength, boolean crlf, boolean terminated) {

    /**
     * @param file an existing file
     * @return where its complete records end
     * @throws IOException when it cannot be read
     */
    public static CsvScan of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /**
     * @param input the file's bytes from the start; read to the end, not closed
     * @return where its complete records end
     * @throws IOException when it cannot be read
     */
    public static CsvScan of(InputStream input) throws IOException {
        long pos = 0;
        long complete = 0;
        boolean inQuotes = false;
        boolean found = false;
        boolean crlf = false;
        int previous = -1;
        InputStream in = new BufferedInputStream(input, 64 * 1024);
        {
            for (int b = in.read(); b >= 0; b = in.read()) {
                pos++;
                if (b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    if (!found) {
                        found = true;
                        crlf = previous == '\r';
                    }
                    complete = pos;
                }
                previous = b;
            }
        }
        return new CsvScan(complete, crlf, found);
    }
}
