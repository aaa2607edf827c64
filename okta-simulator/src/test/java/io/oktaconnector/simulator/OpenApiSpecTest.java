package io.oktaconnector.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A clone with nothing beside it lacks Okta's OpenAPI description: the tests that need it skip, unless required. */
class OpenApiSpecTest {

    @Test
    void aMissingSpecSkipsWithTheReasonAndHowToSupplyIt(@TempDir Path dir) {
        Path missing = dir.resolve("okta-management-minimal.yaml");
        List<String> told = new ArrayList<>();

        assertThatThrownBy(() -> OpenApiSpec.requireFile(missing, false, told::add))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(missing + " does not exist")
                .hasMessageContaining("-Dokta.simulator.spec=PATH");
        assertThat(told).singleElement().asString().startsWith("[okta-simulator] SKIPPING the OpenAPI conformance "
                + "tests: Okta's OpenAPI description is missing: " + missing).doesNotContain("\n");
    }

    @Test
    void aMissingSpecFailsWhenRequired(@TempDir Path dir) {
        Path missing = dir.resolve("okta-management-minimal.yaml");

        assertThatThrownBy(() -> OpenApiSpec.requireFile(missing, true, line -> { }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("okta.simulator.spec.required");
    }

    @Test
    void aPresentSpecPasses(@TempDir Path dir) throws IOException {
        Path present = Files.writeString(dir.resolve("spec.yaml"), "openapi: 3.0.3\n");

        assertThatCode(() -> OpenApiSpec.requireFile(present, true, line -> { })).doesNotThrowAnyException();
    }
}
