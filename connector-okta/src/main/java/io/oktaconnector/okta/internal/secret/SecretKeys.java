package io.oktaconnector.okta.internal.secret;

import java.util.Locale;
import java.util.Set;

/**
 * The settings keys whose values are credentials, at any depth inside a connection: they become {@code Secret}s
 * when loaded, and {@code protect} moves them into the encrypted file. Matched ignoring case.
 */
public final class SecretKeys {
    private static final Set<String> NAMES = Set.of("apikey", "privatekey", "clientsecret", "password",
            "defaultpassword");

    private SecretKeys() {
    }

    /** @return the key names, as documented ({@code ApiKey}, {@code PrivateKey}, …) */
    public static Set<String> documented() {
        return Set.of("ApiKey", "PrivateKey", "ClientSecret", "Password", "DefaultPassword");
    }

    /**
     * @param name a key name, without its path (e.g. {@code Password} of {@code Proxy.Password})
     * @return whether its value is a credential
     */
    public static boolean isSecret(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
