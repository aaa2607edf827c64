package io.oktaconnector.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktaconnector.csv.CsvOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CsvEncoderTest {
    private final CsvEncoder encoder = new CsvEncoder(CsvOptions.DEFAULTS);

    private String field(String value) {
        StringBuilder b = new StringBuilder();
        encoder.appendField(b, value, false);
        return b.toString();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain|plain",
            "with space inside|with space inside",
            "日本語 😀|日本語 😀",
            "#hash|#hash",
            "a=b|a=b",
            "back\\slash|back\\slash"})
    void quotesOnlyWhereNeeded(String value, String expected) {
        assertThat(field(value)).isEqualTo(expected);
    }

    @Test
    void quotesWhatReadersWouldOtherwiseMisread() {
        assertThat(field("a,b")).isEqualTo("\"a,b\"");
        assertThat(field("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(field("\"")).isEqualTo("\"\"\"\"");
        assertThat(field("\"x\"")).isEqualTo("\"\"\"x\"\"\"");
        assertThat(field("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(field("a\r\nb")).isEqualTo("\"a\r\nb\"");
        assertThat(field(" lead")).isEqualTo("\" lead\"");
        assertThat(field("trail ")).isEqualTo("\"trail \"");
        assertThat(field("\tx")).isEqualTo("\"\tx\"");
        assertThat(field("x\u00a0")).as("no-break space").isEqualTo("\"x\u00a0\"");
        assertThat(field(" ")).isEqualTo("\" \"");
        assertThat(field("'quote")).isEqualTo("'quote");
    }

    @Test
    void nullAndEmptyAreEmptyUnquotedFields() {
        assertThat(field(null)).isEmpty();
        assertThat(field("")).isEmpty();
        StringBuilder b = new StringBuilder();
        encoder.appendRow(b, Arrays.asList(null, "", "x"));
        assertThat(b).hasToString(",,x\r\n");
    }

    @Test
    void aLoneEmptyFieldIsQuotedSoTheRowIsNotAnEmptyLine() {
        StringBuilder b = new StringBuilder();
        encoder.appendRow(b, Arrays.asList((String) null));
        encoder.appendRow(b, List.of(""));
        encoder.appendRow(b, List.of("x"));
        assertThat(b).hasToString("\"\"\r\n\"\"\r\nx\r\n");
    }

    @Test
    void aRecordBeginningWithHashIsQuotedSoItIsNotTakenForAComment() {
        StringBuilder b = new StringBuilder();
        encoder.appendHeader(b, List.of("#id", "#x"));
        encoder.appendRow(b, List.of("#1", "#2"));
        encoder.appendRow(b, List.of("a#", "b"));
        assertThat(b).hasToString("\"#id\",#x\r\n\"#1\",#2\r\na#,b\r\n");
    }

    @Test
    void theDelimiterOptionDecidesWhatIsQuoted() {
        CsvEncoder tabs = new CsvEncoder(CsvOptions.DEFAULTS.withDelimiter('\t').withLineSeparator("\n"));
        StringBuilder b = new StringBuilder();
        tabs.appendRow(b, List.of("a,b", "c\td", "e"));
        assertThat(b).hasToString("a,b\t\"c\td\"\te\n");
    }

    @Test
    void formulaEscapingPrefixesOnlyFormulaStartsAndNeverHeaders() {
        CsvEncoder escaping = new CsvEncoder(CsvOptions.DEFAULTS.withFormulaEscaping(true));
        StringBuilder b = new StringBuilder();
        escaping.appendHeader(b, List.of("=h", "-h"));
        escaping.appendRow(b, List.of("=1", "+1", "-1", "@x", "\tx", "\rx", "a=1", "", " =x"));
        assertThat(b).hasToString("=h,-h\r\n'=1,'+1,'-1,'@x,'\tx,\"'\rx\",a=1,,\" =x\"\r\n");
    }
}
