package io.oktaconnector.okta;

import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.internal.fulfill.OrdersFile;
import io.oktaconnector.okta.internal.fulfill.OrdersParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The orders of one file in the host's JSON form ({@code {"ProvisioningOrdersList":[…]}}), read into typed
 * {@link ProvisioningOrder}s. A malformed order does not fail the file: it becomes a {@link Rejected} entry, with its
 * position, its {@code AssignedResourceTypeId} and the reason, that a fulfill run reports as one {@code Errored}
 * result in its place. Every element of the file is one {@link #entries() entry}: {@link #accepted()} and
 * {@link #rejected()} split them, each with its position.
 *
 * <pre>{@code
 * ProvisioningOrders file = ProvisioningOrders.read(Path.of("orders.json"), mapping);
 * file.rejected().forEach(r -> log.warn("order {} ({}) rejected: {}", r.index(), r.assignmentId(), r.reason()));
 * FulfillSummary summary = okta.fulfill(file, mapping, FulfillMode.APPLY, ProgressListener.NONE); // one result each
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param source  the file (or other source) the orders came from, for messages; never {@code null}
 * @param entries one per element of {@code ProvisioningOrdersList}, in file order; never {@code null}
 * @since 0.1
 */
public record ProvisioningOrders(String source, List<Entry> entries) {

    /** One element of {@code ProvisioningOrdersList}: an {@link Accepted} order or a {@link Rejected} one. */
    public sealed interface Entry permits Accepted, Rejected {
        /** @return the 0-based position in {@code ProvisioningOrdersList} */
        int index();

        /** @return the order's {@code AssignedResourceTypeId}; empty when the order has none, never {@code null} */
        String assignmentId();
    }

    /**
     * A well-formed order.
     *
     * @param index the 0-based position in the file
     * @param order the order, never {@code null}
     */
    public record Accepted(int index, ProvisioningOrder order) implements Entry {
        /**
         * Checks the components (see the type's description).
         *
         * @param index the 0-based position in the file
         * @param order the order, never {@code null}
         */
        public Accepted {
            Objects.requireNonNull(order, "order == null");
        }

        @Override
        public String assignmentId() {
            return order.assignmentId();
        }
    }

    /**
     * A malformed order and why.
     *
     * @param index        the 0-based position in the file
     * @param assignmentId the order's {@code AssignedResourceTypeId}, empty when it has none; never {@code null}
     * @param changeType   the change kind when it could be read, else {@code null}
     * @param resourceId   the {@code Resource.id} when it could be read, else {@code null}
     * @param reason       what is wrong, for a person (names the order and the field); never {@code null}
     */
    public record Rejected(int index, String assignmentId, ChangeType changeType, String resourceId, String reason)
            implements Entry {
        /**
         * Checks the components (see the type's description).
         *
         * @param index        the 0-based position in the file
         * @param assignmentId the order's {@code AssignedResourceTypeId}, empty when it has none; never {@code null}
         * @param changeType   the change kind when it could be read, else {@code null}
         * @param resourceId   the {@code Resource.id} when it could be read, else {@code null}
         * @param reason       what is wrong, for a person (names the order and the field); never {@code null}
         */
        public Rejected {
            Objects.requireNonNull(assignmentId, "assignmentId == null");
            Objects.requireNonNull(reason, "reason == null");
        }

        /** @return the order's one {@code Errored} result */
        public FulfillResult result() {
            return new FulfillResult(assignmentId, ProvisioningState.Errored, reason, changeType, resourceId);
        }
    }

    /** The largest orders file {@link #read} takes (16 MB): all its orders are held in memory before any runs. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /**
     * Checks the components (see the type's description).
     *
     * @param source  the file (or other source) the orders came from, for messages; never {@code null}
     * @param entries one per element of {@code ProvisioningOrdersList}, in file order; never {@code null}
     */
    public ProvisioningOrders {
        Objects.requireNonNull(source, "source == null");
        entries = List.copyOf(Objects.requireNonNull(entries, "entries == null"));
    }

    /**
     * Reads an orders file.
     *
     * @param json    the file, UTF-8 (a byte-order mark is skipped), never {@code null}
     * @param mapping the host's entity mapping (entity types and property identifiers), never {@code null}; use
     *                {@link EntityMapping#DEFAULTS} when there is none
     * @return the file's orders, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_ORDER} when the file is not JSON or has no
     *                            {@code ProvisioningOrdersList} array (the message names the file and the line), or
     *                            is larger than {@link #MAX_FILE_BYTES}; {@link ErrorCode#IO} when it cannot be read
     */
    public static ProvisioningOrders read(Path json, EntityMapping mapping) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(mapping, "mapping == null");
        // every order of the file is held in memory: an unbounded file would exhaust the heap
        OrdersFile.requireSize(json);
        try (InputStream in = Files.newInputStream(json)) {
            return new ProvisioningOrders(json.toString(), OrdersParser.parse(in, json.toString(), mapping));
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the orders file " + json + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads orders from JSON text.
     *
     * @param json    the JSON text, never {@code null}
     * @param source  a name for messages, e.g. a file name; never {@code null}
     * @param mapping the host's entity mapping, never {@code null}
     * @return the orders, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_ORDER} as for {@link #read(Path, EntityMapping)}
     */
    public static ProvisioningOrders parse(String json, String source, EntityMapping mapping) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(mapping, "mapping == null");
        return new ProvisioningOrders(source, OrdersParser.parse(json, source, mapping));
    }

    /**
     * The well-formed orders, without their positions. The rejected ones are not in this list: a host that fulfills
     * only these must report {@link #rejected()} itself, or pass the whole file to
     * {@link OktaConnector#fulfill(ProvisioningOrders, EntityMapping, io.oktaconnector.api.FulfillMode,
     * io.oktaconnector.api.ProgressListener)}, which gives every entry its result.
     *
     * @return the well-formed orders, in file order
     */
    public List<ProvisioningOrder> orders() {
        return accepted().stream().map(Accepted::order).toList();
    }

    /** @return the well-formed orders with their positions, in file order */
    public List<Accepted> accepted() {
        return entries.stream().filter(Accepted.class::isInstance).map(Accepted.class::cast).toList();
    }

    /** @return the malformed orders with their positions, reasons and {@code Errored} results, in file order */
    public List<Rejected> rejected() {
        return entries.stream().filter(Rejected.class::isInstance).map(Rejected.class::cast).toList();
    }

    /** @return how many orders the file holds, malformed ones included */
    public int size() {
        return entries.size();
    }
}
