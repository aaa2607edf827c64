package io.oktaconnector.okta.internal.fulfill;

import java.time.Instant;

/**
 * The object an {@code Added} order creates, as far as its run knows it: its id once known, whether it was found in
 * Okta rather than made by this order's create, and whether an answer to the create was lost. Not thread-safe.
 */
final class NewObject {
    private String id;
    // found rather than made (a lost answer, an interrupted run, an adoption): its links are read, not assumed empty
    private boolean found;
    private boolean ambiguous;
    private Instant firstSend;

    /**
     * @param ref an id, or {@link Operation#NEW_ID}
     * @return the id it stands for
     * @throws IllegalStateException when {@code ref} is {@link Operation#NEW_ID} and the create has not run
     */
    String id(String ref) {
        if (!Operation.NEW_ID.equals(ref)) {
            return ref;
        }
        if (id == null) {
            throw new IllegalStateException("the created object's id is not known yet");
        }
        return id;
    }

    /** @return the id once known (in a dry run {@link Operation#NEW_ID}), else {@code null} */
    String id() {
        return id;
    }

    /** @param id the id Okta gave the object this order's create made */
    void made(String id) {
        this.id = id;
    }

    /** @param id the id of an object found in Okta and taken as this order's (or adopted) */
    void found(String id) {
        this.id = id;
        this.found = true;
    }

    /** @return whether {@code ref} names an object this order made itself, which has no links yet */
    boolean isNew(String ref) {
        return Operation.NEW_ID.equals(ref) && !found;
    }

    /** Notes when the order first sends a create, to tell its object from an older one. */
    void sending() {
        if (firstSend == null) {
            firstSend = Instant.now();
        }
    }

    /** @return when the order first sent its create, or {@code null} */
    Instant firstSend() {
        return firstSend;
    }

    /** An answer to the create was lost: the object may exist. */
    void answerLost() {
        ambiguous = true;
    }

    /** @return whether an answer to the create was lost */
    boolean ambiguous() {
        return ambiguous;
    }
}
