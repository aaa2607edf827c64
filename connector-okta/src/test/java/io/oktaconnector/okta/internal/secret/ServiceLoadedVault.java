package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.SecretResolver;

import java.util.Optional;

/** Registered in the test resources' META-INF/services: proves resolvers are found by the ServiceLoader. */
public final class ServiceLoadedVault implements SecretResolver {
    static final String VALUE = "00service-loaded-vault-value";

    @Override
    public String scheme() {
        return "testvault";
    }

    @Override
    public Optional<Secret> resolve(String name) {
        return name.equals("Connections--Okta--ApiKey") ? Optional.of(Secret.of(VALUE)) : Optional.empty();
    }
}
