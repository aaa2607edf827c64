package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Delivers a password the connector has set (generated, or the connection's default) to whoever must receive it:
 * the host implements it (mail to the user's manager, a message to a ticketing system, a sealed envelope in a
 * vault). The connector never prints, logs or writes such a password anywhere else.
 *
 * <p>Plugging one in: pass it in code with {@link OktaConnector#create(OktaSettings, PasswordNotifier)}, or list the
 * implementation class in {@code META-INF/services/io.oktaconnector.okta.PasswordNotifier} of a jar on the class path
 * ({@link OktaConnector#create(OktaSettings)}, and so the CLI, use {@link #fromServiceLoader(ClassLoader)}). Without
 * one, {@link #NONE} delivers nothing: use {@code PasswordResetSettings} mode {@code OktaEmail} if nobody would
 * otherwise learn the password. Passwords an order gives are the host's own and are not delivered.
 *
 * <p>Threads: called from the fulfill worker threads, possibly concurrently; implementations must be thread-safe.
 * Called after Okta accepted the password (and expired it when must-change is set). An exception is reported in the
 * order's result (its message is not copied, as it might quote the password); the password stays set in Okta.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PasswordNotifier {

    /** Delivers nothing, prints nothing. */
    PasswordNotifier NONE = notice -> { };

    /**
     * @param notice the user and the password, never {@code null}; keep {@code notice.password()} out of logs
     */
    void deliver(PasswordNotice notice);

    /**
     * The notifier registered with {@link ServiceLoader}, or {@link #NONE}.
     *
     * @param classLoader the class loader to search
     * @return the only registered notifier, or {@link #NONE} when there is none
     * @throws ConnectorException INVALID_SETTINGS when several are registered (which one was meant is unknown)
     */
    static PasswordNotifier fromServiceLoader(ClassLoader classLoader) {
        List<PasswordNotifier> found = new ArrayList<>();
        ServiceLoader.load(PasswordNotifier.class, classLoader).forEach(found::add);
        if (found.size() > 1) {
            List<String> names = found.stream().map(n -> n.getClass().getName()).toList();
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "several password notifiers are registered: "
                    + names);
        }
        return found.isEmpty() ? NONE : found.get(0);
    }
}
