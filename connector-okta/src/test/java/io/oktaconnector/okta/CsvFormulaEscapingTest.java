package io.oktaconnector.okta;

import com.fasterxml.jackson.databind.node.TextNode;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.oktaconnector.okta.TestSupport.readCsv;
import static io.oktaconnector.okta.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code CsvFormulaEscaping} (issue 13): off by default, values are written raw (the host reads CSV); on, a value
 * that a spreadsheet would run as a formula gets a leading {@code '} (OWASP's rule against CSV injection).
 */
class CsvFormulaEscapingTest {

    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4",
            "@SUM(1)");

    private static List<String> cities(Path file, List<String> ids) throws Exception {
        TestSupport.Csv csv = readCsv(file);
        int id = csv.header().indexOf("id");
        int city = csv.header().indexOf("profile.city");
        return ids.stream().map(u -> csv.rows().stream().filter(r -> r.get(id).equals(u)).findFirst().orElseThrow()
                .get(city)).toList();
    }

    @Test
    void formulaLookingValuesAreRawByDefaultAndEscapedWhenAsked(@TempDir Path dir) throws Exception {
        try (OktaSimulator sim = OktaSimulator.builder().seed(3).users(6).groups(1).apps(1).start()) {
            List<String> ids = sim.org().users().limit(FORMULAS.size()).map(u -> u.get("id").asText()).toList();
            for (int i = 0; i < ids.size(); i++) {
                sim.org().setUserAttribute(ids.get(i), "city", TextNode.valueOf(FORMULAS.get(i)));
            }
            OktaConnector.export(settings(sim, "Raw").build(), dir.resolve("raw"));
            assertThat(cities(dir.resolve("raw/Raw_users.csv"), ids)).isEqualTo(FORMULAS);

            OktaConnector.export(settings(sim, "Esc").csvFormulaEscaping(true).build(), dir.resolve("esc"));
            assertThat(cities(dir.resolve("esc/Esc_users.csv"), ids))
                    .isEqualTo(FORMULAS.stream().map(f -> "'" + f).toList());
        }
    }
}
