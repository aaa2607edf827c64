package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.ProxySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void everyOccurrenceOfEveryRegisteredValueIsHidden() {
        Redactor r = Redactor.NONE.child();
        r.register("Secr3t-Pw!");
        r.register("tok-1234567890");
        assertThat(r.redact("a Secr3t-Pw! b Secr3t-Pw!tok-1234567890 c")).isEqualTo("a [hidden] b [hidden] c");
        assertThat(r.redact("nothing here")).isEqualTo("nothing here");
        assertThat(r.redact("Secr3t-Pw")).isEqualTo("Secr3t-Pw"); // a prefix is not the value
    }

    @Test
    void theJsonEscapedFormIsHiddenToo() {
        Redactor r = Redactor.NONE.child();
        r.register("pa\"ss\\word");
        assertThat(r.redact("{\"value\":\"pa\\\"ss\\\\word\"}")).isEqualTo("{\"value\":\"[hidden]\"}");
        assertThat(r.redact("quoted: pa\"ss\\word.")).isEqualTo("quoted: [hidden].");
    }

    @Test
    void valuesShorterThanFourCharactersAreNotSearchedFor() {
        Redactor r = Redactor.NONE.child();
        r.register("abc");
        assertThat(r.redact("abc abc")).isEqualTo("abc abc");
    }

    @Test
    void aRunSeesItsConnectionsValuesAndKeepsItsOwn() {
        OktaSettings settings = OktaSettings.builder().connectionId("C").server("https://acme.okta.com")
                .apiKey(Secret.of("00api-token-value"))
                .proxy(new ProxySettings("proxy", 8080, "svc", Secret.of("proxy-pw-1")))
                .passwordReset(new PasswordResetSettings(PasswordResetSettings.Mode.DEFAULT,
                        Secret.of("Default-Pw-9"), 16, 1, 1, 1, 1, true, false))
                .build();
        Redactor connection = Redactor.of(settings);
        Redactor run = connection.child();
        run.register("order-pw-77");
        String text = "00api-token-value proxy-pw-1 Default-Pw-9 order-pw-77";
        assertThat(run.redact(text)).isEqualTo("[hidden] [hidden] [hidden] [hidden]");
        assertThat(connection.redact(text)).isEqualTo("[hidden] [hidden] [hidden] order-pw-77");
        assertThat(Redactor.NONE.redact(text)).isSameAs(text);
    }

    @Test
    void anExceptionIsCleanedWithItsCauses() {
        Redactor r = Redactor.NONE.child();
        r.register("Secr3t-Pw!");
        ConnectorException e = new ConnectorException(ErrorCode.REJECTED, "refused Secr3t-Pw!",
                new IllegalStateException("parser saw Secr3t-Pw!", new RuntimeException("deeper Secr3t-Pw!")));
        ConnectorException clean = r.redact(e);
        assertThat(clean.code()).isEqualTo(ErrorCode.REJECTED);
        assertThat(clean.getMessage()).isEqualTo("refused [hidden]");
        assertThat(clean.getCause().getMessage()).isEqualTo("java.lang.IllegalStateException: parser saw [hidden]");
        assertThat(clean.getCause().getCause().getMessage()).isEqualTo("java.lang.RuntimeException: deeper [hidden]");
        assertThat(clean.getStackTrace()).isEqualTo(e.getStackTrace());
        ConnectorException untouched = new ConnectorException(ErrorCode.REJECTED, "nothing secret");
        assertThat(r.redact(untouched)).isSameAs(untouched);
    }
}
