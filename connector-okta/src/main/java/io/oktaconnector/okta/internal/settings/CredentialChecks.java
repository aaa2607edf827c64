package io.oktaconnector.okta.internal.settings;

import io.oktaconnector.api.Problem;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProxySettings;
import io.oktaconnector.okta.TrustStoreSettings;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The offline rules of the credentials issue's keys: KeyId, Proxy, TrustStore. */
final class CredentialChecks {
    private static final Set<String> STORE_TYPES = Set.of("PKCS12", "JKS");

    private CredentialChecks() {
    }

    static void problems(String prefix, OktaSettings s, Predicate<String> hidden, List<Problem> problems) {
        if (s.keyId().isPresent() && !s.usesOAuth()) {
            problems.add(new Problem(prefix + "KeyId", "is an OAuth key; it needs ClientId"));
        }
        s.proxy().ifPresent(p -> proxyProblems(prefix + "Proxy.", p, problems));
        s.trustStore().ifPresent(t -> trustStoreProblems(prefix + "TrustStore.", t,
                hidden.test(prefix + "TrustStore.Type"), problems));
    }

    private static void proxyProblems(String prefix, ProxySettings p, List<Problem> problems) {
        if (p.host().isBlank() || p.host().strip().contains("/") || p.host().strip().contains(" ")) {
            problems.add(new Problem(prefix + "Host", "must be a host name or address (no scheme, no path)"));
        }
        if (p.port() < 1 || p.port() > 65535) {
            problems.add(new Problem(prefix + "Port", "is required with Proxy, between 1 and 65535"));
        }
        if (p.password() != null && (p.username() == null || p.username().isBlank())) {
            problems.add(new Problem(prefix + "Username", "is required with Proxy.Password"));
        }
    }

    private static void trustStoreProblems(String prefix, TrustStoreSettings t, boolean typeHidden,
                                           List<Problem> problems) {
        if (!STORE_TYPES.contains(t.type())) {
            String shown = SettingsValues.shown(t.type(), typeHidden);
            problems.add(new Problem(prefix + "Type", "must be PKCS12 or JKS" + (shown == null ? "" : ", not " + shown)));
        }
        if (!Files.isRegularFile(t.file())) {
            problems.add(new Problem(prefix + "File", "file " + t.file() + " does not exist"));
        }
    }
}
