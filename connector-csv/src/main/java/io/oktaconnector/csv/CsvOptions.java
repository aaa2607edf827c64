package io.oktaconnector.csv;

import java.util.Objects;

/**
 * How CSV files are written. {@link #DEFAULTS} is RFC 4180: comma, CRLF, UTF-8 without a byte order mark, values
 * verbatim. Derive variants with the {@code with…} methods:
 *
 * <pre>{@code
 * CsvOptions excel = CsvOptions.DEFAULTS.withDelimiter(';').withBom(true).withFormulaEscaping(true);
 * }</pre>
 *
 * <p>Whatever the options, a field is quoted only where needed: when it contains the delimiter, a double quote, CR
 * or LF, when it begins or ends with white space (many readers trim unquoted fields), when it is the only, empty
 * field of its row (many readers skip empty lines), or when it begins a record with {@code #} (many readers skip
 * comment lines). {@code null} and {@code ""} are both written as an empty
 * unquoted field. Immutable and thread-safe.
 *
 * @param delimiter       the field separator; not a double quote, CR, LF, or a letter or digit
 * @param lineSeparator   ends every record: {@code "\r\n"} (RFC 4180) or {@code "\n"}; never {@code null}
 * @param writeBom        whether a file begins with the UTF-8 byte order mark (some spreadsheet programs need it to
 *                        read UTF-8)
 * @param formulaEscaping whether a value beginning with {@code = + - @}, TAB or CR is prefixed with a single quote
 *                        {@code '}, so a spreadsheet shows it as text instead of running it as a formula. Off by
 *                        default, because identity hosts read the raw values; headers are never changed
 * @since 0.1
 */
public record CsvOptions(char delimiter, String lineSeparator, boolean writeBom, boolean formulaEscaping) {

    /** Comma, CRLF, no byte order mark, no formula escaping. */
    public static final CsvOptions DEFAULTS = new CsvOptions(',', "\r\n", false, false);

    /**
     * @param delimiter       the field separator; not a double quote, CR, LF, or a letter or digit
     * @param lineSeparator   ends every record: {@code "\r\n"} (RFC 4180) or {@code "\n"}; never {@code null}
     * @param writeBom        whether a file begins with the UTF-8 byte order mark (some spreadsheet programs need it
     *                        to read UTF-8)
     * @param formulaEscaping whether a value beginning with {@code = + - @}, TAB or CR is prefixed with a single quote
     *                        {@code '}, so a spreadsheet shows it as text instead of running it as a formula. Off by
     *                        default, because identity hosts read the raw values; headers are never changed
     * @throws IllegalArgumentException when the delimiter or the line separator is not allowed
     * @throws NullPointerException     when {@code lineSeparator} is {@code null}
     */
    public CsvOptions {
        Objects.requireNonNull(lineSeparator, "lineSeparator == null");
        if (!lineSeparator.equals("\r\n") && !lineSeparator.equals("\n")) {
            throw new IllegalArgumentException("lineSeparator must be \"\\r\\n\" or \"\\n\"");
        }
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || Character.isLetterOrDigit(delimiter)
                || Character.isSurrogate(delimiter)) {
            throw new IllegalArgumentException("delimiter '" + delimiter + "' cannot separate CSV fields");
        }
    }

    /**
     * @param delimiter the field separator, e.g. {@code ';'} or {@code '\t'}
     * @return these options with another delimiter
     * @throws IllegalArgumentException when the delimiter is not allowed
     */
    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(delimiter, lineSeparator, writeBom, formulaEscaping);
    }

    /**
     * @param lineSeparator {@code "\r\n"} or {@code "\n"}
     * @return these options with another line separator
     * @throws IllegalArgumentException when the separator is not allowed
     */
    public CsvOptions withLineSeparator(String lineSeparator) {
        return new CsvOptions(delimiter, lineSeparator, writeBom, formulaEscaping);
    }

    /**
     * @param writeBom whether files begin with the UTF-8 byte order mark
     * @return these options with that setting
     */
    public CsvOptions withBom(boolean writeBom) {
        return new CsvOptions(delimiter, lineSeparator, writeBom, formulaEscaping);
    }

    /**
     * @param formulaEscaping whether values that a spreadsheet would run as formulas are prefixed with {@code '}
     * @return these options with that setting
     */
    public CsvOptions withFormulaEscaping(boolean formulaEscaping) {
        return new CsvOptions(delimiter, lineSeparator, writeBom, formulaEscaping);
    }
}
