package io.oktaconnector.examples;

import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.oktaconnector.examples.CliTestSupport.ID;
import static io.oktaconnector.examples.CliTestSupport.TOKEN;
import static io.oktaconnector.examples.CliTestSupport.cli;
import static io.oktaconnector.examples.CliTestSupport.writeSettings;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --mapping FILE}: every mapped path the org's schemas do not know, with the nearest known name. */
class CheckMappingCliTest {

    private static OktaSimulator sim;
    private static Path settings;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        sim = OktaSimulator.builder().seed(3).users(5).groups(3).apps(2).token(TOKEN).start();
        settings = writeSettings(shared.resolve("settings"), sim.baseUrl(), TOKEN);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private Path mapping(String... userColumns) throws IOException {
        StringBuilder xml = new StringBuilder("<Mapping>\n  <EntityTypeMapping Identifier=\"User\" ConnectionTable=\""
                + ID + "_users\" Connector=\"Okta\">\n");
        for (String c : userColumns) {
            xml.append("    <Property Identifier=\"").append(c.replace('.', '_')).append("\" ConnectionColumn=\"")
                    .append(c).append("\" />\n");
        }
        xml.append("  </EntityTypeMapping>\n  <EntityTypeMapping Identifier=\"Group\" ConnectionTable=\"").append(ID)
                .append("_groups\" Connector=\"Okta\">\n    <Property Identifier=\"g\" ConnectionColumn=\"id\" />\n")
                .append("    <Property Identifier=\"u\" ConnectionColumn=\"lastMemberShipUpdated\" />\n")
                .append("  </EntityTypeMapping>\n</Mapping>\n");
        Path file = tmp.resolve("mapping.xml");
        Files.writeString(file, xml);
        return file;
    }

    @Test
    void aMisspelledPathExitsOneNamingThePathAndTheSuggestion() throws IOException {
        Path file = mapping("id", "profile.login", "profile.emial");

        CliTestSupport.Run r = cli("check", "--settings", settings.toString(), "--connection", ID,
                "--mapping", file.toString()).failedWithOneErrorLine();

        assertThat(r.errorLine()).isEqualTo("error: the mapping " + file + " names a column the org does not have: "
                + ID + "_users.profile.emial: the org's user schema has no attribute \"emial\"; did you mean "
                + "profile.email?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void severalUnknownPathsAreAllNamedOnTheOneLine() throws IOException {
        Path file = mapping("id", "profile.firstNmae", "profile.costCentre", "statusChanged");

        CliTestSupport.Run r = cli("check", "--settings", settings.toString(), "--connection", ID,
                "--mapping", file.toString()).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("names 2 columns the org does not have: (1) " + ID
                + "_users.profile.firstNmae: ").contains("did you mean profile.firstName?")
                .contains(" (2) " + ID + "_users.profile.costCentre: ").contains("did you mean profile.costCenter?")
                .doesNotContain(TOKEN);
    }

    @Test
    void aCorrectMappingExitsZeroWithOneLine() throws IOException {
        Path file = mapping("id", "status", "profile.login", "profile.email", "profile.badgeNumber", "type.id");

        CliTestSupport.Run r = cli("check", "--settings", settings.toString(), "--connection", ID,
                "--mapping", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .startsWith("ok: connection " + ID + " reached " + sim.baseUrl() + ";")
                .contains("every column of the mapping mapping.xml (8 columns) is known");
    }

    @Test
    void aMappingThatIsNotXmlFailsBeforeAnyRequest() throws IOException {
        Path file = tmp.resolve("broken.xml");
        Files.writeString(file, "<Mapping><EntityTypeMapping");
        sim.requests().clear();

        cli("check", "--settings", settings.toString(), "--connection", ID, "--mapping", file.toString())
                .failedWithOneErrorLine();

        assertThat(sim.requests().all()).isEmpty();
    }
}
