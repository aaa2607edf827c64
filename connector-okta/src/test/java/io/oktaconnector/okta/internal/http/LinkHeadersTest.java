package io.oktaconnector.okta.internal.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeadersTest {

    private static ResponseInfo headers(String name, String... values) {
        return new ResponseInfo(200, Map.of(name, List.of(values)));
    }

    @Test
    void findsNextInSeparateHeadersAsOktaSendsThem() {
        assertThat(LinkHeaders.next(headers("Link", "<https://a.okta.com/api/v1/users?limit=2>; rel=\"self\"",
                "<https://a.okta.com/api/v1/users?after=00u2&limit=2>; rel=\"next\"")))
                .contains("https://a.okta.com/api/v1/users?after=00u2&limit=2");
    }

    @Test
    void findsNextInACommaJoinedHeaderWithAnyCaseAndUnquotedRel() {
        assertThat(LinkHeaders.next(headers("link",
                "<https://a/x?limit=2>; rel=self, <https://a/x?after=00u%2BX%3D&limit=2>;rel=next")))
                .contains("https://a/x?after=00u%2BX%3D&limit=2");
        assertThat(LinkHeaders.next(headers("LINK", "<https://a/x?a=1,2>; title=\"a, b; c\"; REL=\"prev Next\"")))
                .contains("https://a/x?a=1,2");
    }

    @Test
    void noNextWhenOnlySelfOrNothing() {
        assertThat(LinkHeaders.next(headers("Link", "<https://a/x>; rel=\"self\""))).isEmpty();
        assertThat(LinkHeaders.next(new ResponseInfo(200, Map.of()))).isEmpty();
        assertThat(LinkHeaders.next(headers("Link", "garbage; rel=next"))).isEmpty();
        assertThat(LinkHeaders.next(headers("Link", "<https://a/x>; rel=\"nextpage\""))).isEmpty();
    }
}
