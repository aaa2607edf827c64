package io.oktaconnector.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.benchmarks.internal.Harness;
import io.oktaconnector.benchmarks.internal.Options;
import io.oktaconnector.benchmarks.internal.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's smoke run of the harness: the S scenario scaled down (300 users, 20 groups, 10 apps, no latency, one-second
 * rate-limit windows), with the simulator, our export and the SDK baseline each in a child JVM. Asserts only that both
 * exports complete and that every file has the row count of the simulator's ground truth; never a time.
 */
class BenchmarkSmokeTest {

    @Test
    void scaledDownScenarioCompletesAndBothExportsHaveTheOrgsRowCounts(@TempDir Path work) {
        Options o = Options.parse(new String[] {"--scenario", "smoke", "--work", work.toString()});
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report r = new Harness(o, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        String context = r.text() + "\n" + progress.toString(StandardCharsets.UTF_8);
        assertThat(r.ok()).as(context).isTrue();
        JsonNode runs = r.json().get("runs");
        assertThat(runs).as(context).hasSize(2);
        for (JsonNode run : runs) {
            assertThat(run.get("ok").asBoolean()).as(context).isTrue();
            JsonNode files = run.get("files");
            assertThat(files.get("users").asLong()).as(context).isEqualTo(300);
            assertThat(files.get("groups").asLong()).as(context).isEqualTo(20);
            assertThat(files.get("apps").asLong()).as(context).isEqualTo(10);
            assertThat(files.get("groupsusers").asLong()).as(context).isPositive();
            assertThat(run.get("requests").asLong()).as(context).isPositive();
        }
        assertThat(r.text()).contains("| ours | ok |").contains("| baseline | ok |").contains("lower bound");
        assertThat(work.toFile().list()).as("the run's directory with report.json").isNotEmpty();
    }

    @Test
    void badUsageIsRefusedWithAMessage() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(new String[] {"--scenario", "XL"})).withMessageContaining("XL");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(new String[] {"--scenario", "S", "--bogus", "1"}))
                .withMessageContaining("--bogus");
    }
}
