package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU floor of a users export: only parse the pages' JSON bytes with Jackson's streaming parser, pick the
 * columns by dotted path (arrays and objects as compact JSON, as ours writes them) and write the CSV with univocity.
 * No HTTP, no tree model, no mapping layer: the least work that turns the same bytes into the same file.
 */
final class CpuFloor {
    private final JsonFactory json = new JsonFactory();
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<String> objectPrefixes = new HashSet<>();

    CpuFloor(List<String> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            index.put(c, i);
            for (int dot = c.indexOf('.'); dot > 0; dot = c.indexOf('.', dot + 1)) {
                objectPrefixes.add(c.substring(0, dot));
            }
        }
    }

    /** @return rows written */
    long run(List<byte[]> pages, Path file) throws IOException {
        long rows = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvWriterSettings s = new CsvWriterSettings();
            s.getFormat().setLineSeparator("\r\n");
            s.setQuoteEscapingEnabled(true); // RFC 4180: a value holding a quote is quoted, as ours does
            CsvWriter w = new CsvWriter(out, s);
            w.writeHeaders(columns);
            String[] row = new String[columns.size()];
            for (byte[] page : pages) {
                try (JsonParser p = json.createParser(page)) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new IOException("a page is not an array");
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Arrays.fill(row, null);
                        object(p, "", row);
                        w.writeRow((Object[]) row);
                        rows++;
                    }
                }
            }
            w.close();
        }
        return rows;
    }

    private void object(JsonParser p, String prefix, String[] row) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix.isEmpty() ? p.currentName() : prefix + p.currentName();
            JsonToken t = p.nextToken();
            Integer i = index.get(path);
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                if (i != null) {
                    row[i] = compact(p);
                } else if (t == JsonToken.START_OBJECT && objectPrefixes.contains(path)) {
                    object(p, path + ".", row);
                } else {
                    p.skipChildren();
                }
            } else if (i != null && t != JsonToken.VALUE_NULL) {
                String v = p.getText();
                row[i] = v.isEmpty() ? null : v;
            }
        }
    }

    private String compact(JsonParser p) throws IOException {
        StringWriter sw = new StringWriter(64);
        try (JsonGenerator g = json.createGenerator(sw)) {
            g.copyCurrentStructure(p);
        }
        return sw.toString();
    }
}
