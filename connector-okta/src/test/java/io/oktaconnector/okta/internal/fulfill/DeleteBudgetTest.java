package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.okta.FulfillSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cap follows {@link FulfillSettings#maxDeletesPerRun()}: at least 0, and 0 means no destructive order. */
class DeleteBudgetTest {
    @Test
    void theCapIsTakenOncePerOrderUpToItsSize() {
        DeleteBudget budget = new DeleteBudget(2);
        assertThat(budget.tryTake()).isTrue();
        assertThat(budget.tryTake()).isTrue();
        assertThat(budget.tryTake()).isFalse();
        assertThat(new DeleteBudget(0).tryTake()).isFalse();
    }

    @Test
    void aNegativeCapIsRefusedAsTheSettingsRefuseIt() {
        // there is no "no cap": MaxDeletesPerRun is at least 0 in the settings, the public record and here
        assertThatThrownBy(() -> new DeleteBudget(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FulfillSettings.DEFAULTS.withMaxDeletesPerRun(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DeleteBudget(FulfillSettings.DEFAULTS.maxDeletesPerRun()).max()).isEqualTo(500);
    }
}
