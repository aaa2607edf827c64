package io.oktaconnector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Null checks, defensive copies and small behaviours of the request, result and error types. */
class ValuesTest {
    private static final TableSink SINK = new TableSink() {
        @Override
        public TableWriter open(String table, List<String> columns) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void commit() {
        }

        @Override
        public void abort() {
        }
    };

    @Test
    void exportRequestChecksNullsAndHasDefaults() {
        ExportRequest r = ExportRequest.of(SINK);
        assertThat(r.mapping()).isSameAs(EntityMapping.DEFAULTS);
        assertThat(r.listener()).isSameAs(ProgressListener.NONE);
        assertThatThrownBy(() -> new ExportRequest(null, EntityMapping.DEFAULTS, ProgressListener.NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExportRequest(SINK, null, ProgressListener.NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExportRequest(SINK, EntityMapping.DEFAULTS, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void exportSummaryKeepsTableOrderAndCopies() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("x_users", 3L);
        rows.put("x_groups", 2L);
        rows.put("x_apps", 0L);
        ExportSummary s = new ExportSummary(rows, 7, Duration.ofSeconds(1));
        rows.put("x_late", 100L);
        assertThat(s.rowsPerTable().keySet()).containsExactly("x_users", "x_groups", "x_apps");
        assertThat(s.totalRows()).isEqualTo(5);
        assertThatThrownBy(() -> s.rowsPerTable().put("y", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new ExportSummary(null, 0, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExportSummary(Map.of(), 0, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fulfillResultAllowsMissingChangeTypeAndResourceIdOnly() {
        FulfillResult r = new FulfillResult("1", ProvisioningState.Errored, "bad order", null, null);
        assertThat(r.executed()).isFalse();
        assertThat(new FulfillResult("2", ProvisioningState.Executed, "", ChangeType.Added, "00u1").executed()).isTrue();
        assertThatThrownBy(() -> new FulfillResult(null, ProvisioningState.Executed, "", null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FulfillResult("1", null, "", null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FulfillResult("1", ProvisioningState.Executed, null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theBooleanDryRunConstructorStillWorks() {
        ProvisioningOrder order = new ProvisioningOrder("1", "User", new OrderChange.Deleted("00u1"));
        assertThat(new FulfillRequest(List.of(order), true, ProgressListener.NONE).mode()).isEqualTo(FulfillMode.DRY_RUN);
        assertThat(new FulfillRequest(List.of(order), false, ProgressListener.NONE).mode()).isEqualTo(FulfillMode.APPLY);
        assertThat(FulfillMode.of(true)).isEqualTo(FulfillMode.DRY_RUN);
        assertThat(FulfillMode.of(false).isDryRun()).isFalse();
    }

    @Test
    void fulfillRequestAndSummaryCopy() {
        ProvisioningOrder order = new ProvisioningOrder("1", "User", new OrderChange.Deleted("00u1"));
        List<ProvisioningOrder> orders = new ArrayList<>(List.of(order));
        FulfillRequest req = FulfillRequest.of(orders);
        orders.clear();
        assertThat(req.orders()).containsExactly(order);
        assertThat(req.mode()).isEqualTo(FulfillMode.APPLY);
        assertThat(req.dryRun()).isFalse();
        assertThat(req.listener()).isSameAs(ProgressListener.NONE);
        assertThat(FulfillRequest.of(List.of(order), FulfillMode.DRY_RUN).dryRun()).isTrue();
        assertThatThrownBy(() -> new FulfillRequest(null, FulfillMode.APPLY, ProgressListener.NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FulfillRequest(List.of(), (FulfillMode) null, ProgressListener.NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FulfillRequest(List.of(), FulfillMode.APPLY, null)).isInstanceOf(NullPointerException.class);

        List<FulfillResult> results = new ArrayList<>(List.of(
                new FulfillResult("1", ProvisioningState.Executed, "", ChangeType.Deleted, "00u1"),
                new FulfillResult("2", ProvisioningState.Errored, "E0000007", ChangeType.Modified, "00u2"),
                new FulfillResult("3", ProvisioningState.Errored, "E0000001", ChangeType.Added, null)));
        List<PlannedCall> plan = new ArrayList<>(List.of(new PlannedCall("1", "DELETE", "/api/v1/users/00u1", "")));
        FulfillSummary s = new FulfillSummary(results, plan, 3, Duration.ZERO);
        results.clear();
        plan.clear();
        assertThat(s.results()).hasSize(3);
        assertThat(s.plan()).hasSize(1);
        assertThat(s.errored()).isEqualTo(2);
        assertThatThrownBy(() -> s.results().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new FulfillSummary(null, List.of(), 0, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FulfillSummary(List.of(), null, 0, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FulfillSummary(List.of(), List.of(), 0, null)).isInstanceOf(NullPointerException.class);
        assertThat(s.orderCount()).isEqualTo(3);
        assertThat(s.complete()).isTrue();

        // a large run keeps only its first results; the counts cover every order
        FulfillSummary first = new FulfillSummary(s.results().subList(0, 1), List.of(), 9, Duration.ZERO, 210_000, 17);
        assertThat(first.complete()).isFalse();
        assertThat(first.orderCount()).isEqualTo(210_000);
        assertThat(first.errored()).isEqualTo(17);
        assertThatThrownBy(() -> new FulfillSummary(s.results(), List.of(), 0, Duration.ZERO, 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FulfillSummary(List.of(), List.of(), 0, Duration.ZERO, 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plannedCallAndProblemCheckNulls() {
        assertThatThrownBy(() -> new PlannedCall(null, "GET", "/", "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PlannedCall("1", null, "/", "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PlannedCall("1", "GET", null, "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PlannedCall("1", "GET", "/", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Problem(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Problem("k", null)).isInstanceOf(NullPointerException.class);
        assertThat(new Problem("Connections.Okta.Server", "is missing")).hasToString("Connections.Okta.Server: is missing");
    }

    @Test
    void onlyTransientCodesAreRetriable() {
        for (ErrorCode code : ErrorCode.values()) {
            boolean expected = code == ErrorCode.RATE_LIMITED || code == ErrorCode.UNAVAILABLE || code == ErrorCode.TIMEOUT;
            assertThat(code.isRetriable()).as(code.name()).isEqualTo(expected);
            assertThat(new ConnectorException(code, "m").isRetriable()).isEqualTo(expected);
        }
    }

    @Test
    void connectorExceptionCarriesCodeMessageAndCause() {
        IOException cause = new IOException("disk full");
        ConnectorException e = new ConnectorException(ErrorCode.IO, "cannot write x.csv", cause);
        assertThat(e).isInstanceOf(RuntimeException.class).hasMessage("cannot write x.csv").hasCause(cause);
        assertThat(e.code()).isEqualTo(ErrorCode.IO);
        assertThat(new ConnectorException(ErrorCode.INTERNAL, "m").getCause()).isNull();
        assertThatThrownBy(() -> new ConnectorException(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConnectorException(ErrorCode.IO, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theNoOpListenerAcceptsEverything() {
        assertThatCode(() -> {
            ProgressListener.NONE.rowsWritten("t", 1);
            ProgressListener.NONE.ordersCounted(2);
            ProgressListener.NONE.orderCompleted(new FulfillResult("1", ProvisioningState.Executed, "", null, null), 1);
        }).doesNotThrowAnyException();
    }

    @Test
    void aSinksDefaultCloseAborts() {
        List<String> calls = new ArrayList<>();
        TableSink sink = new TableSink() {
            @Override
            public TableWriter open(String table, List<String> columns) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void commit() {
                calls.add("commit");
            }

            @Override
            public void abort() {
                calls.add("abort");
            }
        };
        sink.close();
        assertThat(calls).containsExactly("abort");
    }
}
