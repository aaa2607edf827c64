package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.PasswordNotifier;
import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.internal.password.PasswordGenerator;

import java.util.Objects;

/**
 * A connection's password rules as fulfillment applies them: which password the connector sets when an order asks
 * for one without giving it, and who is told. Thread-safe.
 */
public final class Passwords {
    /** Okta's own e-mails, no password ever chosen by the connector, nobody notified. */
    public static final Passwords OKTA_EMAIL = new Passwords("", PasswordResetSettings.DEFAULTS, PasswordNotifier.NONE);

    private final String connectionId;
    private final PasswordResetSettings settings;
    private final PasswordNotifier notifier;
    private final PasswordGenerator generator;

    /**
     * @param connectionId the connection, for {@link io.oktaconnector.okta.PasswordNotice}s
     * @param settings     the connection's {@code PasswordResetSettings}
     * @param notifier     who receives the passwords the connector sets
     */
    public Passwords(String connectionId, PasswordResetSettings settings, PasswordNotifier notifier) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.notifier = Objects.requireNonNull(notifier, "notifier == null");
        this.generator = new PasswordGenerator();
    }

    /** @return the password the connector sets (generated now, or the default), or {@code null} in OktaEmail mode */
    Secret choose() {
        return switch (settings.mode()) {
            case OKTA_EMAIL -> null;
            case GENERATE -> generator.generate(settings);
            case DEFAULT -> settings.defaultPassword();
        };
    }

    PasswordResetSettings settings() {
        return settings;
    }

    PasswordNotifier notifier() {
        return notifier;
    }

    String connectionId() {
        return connectionId;
    }
}
