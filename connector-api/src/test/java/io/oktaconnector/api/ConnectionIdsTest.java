package io.oktaconnector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionIdsTest {

    static Stream<Character> forbiddenCharacters() {
        return Stream.of('<', '>', ':', '"', '/', '\\', '|', '?', '*', '_');
    }

    @Test
    void theForbiddenSetIsExactlyTheSeedsTenCharacters() {
        assertThat(ConnectionIds.FORBIDDEN.chars().mapToObj(c -> (char) c))
                .containsExactlyInAnyOrderElementsOf(forbiddenCharacters().toList());
    }

    @ParameterizedTest
    @MethodSource("forbiddenCharacters")
    void eachForbiddenCharacterIsOneProblemNamingIt(char c) {
        for (String id : List.of("Okta" + c + "Export", c + "Okta", "Okta" + c)) {
            List<Problem> problems = ConnectionIds.problems(id);
            assertThat(problems).as(id).hasSize(1);
            assertThat(problems.get(0).key()).isEqualTo("connection identifier");
            assertThat(problems.get(0).message()).contains("'" + c + "'").contains(id);
            assertThatThrownBy(() -> ConnectionIds.require(id))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                        assertThat(e.getMessage()).contains("'" + c + "'");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0Okta", "9", "1_", "7Export"})
    void aLeadingDigitIsAProblem(String id) {
        assertThat(ConnectionIds.problems(id)).anySatisfy(p -> assertThat(p.message()).contains("must not begin with a digit"));
        assertThatThrownBy(() -> ConnectionIds.require(id)).isInstanceOf(ConnectorException.class);
    }

    @Test
    void aDigitLaterIsFine() {
        assertThat(ConnectionIds.problems("Okta2")).isEmpty();
    }

    @Test
    void emptyAndNullAreReportedAsMissing() {
        for (String id : Arrays.asList("", null)) {
            List<Problem> problems = ConnectionIds.problems(id);
            assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("is empty"));
            assertThatThrownBy(() -> ConnectionIds.require(id))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {" Okta", "Okta ", "Ok ta", "Ok\tta", "Ok\nta", "Ok\u0000ta", "Ok\u007fta"})
    void whiteSpaceAndControlCharactersAreAProblem(String id) {
        assertThat(ConnectionIds.problems(id)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("white space or control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "...", "........"})
    void dotNamesAreRejected(String id) {
        assertThat(ConnectionIds.problems(id)).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("\"" + id + "\" is not a valid name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Okta\u202Etxt.exe", "Ok\u200Bta", "\uFEFFOkta", "Okta\u2066x\u2069", "Ok\uE000ta",
            "Ok\uD800ta"})
    void invisibleAndBidiCharactersAreAProblemAndAreQuotedEscaped(String id) {
        assertThat(ConnectionIds.problems(id)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("must not contain invisible or bidirectional formatting characters");
            assertThat(p.message()).doesNotContain(id).containsPattern("\\\\u[0-9A-F]{4}");
            assertThat(p.message().codePoints()).noneMatch(c -> Character.getType(c) == Character.FORMAT);
        });
    }

    @Test
    void theMessageShowsTheBidiOverrideAsAnEscape() {
        assertThat(ConnectionIds.problems("Okta\u202Etxt.exe")).singleElement().extracting(Problem::message)
                .isEqualTo("\"Okta\\u202Etxt.exe\" must not contain invisible or bidirectional formatting characters "
                        + "(it would name files that read as another name)");
    }

    @Test
    void identifiersLongerThanAFileNameCanCarryAreAProblemQuotedShort() {
        String longest = "O".repeat(ConnectionIds.MAX_BYTES);
        assertThat(ConnectionIds.problems(longest)).isEmpty();
        String id = "O".repeat(240);
        assertThat(ConnectionIds.problems(id)).singleElement().extracting(Problem::message)
                .isEqualTo("\"" + "O".repeat(40) + "… (240 characters)\" is 240 bytes long, more than 128 (it names files)");
        // counted in UTF-8 bytes, as file systems count them
        assertThat(ConnectionIds.problems("€".repeat(43))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("129 bytes long"));
        assertThat(ConnectionIds.problems("€".repeat(42))).isEmpty();
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<Problem> problems = ConnectionIds.problems("1a_b:c");
        assertThat(problems).hasSize(3);
        assertThat(problems).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("digit"))
                .anySatisfy(m -> assertThat(m).contains("'_'"))
                .anySatisfy(m -> assertThat(m).contains("':'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OktaExportFulfillment", "Okta", "o", "Okta-Prod", "Okta.Prod.2", "Ökta€", "OKTA2024"})
    void validIdentifiersPass(String id) {
        assertThat(ConnectionIds.problems(id)).isEmpty();
        assertThat(ConnectionIds.require(id)).isSameAs(id);
    }

    @Test
    void duplicatesAreReportedOncePerRepeat() {
        List<Problem> problems = ConnectionIds.problems(List.of("OktaA", "OktaB", "OktaA", "OktaA"));
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p.message()).contains("is not unique"));
    }

    @Test
    void duplicatesDifferingOnlyInCaseCollide() {
        List<Problem> problems = ConnectionIds.problems(List.of("OktaExport", "oktaexport"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("\"oktaexport\"").contains("\"OktaExport\"");
        });
    }

    @Test
    void aSetCollectsPerIdentifierProblemsToo() {
        List<Problem> problems = ConnectionIds.problems(Arrays.asList("Good", "Bad_One", null, "Good"));
        assertThat(problems).hasSize(3);
    }

    @Test
    void distinctValidIdentifiersHaveNoProblem() {
        assertThat(ConnectionIds.problems(List.of("OktaExportFulfillment", "OktaSandbox", "Okta2"))).isEmpty();
        assertThat(ConnectionIds.problems(List.of())).isEmpty();
    }
}
