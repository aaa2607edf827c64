package io.oktaconnector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvOptionsTest {

    @Test
    void defaultsAreRfc4180WithValuesVerbatim() {
        assertThat(CsvOptions.DEFAULTS).isEqualTo(new CsvOptions(',', "\r\n", false, false));
    }

    @Test
    void withersChangeOneSetting() {
        CsvOptions o = CsvOptions.DEFAULTS.withDelimiter(';').withLineSeparator("\n").withBom(true).withFormulaEscaping(true);
        assertThat(o).isEqualTo(new CsvOptions(';', "\n", true, true));
        assertThat(CsvOptions.DEFAULTS.withBom(true)).isEqualTo(new CsvOptions(',', "\r\n", true, false));
        assertThat(CsvOptions.DEFAULTS.withFormulaEscaping(true)).isEqualTo(new CsvOptions(',', "\r\n", false, true));
    }

    @ParameterizedTest
    @ValueSource(chars = {'"', '\r', '\n', 'a', '7'})
    void delimitersThatCannotSeparateFieldsAreRejected(char c) {
        assertThatThrownBy(() -> CsvOptions.DEFAULTS.withDelimiter(c)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r", "\n\r", ";", "\r\n\r\n"})
    void onlyCrlfAndLfSeparateLines(String separator) {
        assertThatThrownBy(() -> CsvOptions.DEFAULTS.withLineSeparator(separator)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullLineSeparatorIsRejected() {
        assertThatThrownBy(() -> new CsvOptions(',', null, false, false)).isInstanceOf(NullPointerException.class);
    }
}
