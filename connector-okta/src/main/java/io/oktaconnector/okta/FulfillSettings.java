package io.oktaconnector.okta;

/**
 * The settings that shape fulfillment, part of {@link OktaSettings} (keys inside {@code Connections.<id>}).
 *
 * @param activateOnCreate      {@code ActivateOnCreate} (default {@code true}): activate a created user when the
 *                              order names no {@code status}
 * @param sendActivationEmail   {@code SendActivationEmail} (default {@code false}): let Okta e-mail users when it
 *                              activates them; when off, users are created STAGED and activated with
 *                              {@code sendEmail=false}
 * @param adoptExistingOnCreate {@code AdoptExistingOnCreate} (default {@code false}): an {@code Added} user whose
 *                              login exists (a group whose name exists) takes over the existing one and applies the
 *                              order to it, instead of ending {@code Errored} with {@code ALREADY_EXISTS}
 * @param maxDeletesPerRun      {@code MaxDeletesPerRun} (default 500, at least 0): the most orders of one run that
 *                              delete or deactivate a user, group or application; past it they end {@code Errored}
 * @since 0.1
 */
public record FulfillSettings(boolean activateOnCreate, boolean sendActivationEmail, boolean adoptExistingOnCreate,
                              int maxDeletesPerRun) {
    /** The defaults. */
    public static final FulfillSettings DEFAULTS = new FulfillSettings(true, false, false, 500);

    /**
     * @param activateOnCreate      {@code ActivateOnCreate} (default {@code true}): activate a created user when the
     *                              order names no {@code status}
     * @param sendActivationEmail   {@code SendActivationEmail} (default {@code false}): let Okta e-mail users when it
     *                              activates them; when off, users are created STAGED and activated with {@code
     *                              sendEmail=false}
     * @param adoptExistingOnCreate {@code AdoptExistingOnCreate} (default {@code false}): an {@code Added} user whose
     *                              login exists (a group whose name exists) takes over the existing one and applies
     *                              the order to it, instead of ending {@code Errored} with {@code ALREADY_EXISTS}
     * @param maxDeletesPerRun      {@code MaxDeletesPerRun} (default 500, at least 0): the most orders of one run that
     *                              delete or deactivate a user, group or application; past it they end {@code Errored}
     * @throws IllegalArgumentException when {@code maxDeletesPerRun} is negative
     */
    public FulfillSettings {
        if (maxDeletesPerRun < 0) {
            throw new IllegalArgumentException("maxDeletesPerRun < 0");
        }
    }

    /**
     * @param max the cap on deleting and deactivating orders per run, at least 0
     * @return a copy with it
     */
    public FulfillSettings withMaxDeletesPerRun(int max) {
        return new FulfillSettings(activateOnCreate, sendActivationEmail, adoptExistingOnCreate, max);
    }

    /**
     * @param adopt whether an Added user or group takes over an existing one
     * @return a copy with it
     */
    public FulfillSettings withAdoptExistingOnCreate(boolean adopt) {
        return new FulfillSettings(activateOnCreate, sendActivationEmail, adopt, maxDeletesPerRun);
    }

    /**
     * @param activate whether created users are activated when the order names no status
     * @param email    whether Okta e-mails users on activation
     * @return a copy with them
     */
    public FulfillSettings withActivation(boolean activate, boolean email) {
        return new FulfillSettings(activate, email, adoptExistingOnCreate, maxDeletesPerRun);
    }
}
