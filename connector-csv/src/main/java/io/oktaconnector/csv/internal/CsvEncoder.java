package io.oktaconnector.csv.internal;

import io.oktaconnector.csv.CsvOptions;
import java.util.List;

/**
 * Encodes records as RFC 4180 text. Written by hand rather than with univocity's {@code CsvWriter}, which cannot
 * quote a value for its leading or trailing white space alone without quoting every value that holds a space.
 * Stateless and thread-safe.
 */
public final class CsvEncoder {
    private final char delimiter;
    private final String lineSeparator;
    private final boolean formulaEscaping;

    /** @param options delimiter, line separator and formula escaping, never {@code null} */
    public CsvEncoder(CsvOptions options) {
        this.delimiter = options.delimiter();
        this.lineSeparator = options.lineSeparator();
        this.formulaEscaping = options.formulaEscaping();
    }

    /**
     * Appends a header record: never formula-escaped, so headers stay exactly as the mapping gives them.
     *
     * @param out     where to append
     * @param headers the headers, no {@code null} element
     */
    public void appendHeader(StringBuilder out, List<String> headers) {
        appendRecord(out, headers, false);
    }

    /**
     * Appends a data record, line separator included.
     *
     * @param out    where to append
     * @param values the values; {@code null} is an empty field
     */
    public void appendRow(StringBuilder out, List<String> values) {
        appendRecord(out, values, formulaEscaping);
    }

    private void appendRecord(StringBuilder out, List<String> values, boolean escapeFormulas) {
        int n = values.size();
        if (n == 1 && isEmpty(values.get(0))) {
            // a lone empty field would be an empty line, which many readers skip: quote it so the row survives
            out.append("\"\"").append(lineSeparator);
            return;
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String value = values.get(i);
            if (i == 0 && value != null && value.startsWith("#")) {
                // many readers take a line beginning with '#' for a comment and drop it
                appendQuoted(out, value);
            } else {
                appendField(out, value, escapeFormulas);
            }
        }
        out.append(lineSeparator);
    }

    /**
     * Appends one field, quoted only where needed.
     *
     * @param out            where to append
     * @param value          the value, {@code null} for an empty field
     * @param escapeFormulas whether to prefix a formula-looking value with {@code '}
     */
    public void appendField(StringBuilder out, String value, boolean escapeFormulas) {
        if (isEmpty(value)) {
            return;
        }
        if (escapeFormulas && startsLikeAFormula(value)) {
            value = "'" + value;
        }
        if (!needsQuotes(value)) {
            out.append(value);
            return;
        }
        appendQuoted(out, value);
    }

    private static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        int from = 0;
        for (int i = value.indexOf('"'); i >= 0; i = value.indexOf('"', i + 1)) {
            out.append(value, from, i + 1).append('"');
            from = i + 1;
        }
        out.append(value, from, value.length()).append('"');
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private boolean needsQuotes(String value) {
        if (isBlankChar(value.charAt(0)) || isBlankChar(value.charAt(value.length() - 1))) {
            return true; // readers commonly trim unquoted fields
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlankChar(char c) {
        if (c > ' ' && c < 0x7f) {
            return false; // printable ASCII, by far the most common: skip the Unicode tables
        }
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean startsLikeAFormula(String value) {
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
