package io.oktaconnector.okta.internal.export;

import java.util.Objects;

/**
 * Internal knobs of an export, not settings: tests use them to drive both code paths.
 *
 * @param groupsAppsSide where the application-group links are read from
 */
public record ExportOptions(LinkSide groupsAppsSide) {

    /** Where the application-group links are read from. */
    public enum LinkSide {
        /** Whichever side costs fewer requests (the default). */
        CHEAPER,
        /** Each app's {@code /apps/{id}/groups}. */
        APPS,
        /** Each group's {@code /groups/{id}/apps}, for groups whose stats report apps. */
        GROUPS
    }

    /** The defaults. */
    public static final ExportOptions DEFAULTS = new ExportOptions(LinkSide.CHEAPER);

    public ExportOptions {
        Objects.requireNonNull(groupsAppsSide, "groupsAppsSide == null");
    }
}
