package io.oktaconnector.benchmarks.internal;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts the data rows (records minus the header) of the five export files, parsing quoted line breaks right. */
final class CsvCounts {
    static final List<String> TABLES = List.of("users", "groups", "apps", "groupsusers", "groupsapps");

    private CsvCounts() {
    }

    static Map<String, Long> of(Path dir, String connectionId) throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : TABLES) {
            Path f = dir.resolve(connectionId + "_" + t + ".csv");
            if (!Files.exists(f)) {
                m.put(t, -1L);
                continue;
            }
            CsvParserSettings s = new CsvParserSettings();
            s.setMaxCharsPerColumn(-1);
            s.setMaxColumns(4096);
            s.setLineSeparatorDetectionEnabled(true);
            CsvParser p = new CsvParser(s);
            long records = 0;
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.beginParsing(r);
                while (p.parseNext() != null) {
                    records++;
                }
            } finally {
                p.stopParsing();
            }
            m.put(t, Math.max(0, records - 1));
        }
        return m;
    }
}
