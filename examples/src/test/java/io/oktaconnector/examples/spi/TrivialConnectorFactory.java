package io.oktaconnector.examples.spi;

import io.oktaconnector.api.ConnectionSettings;
import io.oktaconnector.api.Connector;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ConnectorFactory;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Exporter;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second connector, registered in this module's test resources: it "exports" {@code Count} numbered things into one
 * table, {@code <id>_things}. Proves that a host reaches any connector through the SPI alone.
 */
public final class TrivialConnectorFactory implements ConnectorFactory {

    @Override
    public String name() {
        return "Trivial";
    }

    @Override
    public Connector create(ConnectionSettings settings) {
        String count = settings.value("Count").orElseThrow(() -> new ConnectorException(ErrorCode.INVALID_SETTINGS,
                "Connections." + settings.connectionId() + ".Count: is required"));
        try {
            return new Things(settings.connectionId(), Integer.parseInt(count),
                    settings.secret("Token").map(s -> s.reveal().length()).orElse(0));
        } catch (NumberFormatException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS,
                    "Connections." + settings.connectionId() + ".Count: must be a whole number");
        }
    }

    /** The trivial connector: one table of numbered rows. */
    private record Things(String id, int count, int tokenLength) implements Connector, Exporter {
        @Override
        public List<Problem> validate() {
            return List.of();
        }

        @Override
        public void check() {
        }

        @Override
        public ExportSummary export(ExportRequest request) {
            TableSink sink = request.sink();
            try {
                TableWriter w = sink.open(id + "_things", List.of("id", "name", "tokenLength"));
                for (int i = 1; i <= count; i++) {
                    w.write(List.of(String.valueOf(i), "thing " + i, String.valueOf(tokenLength)));
                }
                sink.commit();
                Map<String, Long> rows = new LinkedHashMap<>();
                rows.put(id + "_things", w.rows());
                return new ExportSummary(rows, 0, Duration.ZERO);
            } catch (RuntimeException e) {
                sink.abort();
                throw e;
            }
        }
    }
}
