package io.oktaconnector.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (API token, password, private key, client secret) that never prints: {@link #toString()} is
 * {@code [hidden]}. Only {@link #reveal()} gives the value, and only code that hands it to the wire or to a
 * cipher should call it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret value, never {@code null}
     * @return a secret holding the value
     * @throws NullPointerException if {@code value} is null
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value == null"));
    }

    /** @return the clear value; never log or print it */
    public String reveal() {
        return value;
    }

    /** @return whether the value is empty or only white space */
    public boolean isBlank() {
        return value.isBlank();
    }

    /** @return always {@code [hidden]} */
    @Override
    public String toString() {
        return "[hidden]";
    }

    /** Compares in constant time, so equality checks leak no timing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the value could leak information about it; secrets are rarely map keys
    }
}
