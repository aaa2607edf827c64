package io.oktaconnector.api;

/**
 * The host's change kinds, as written in orders ({@code ChangeType}) and in the results file.
 *
 * @since 0.1
 */
public enum ChangeType {
    /** Create the resource. */
    Added,
    /** Change an existing resource. */
    Modified,
    /** Delete an existing resource. */
    Deleted
}
