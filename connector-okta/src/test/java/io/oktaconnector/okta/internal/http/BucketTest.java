package io.oktaconnector.okta.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BucketTest {
    @Test
    void classifiesPathsIntoOktasBuckets() {
        assertThat(Bucket.of("GET", "/api/v1/users")).isEqualTo(Bucket.USERS);
        assertThat(Bucket.of("POST", "/api/v1/users/00u1/lifecycle/deactivate")).isEqualTo(Bucket.USERS);
        assertThat(Bucket.of("GET", "/api/v1/groups")).isEqualTo(Bucket.GROUPS);
        assertThat(Bucket.of("GET", "/api/v1/groups/00g1/users")).isEqualTo(Bucket.GROUP_BY_ID);
        assertThat(Bucket.of("GET", "/api/v1/apps")).isEqualTo(Bucket.APPS);
        assertThat(Bucket.of("GET", "/api/v1/apps/0oa1/groups")).isEqualTo(Bucket.APPS);
        assertThat(Bucket.of("GET", "/api/v1/meta/schemas/user/default")).isEqualTo(Bucket.OTHER);
    }

    @Test
    void encodesPathSegmentsSoNoIdChangesThePath() {
        assertThat(OktaHttp.segment("00g1AbC")).isEqualTo("00g1AbC");
        assertThat(OktaHttp.segment("../x?y=1#z")).isEqualTo("..%2Fx%3Fy%3D1%23z");
        assertThat(OktaHttp.segment("..")).isEqualTo("%2E%2E");
        assertThat(OktaHttp.segment("é")).isEqualTo("%C3%A9");
    }
}
