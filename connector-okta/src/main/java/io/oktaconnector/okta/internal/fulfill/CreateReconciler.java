package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one create so that a lost answer does no harm: before a create is sent again (or when an interrupted run may
 * have sent it) the object is looked up, and one found is taken as this order's only when it is (see
 * {@link #requireOurs}). The same mechanism serves users, groups and apps; a {@link Kind} says how each is looked up,
 * created, taken and adopted.
 */
final class CreateReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(CreateReconciler.class);
    static final int ATTEMPTS = 3;
    // our clock against Okta's, when telling an object this order created from one that existed before
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private CreateReconciler() {
    }

    /** When the object of a create whose answer was lost is looked up. */
    enum Recheck {
        /** right after the lost answer; on a conflict after one, the object found is taken at once */
        AT_ONCE,
        /** just before the create is sent again; a conflict after a lost answer waits for that look-up */
        BEFORE_RESEND
    }

    /** Finds the object a create would make; {@code lost} is the last lost answer, or {@code null}. */
    @FunctionalInterface
    interface Lookup {
        JsonNode find(ConnectorException lost);
    }

    /**
     * Takes a found object as created by this order (records it with {@link NewObject#found}); {@code dropped}: after
     * a lost answer, not a resumed run.
     */
    @FunctionalInterface
    interface Taker {
        void take(JsonNode found, boolean dropped);
    }

    /** Adopts an object that existed already (AdoptExistingOnCreate). */
    @FunctionalInterface
    interface Adopter {
        void adopt(JsonNode existing);
    }

    /**
     * One kind of create.
     *
     * @param noun    "user", "group" or "app"
     * @param key     what identifies it, as "login x"
     * @param subject the conflict message's subject, as "a user with login x"
     * @param absent  what the final look-up found, as "no user with login x exists"
     * @param wanted  the fields a found object must have as the order asks
     * @param create  sends the create and records what it made
     * @param adopt   {@code null}: a conflict is not reconciled but thrown as it is
     */
    record Kind(String noun, String key, String subject, String absent, JsonNode wanted, Recheck recheck,
                Lookup lookup, Runnable create, Taker take, Adopter adopt) {
        Kind {
            Objects.requireNonNull(noun, "noun == null");
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(subject, "subject == null");
            Objects.requireNonNull(absent, "absent == null");
            Objects.requireNonNull(wanted, "wanted == null");
            Objects.requireNonNull(recheck, "recheck == null");
            Objects.requireNonNull(lookup, "lookup == null");
            Objects.requireNonNull(create, "create == null");
            Objects.requireNonNull(take, "take == null");
        }
    }

    /** @param adoptExisting AdoptExistingOnCreate: a conflict adopts the object found instead of failing */
    static void create(OrderRun r, Kind k, boolean adoptExisting) {
        ConnectorException lost = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if ((r.resumed() && attempt == 1) || (r.created().ambiguous() && k.recheck() == Recheck.BEFORE_RESEND)) {
                JsonNode existing = k.lookup().find(lost);
                if (existing != null) {
                    take(r, k, existing);
                    return;
                }
            }
            try {
                r.created().sending();
                k.create().run();
                return;
            } catch (ConnectorException e) {
                boolean unknown = e.code() == ErrorCode.OUTCOME_UNKNOWN;
                if (!unknown && (e.code() != ErrorCode.ALREADY_EXISTS || k.adopt() == null)) {
                    throw e;
                }
                if (unknown) {
                    lost = e;
                    r.created().answerLost();
                    if (k.recheck() == Recheck.BEFORE_RESEND) {
                        continue; // the loop looks the object up before sending again
                    }
                }
                JsonNode existing = k.lookup().find(lost);
                if (unknown && existing == null) {
                    LOG.info("create of {} {} had an unknown outcome and the {} does not exist: sending it again",
                            k.noun(), k.key(), k.noun());
                    continue;
                }
                if (existing != null && r.created().ambiguous()) {
                    if (k.recheck() == Recheck.BEFORE_RESEND) {
                        continue; // created by the attempt whose answer was lost: the loop takes it
                    }
                    take(r, k, existing);
                    return;
                }
                if (existing != null && adoptExisting) {
                    k.adopt().adopt(existing);
                    return;
                }
                throw new ConnectorException(ErrorCode.ALREADY_EXISTS, k.subject() + " exists already"
                        + (existing == null ? "" : " (" + Json.text(existing, "id") + ")") + ": " + e.getMessage(), e);
            }
        }
        throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "the outcome stayed unknown after " + ATTEMPTS
                + " attempts and " + k.absent() + (lost == null ? "" : ": " + lost.getMessage()), lost);
    }

    private static void take(OrderRun r, Kind k, JsonNode existing) {
        requireOurs(r, existing, k.wanted(), k.noun(), k.key());
        k.take().take(existing, r.created().ambiguous());
    }

    /**
     * An object found after a lost answer (or an interrupted run) is taken as this order's only when it carries what
     * the order asked for and was not created before the order first sent its create: otherwise it existed already.
     */
    private static void requireOurs(OrderRun r, JsonNode found, JsonNode wanted, String kind, String key) {
        String mismatch = mismatch(wanted, kindPart(found, kind));
        Instant created = instant(Json.text(found, "created"));
        Instant firstSend = r.created().firstSend();
        boolean older = created != null && firstSend != null && created.isBefore(firstSend.minus(CLOCK_SKEW));
        if (mismatch == null && !older) {
            return;
        }
        throw new ConnectorException(ErrorCode.ALREADY_EXISTS, "a " + kind + " with " + key + " exists ("
                + Json.text(found, "id") + ") but is not the one this order creates ("
                + (older ? "created " + Json.text(found, "created") + ", before this order ran" : mismatch + " differs")
                + "); it was left alone");
    }

    private static JsonNode kindPart(JsonNode found, String kind) {
        return kind.equals("app") ? found : found.path("profile");
    }

    /** @return the first wanted field the object does not have as wanted, or {@code null} */
    private static String mismatch(JsonNode wanted, JsonNode actual) {
        Iterator<Map.Entry<String, JsonNode>> it = wanted.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = actual.get(e.getKey());
            JsonNode w = e.getValue();
            boolean same;
            if (a == null || a.isNull()) {
                same = w.isNull();
            } else if (w.isNumber() && a.isNumber()) {
                same = w.decimalValue().compareTo(a.decimalValue()) == 0;
            } else if (w.isTextual() && a.isTextual() && e.getKey().equals("login")) {
                same = w.asText().equalsIgnoreCase(a.asText());
            } else {
                same = w.equals(a);
            }
            if (!same) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
