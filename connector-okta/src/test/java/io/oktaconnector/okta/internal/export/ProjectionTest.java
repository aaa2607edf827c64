package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static List<String> row(Projection p, String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            String[] row = p.read(parser);
            assertThat(parser.nextToken()).as("the object is read to its end").isNull();
            return Arrays.asList(row);
        }
    }

    private static PageBody.Page<String[]> page(Projection p, String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            return new PageBody<>(p, Integer.MAX_VALUE).read(parser);
        }
    }

    private static final String USER = """
            {"lastMembershipUpdated":"2024-01-01","LastMembershipUpdated":"other",
             "profile":{"city":"Zürich","City":"wrong","n":42,"f":1.50,"e":1e3,"neg":-0,"b":false,"a":["x",1.50,{"k":"v"}],
                        "o":{"k":null,"q":"say \\"hi\\""},"nil":null,"empty":"","s":"a\\nb"},
             "type":{"id":"oty1"},"_links":{"self":{"href":"https://x"}}}
            """;

    @Test
    void valuesFollowTheMappingRulesAndMatchNamesExactlyFirstThenIgnoringCase() throws IOException {
        Projection p = Projection.of(List.of("lastMembershipUpdated", "lastMemberShipUpdated", "profile.city",
                "PROFILE.CITY", "type.id", "profile.n", "profile.f", "profile.e", "profile.neg", "profile.b",
                "profile.a", "profile.o", "profile.nil", "profile.empty", "profile.missing", "profile.city.deeper",
                "nothing.at.all", "profile.s"));
        assertThat(row(p, USER)).containsExactly("2024-01-01", "2024-01-01", "Zürich", "Zürich", "oty1", "42",
                "1.50", "1e3", "-0", "false", "[\"x\",1.50,{\"k\":\"v\"}]", "{\"k\":null,\"q\":\"say \\\"hi\\\"\"}",
                null, null, null, null, null, "a\nb");
    }

    @Test
    void aLaterExactNameReplacesAnEarlierMatchIgnoringCase() throws IOException {
        Projection p = Projection.of(List.of("profile.city", "profile.zip"));
        // "Profile" matches first (ignoring case) and gives a zip; the exact "profile" then wins, without a zip
        assertThat(row(p, """
                {"Profile":{"city":"Wrong","zip":"123"},"profile":{"city":"Right"}}""")).containsExactly("Right", null);
        // the first of two names that both match ignoring case wins, as in a tree
        assertThat(row(p, """
                {"PROFILE":{"city":"First"},"Profile":{"city":"Second"}}""")).containsExactly("First", null);
        // a repeated name: the last value counts, as in a tree
        assertThat(row(p, """
                {"profile":{"city":"a","zip":"1"},"profile":{"city":"b"}}""")).containsExactly("b", null);
        // also a repeated name that matched ignoring case; another spelling after it does not count
        assertThat(row(p, """
                {"PROFILE":{"city":"1"},"Profile":{"city":"2"},"PROFILE":{"city":"3"}}""")).containsExactly("3", null);
    }

    @Test
    void theExportsOwnColumnsTakeExactNamesOnly() throws IOException {
        Projection p = new Projection(List.of("id", "id", "_embedded.stats.usersCount"),
                List.of(Projection.Mode.VALUE, Projection.Mode.TEXT, Projection.Mode.NUMBER));
        assertThat(row(p, """
                {"ID":"x","_Embedded":{"stats":{"usersCount":3}}}""")).containsExactly("x", null, null);
        assertThat(row(p, """
                {"id":"x","_embedded":{"stats":{"usersCount":3}}}""")).containsExactly("x", "x", "3");
    }

    @Test
    void foldingFollowsEqualsIgnoreCaseNotALocale() {
        for (String[] pair : new String[][] {{"lastLogin", "LASTLOGIN"}, {"stra\u00dfe", "STRA\u00dfE"},
                {"\u0130d", "\u0069d"}, {"\u03c3", "\u03c2"}, {"k", "\u212a"}}) {
            assertThat(Projection.fold(pair[0]).equals(Projection.fold(pair[1])))
                    .as(pair[0] + " / " + pair[1]).isEqualTo(pair[0].equalsIgnoreCase(pair[1]));
        }
    }

    @Test
    void namesDifferingOnlyInCaseEachGetTheirOwnExactFieldOrTheFirstMatch() throws IOException {
        Projection p = Projection.of(List.of("City", "city", "CITY"));
        assertThat(row(p, """
                {"city":"lower","City":"upper"}""")).containsExactly("upper", "lower", "lower");
        assertThat(row(p, """
                {"cItY":"only"}""")).containsExactly("only", "only", "only");
    }

    @Test
    void aPathAndALongerPathThroughItAreBothFilled() throws IOException {
        Projection p = Projection.of(List.of("type", "type.id", "profile.city"));
        assertThat(row(p, """
                {"type":{"id":"oty1","x":[1]},"profile":{"city":"Bern"}}"""))
                .containsExactly("{\"id\":\"oty1\",\"x\":[1]}", "oty1", "Bern");
        // a scalar where an object belongs: the longer path is missing
        assertThat(row(p, """
                {"type":"plain","profile":"none"}""")).containsExactly("plain", null, null);
    }

    @Test
    void textAndNumberModesKeepOnlyTheirKind() throws IOException {
        Projection p = new Projection(List.of("id", "id", "stats.n", "stats.n"),
                List.of(Projection.Mode.TEXT, Projection.Mode.VALUE, Projection.Mode.NUMBER, Projection.Mode.TEXT));
        assertThat(row(p, """
                {"id":"00u1","stats":{"n":12}}""")).containsExactly("00u1", "00u1", "12", null);
        assertThat(row(p, """
                {"id":7,"stats":{"n":"12"}}""")).containsExactly(null, "7", null, "12");
        assertThat(row(p, """
                {"id":{"a":1},"stats":[1]}""")).containsExactly(null, "{\"a\":1}", null, null);
    }

    @Test
    void aPageIsAnArrayOfObjectsElseItSaysWhy() throws IOException {
        Projection p = Projection.of(List.of("id"));
        PageBody.Page<String[]> ok = page(p, "[{\"id\":\"a\"},{\"x\":1},{\"id\":\"b\"}]");
        assertThat(ok.problem()).isNull();
        assertThat(ok.items()).extracting(r -> r[0]).containsExactly("a", null, "b");
        assertThat(page(p, "[]").items()).isEmpty();
        assertThat(page(p, "{\"id\":\"a\"}").problem()).isEqualTo("expected a JSON array (a page), got object");
        assertThat(page(p, "\"text\"").problem()).isEqualTo("expected a JSON array (a page), got string");
        assertThat(page(p, "[{\"id\":\"a\"},42,null]").problem())
                .isEqualTo("a page holds a number where an object belongs");
        assertThat(page(p, "[[1]]").problem()).isEqualTo("a page holds a array where an object belongs");
    }

    @Test
    void invalidJsonAndTrailingContentFailTheRead() {
        Projection p = Projection.of(List.of("id"));
        assertThatThrownBy(() -> page(p, "[{\"id\":\"a\"}")).isInstanceOf(JsonEOFException.class);
        assertThatThrownBy(() -> page(p, "[{\"id\":\"a\"}] x")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> page(p, "[{\"id\":\"a\"}][]")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> page(p, "[{\"id\":\"a\",}]")).isInstanceOf(JsonProcessingException.class);
        // a page refused for its shape must still be valid JSON to the end
        assertThatThrownBy(() -> page(p, "[1, {\"id\": ]")).isInstanceOf(JsonProcessingException.class);
    }
}
