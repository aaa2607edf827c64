package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.ProvisioningOrders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An orders file on disk, read in streaming passes so that memory never grows with its orders: {@link #scan} checks
 * the whole file and counts its orders before any runs, {@link #forEach} then gives them one at a time.
 */
public final class OrdersFile {
    private OrdersFile() {
    }

    /**
     * Refuses a file larger than {@link ProvisioningOrders#MAX_FILE_BYTES}.
     *
     * @param file the orders file
     * @throws ConnectorException INVALID_ORDER when it is larger, IO when its size cannot be read
     */
    public static void requireSize(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the orders file " + file + ": " + e.getMessage(), e);
        }
        if (size > ProvisioningOrders.MAX_FILE_BYTES) {
            // a cap on what one file may ask for, and on what ProvisioningOrders.read holds in memory
            throw new ConnectorException(ErrorCode.INVALID_ORDER, String.format(Locale.ROOT,
                    "the orders file %s is %.1f MB, more than the %d MB an orders file may hold; split the orders "
                            + "into several files of the orders folder", file, size / 1048576.0,
                    ProvisioningOrders.MAX_FILE_BYTES / 1048576));
        }
    }

    /**
     * Checks a whole file (its size, that it is JSON with a {@code ProvisioningOrdersList} array) and measures its
     * orders without holding them.
     *
     * @param file the orders file
     * @return how many orders it holds (malformed ones included), and those too large to build
     * @throws ConnectorException INVALID_ORDER when it is not an orders file or too large, IO when it cannot be read
     */
    static OrdersParser.Scan scan(Path file) {
        requireSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return OrdersParser.scan(in, file.toString());
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the orders file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives a file's orders one at a time, in file order.
     *
     * @param file    the orders file, checked by {@link #scan} before
     * @param scan    what the check found
     * @param mapping the entity mapping
     * @param sink    receives each entry and its size; what it throws ends the read and is thrown
     * @return how many orders the file holds
     * @throws ConnectorException INVALID_ORDER when the file changed into something that is not an orders file, IO
     *                            when it cannot be read
     */
    static int forEach(Path file, OrdersParser.Scan scan, EntityMapping mapping, OrdersParser.Sink sink) {
        try (InputStream in = Files.newInputStream(file)) {
            return OrdersParser.parse(in, file.toString(), mapping, scan.oversized(), sink);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the orders file " + file + ": " + e.getMessage(), e);
        }
    }
}
