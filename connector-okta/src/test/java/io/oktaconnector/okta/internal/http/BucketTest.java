package io.oktaconnector.okta.internal.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BucketTest {

    /** Okta's Workforce table, longest match of method and path; the simulator's RateLimitBucket map agrees. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,    /api/v1/users,                              USERS",
            "POST,   /api/v1/users,                              USERS",
            "GET,    /api/v1/users/,                             USERS",
            "GET,    /api/v1/users/00u1,                         USER_GET_BY_ID",
            "GET,    /api/v1/users/jbond%40example.com,          USER_GET_BY_ID",
            "POST,   /api/v1/users/00u1,                         USER_WRITE_BY_ID",
            "PUT,    /api/v1/users/00u1,                         USER_WRITE_BY_ID",
            "DELETE, /api/v1/users/00u1,                         USER_WRITE_BY_ID",
            "POST,   /api/v1/users/00u1/lifecycle/deactivate,    OTHER",
            "GET,    /api/v1/users/00u1/groups,                  OTHER",
            "GET,    /api/v1/groups,                             GROUPS",
            "POST,   /api/v1/groups,                             GROUPS",
            "GET,    /api/v1/groups/00g1,                        GROUP_BY_ID",
            "PUT,    /api/v1/groups/00g1,                        GROUP_BY_ID",
            "DELETE, /api/v1/groups/00g1,                        GROUP_BY_ID",
            "GET,    /api/v1/groups/00g1/users,                  OTHER",
            "PUT,    /api/v1/groups/00g1/users/00u1,             OTHER",
            "GET,    /api/v1/groups/00g1/apps,                   OTHER",
            "GET,    /api/v1/groups/rules,                       OTHER",
            "GET,    /api/v1/apps,                               APPS",
            "POST,   /api/v1/apps,                               APPS",
            "GET,    /api/v1/apps/0oa1/groups,                   APPS",
            "PUT,    /api/v1/apps/0oa1/groups/00g1,              APPS",
            "POST,   /api/v1/apps/0oa1/lifecycle/deactivate,     APPS",
            "GET,    /api/v1/apps/0oa1,                          APP_BY_ID",
            "PUT,    /api/v1/apps/0oa1,                          APP_BY_ID",
            "DELETE, /api/v1/apps/0oa1,                          APP_BY_ID",
            "GET,    /api/v1/logs,                               LOGS",
            "GET,    /api/v1/meta/schemas/user/default,          OTHER",
            "GET,    /oauth2/v1/clients,                         OTHER",
    })
    void classifiesByMethodAndLongestPathMatch(String method, String path, Bucket expected) {
        assertThat(Bucket.of(method, path)).isEqualTo(expected);
        assertThat(Bucket.of(method.toLowerCase(java.util.Locale.ROOT), path)).isEqualTo(expected);
    }

    @Test
    void knowsTheWorkforceDefaults() {
        assertThat(Bucket.APPS.workforceLimit()).isEqualTo(100);
        assertThat(Bucket.USERS.workforceLimit()).isEqualTo(600);
        assertThat(Bucket.USER_GET_BY_ID.workforceLimit()).isEqualTo(2000);
        assertThat(Bucket.GROUPS.workforceLimit()).isEqualTo(500);
        assertThat(Bucket.GROUP_BY_ID.workforceLimit()).isEqualTo(1000);
        assertThat(Bucket.OTHER.workforceLimit()).isEqualTo(1200);
    }

    @Test
    void encodesPathSegmentsSoNoIdChangesThePath() {
        assertThat(OktaHttp.segment("00g1AbC")).isEqualTo("00g1AbC");
        assertThat(OktaHttp.segment("../x?y=1#z")).isEqualTo("..%2Fx%3Fy%3D1%23z");
        assertThat(OktaHttp.segment("..")).isEqualTo("%2E%2E");
        assertThat(OktaHttp.segment("é")).isEqualTo("%C3%A9");
    }
}
