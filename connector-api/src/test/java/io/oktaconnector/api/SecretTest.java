package io.oktaconnector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String VALUE = "00aBcDeF-token-value";

    @Test
    void neverPrintsItsValue() {
        Secret s = Secret.of(VALUE);
        assertThat(s.toString()).isEqualTo("[hidden]");
        assertThat(String.valueOf(s)).doesNotContain(VALUE);
        assertThat("token=" + s).isEqualTo("token=[hidden]");
        assertThat(List.of(s).toString()).doesNotContain(VALUE);
        assertThat(Map.of("ApiKey", s).toString()).doesNotContain(VALUE);
    }

    record Holder(String name, Secret secret) {
    }

    @Test
    void aRecordHoldingASecretDoesNotPrintIt() {
        assertThat(new Holder("okta", Secret.of(VALUE)).toString()).contains("[hidden]").doesNotContain(VALUE);
    }

    @Test
    void revealGivesTheValue() {
        assertThat(Secret.of(VALUE).reveal()).isEqualTo(VALUE);
    }

    @Test
    void equalityFollowsTheValue() {
        Secret a = Secret.of(VALUE);
        assertThat(a).isEqualTo(Secret.of(VALUE));
        assertThat(a).hasSameHashCodeAs(Secret.of(VALUE));
        assertThat(a).isNotEqualTo(Secret.of(VALUE + "x"));
        assertThat(a).isNotEqualTo(Secret.of(""));
        assertThat(a).isNotEqualTo(VALUE);
        assertThat(a.equals(null)).isFalse();
        assertThat(Secret.of("é€")).isEqualTo(Secret.of("é€"));
    }

    @Test
    void hashCodeDoesNotDependOnTheValue() {
        assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("completely different").hashCode());
    }

    @Test
    void blankness() {
        assertThat(Secret.of("").isBlank()).isTrue();
        assertThat(Secret.of(" \t\n").isBlank()).isTrue();
        assertThat(Secret.of(" x ").isBlank()).isFalse();
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }
}
