package io.oktaconnector.csv.internal;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads RFC 4180 files back with univocity's {@link CsvParser}, values verbatim. */
public final class CsvReading {
    private CsvReading() {
    }

    /**
     * Streams every complete record of a file, the header included, to {@code action}. A missing file has no record;
     * a last record without its line separator is incomplete and skipped.
     *
     * @param file      the file
     * @param delimiter the field separator
     * @param action    receives each record in order: empty fields as {@code ""}, never {@code null}
     * @throws IOException        when the file cannot be read
     * @throws ConnectorException {@link ErrorCode#IO} when the file is not valid CSV
     */
    public static void read(Path file, char delimiter, Consumer<List<String>> action) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        read(file.toString(), () -> Files.newInputStream(file), delimiter, action);
    }

    /** Opens a fresh stream over a file's bytes from the start; the caller closes it. */
    @FunctionalInterface
    public interface Source {
        /**
         * @return the bytes from the start
         * @throws IOException when they cannot be read
         */
        InputStream open() throws IOException;
    }

    /**
     * Streams every record from a source that can be opened twice (once to detect the line separator).
     *
     * @param name      names the source in messages
     * @param source    the bytes
     * @param delimiter the field separator
     * @param action    receives each record in order: empty fields as {@code ""}, never {@code null}
     * @throws IOException        when the source cannot be read
     * @throws ConnectorException {@link ErrorCode#IO} when it is not valid CSV
     */
    public static void read(String name, Source source, char delimiter, Consumer<List<String>> action) throws IOException {
        CsvScan scan;
        try (InputStream in = source.open()) {
            scan = CsvScan.of(in);
        }
        CsvParser parser = new CsvParser(settings(delimiter, scan.terminated() && !scan.crlf() ? "\n" : "\r\n"));
        // stop at the last record terminator: a tail without one was cut short by a crash (our writers end every
        // record), and CsvAppender.open removes that same tail
        try (Reader reader = open(new Bounded(source.open(), scan.completeLength()))) {
            parser.beginParsing(reader);
            try {
                for (String[] record = parser.parseNext(); record != null; record = parser.parseNext()) {
                    action.accept(toList(record));
                }
            } finally {
                parser.stopParsing();
            }
        } catch (TextParsingException e) {
            throw new ConnectorException(ErrorCode.IO, name + " is not valid CSV near line " + (e.getLineIndex() + 1)
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Reads at most a given number of bytes. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** UTF-8 with the byte order mark, if any, skipped. */
    private static Reader open(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static CsvParserSettings settings(char delimiter, String lineSeparator) {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(delimiter);
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('"');
        s.getFormat().setLineSeparator(lineSeparator);
        s.getFormat().setComment('\0'); // '#' starts no comment in RFC 4180
        s.setLineSeparatorDetectionEnabled(false);
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setIgnoreLeadingWhitespacesInQuotes(false);
        s.setIgnoreTrailingWhitespacesInQuotes(false);
        s.setNormalizeLineEndingsWithinQuotes(false);
        s.setNullValue("");
        s.setEmptyValue("");
        s.setSkipEmptyLines(false);
        s.setMaxCharsPerColumn(-1);
        s.setMaxColumns(100_000);
        s.setReadInputOnSeparateThread(false);
        s.setUnescapedQuoteHandling(UnescapedQuoteHandling.RAISE_ERROR);
        return s;
    }

    private static List<String> toList(String[] record) {
        if (record.length == 0) {
            return List.of(""); // an empty line is a record of one empty field
        }
        List<String> values = new ArrayList<>(record.length);
        for (String v : record) {
            values.add(v == null ? "" : v);
        }
        return values;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
