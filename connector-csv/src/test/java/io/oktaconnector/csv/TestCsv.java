package io.oktaconnector.csv;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test helpers: an independent read-back through univocity's parser (configured here, not by the code under test),
 * and byte-level snapshots of a directory.
 */
final class TestCsv {
    private TestCsv() {
    }

    /** Parses RFC 4180 text strictly: values verbatim, CRLF records, no comments. */
    static List<List<String>> parse(String text, char delimiter, String lineSeparator) {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(delimiter);
        s.getFormat().setLineSeparator(lineSeparator);
        s.getFormat().setComment('\0');
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
        s.setReadInputOnSeparateThread(false);
        s.setUnescapedQuoteHandling(UnescapedQuoteHandling.RAISE_ERROR);
        List<List<String>> rows = new ArrayList<>();
        for (String[] r : new CsvParser(s).parseAll(new StringReader(text))) {
            rows.add(r.length == 0 ? List.of("") : Arrays.asList(r));
        }
        return rows;
    }

    /** Reads a file written with the defaults: asserts there is no BOM, then parses. */
    static List<List<String>> parse(Path file) {
        String text = read(file);
        if (text.startsWith("\uFEFF")) {
            throw new AssertionError(file + " starts with a byte order mark");
        }
        return parse(text, ',', "\r\n");
    }

    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output directory's lock file: there while a sink is open (CsvTableSinkLockTest checks it goes after). */
    static final String LOCK_FILE = ".okta-connector.lock";

    /**
     * Every entry of a directory (names) with its bytes as text; directories map to "<dir>". The empty lock file of a
     * sink still open (or of a crashed one) is not listed.
     */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> !(f.getFileName().toString().equals(LOCK_FILE) && bytes(f).equals("[]")))
                    .forEach(f -> all.put(f.getFileName().toString(), Files.isDirectory(f) ? "<dir>" : bytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static String bytes(Path f) {
        try {
            return Arrays.toString(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names(Path dir) {
        return new ArrayList<>(snapshot(dir).keySet());
    }
}
