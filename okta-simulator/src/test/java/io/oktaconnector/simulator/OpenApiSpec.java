package io.oktaconnector.simulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.Assumptions;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Okta's OpenAPI description, parsed once per test JVM (about 4 s). Found at {@code okta.simulator.spec} (the pom's
 * default: {@code <repo root>/../shared/spec/okta-management-minimal.yaml}, where CI lays it out). It is not part of
 * this repository, so a clone with nothing beside it lacks it: the tests that need it are then skipped, and one line
 * says what is missing and how to supply it. With {@code okta.simulator.spec.required=true}, or the environment
 * variable {@code OKTA_SIMULATOR_SPEC_REQUIRED=true} (what {@code .ci/run} sets), a missing file fails them instead,
 * so they can never be skipped unnoticed where the file should be.
 */
final class OpenApiSpec {
    private static OpenApiInteractionValidator validator;
    private static OpenAPI api;

    private OpenApiSpec() {
    }

    /** Operations that {@code $ref} a shared response would otherwise look body-less to the validator. */
    private static void inlineResponseRefs(OpenAPI api) {
        Map<String, ApiResponse> shared = api.getComponents().getResponses();
        if (shared == null) {
            return;
        }
        for (PathItem item : api.getPaths().values()) {
            for (Operation op : item.readOperations()) {
                if (op.getResponses() == null) {
                    continue;
                }
                for (Map.Entry<String, ApiResponse> e : op.getResponses().entrySet()) {
                    String ref = e.getValue().get$ref();
                    if (ref != null && ref.startsWith("#/components/responses/")) {
                        ApiResponse target = shared.get(ref.substring("#/components/responses/".length()));
                        if (target != null) {
                            e.setValue(target);
                        }
                    }
                }
            }
        }
    }

    /** The system property that names the file. */
    static final String SPEC = "okta.simulator.spec";
    /** The system property that turns a missing file from a skip into a failure. */
    static final String REQUIRED = "okta.simulator.spec.required";
    /** The environment variable that does the same, so that {@code .ci/run} can run the README's exact command. */
    static final String REQUIRED_ENV = "OKTA_SIMULATOR_SPEC_REQUIRED";
    private static boolean told;

    static Path location() {
        String configured = System.getProperty(SPEC);
        Path p = configured != null ? Paths.get(configured)
                : Paths.get("../../shared/spec/okta-management-minimal.yaml");
        return p.toAbsolutePath().normalize();
    }

    /** The parsed description itself (shared responses inlined). */
    static synchronized OpenAPI api() {
        validator();
        return api;
    }

    /**
     * Returns when the file exists; else skips the calling test, after handing {@code tell} the one line that says why,
     * or fails it when the file is required.
     */
    static void requireFile(Path spec, boolean required, Consumer<String> tell) {
        if (Files.isRegularFile(spec)) {
            return;
        }
        String why = "Okta's OpenAPI description is missing: " + spec + " does not exist; supply it with -D" + SPEC
                + "=PATH (Okta's management API spec, okta-management-minimal.yaml)";
        if (required) {
            throw new AssertionError(why + " (" + REQUIRED + " or " + REQUIRED_ENV
                    + " is set: the conformance tests must run)");
        }
        tell.accept("[okta-simulator] SKIPPING the OpenAPI conformance tests: " + why);
        Assumptions.abort(why);
    }

    /** @return whether a missing file fails the tests: the system property or the environment variable says so */
    static boolean required() {
        return Boolean.getBoolean(REQUIRED) || "true".equalsIgnoreCase(System.getenv(REQUIRED_ENV));
    }

    private static synchronized void tellConsoleOnce(String line) {
        if (!told) {
            told = true;
            // surefire sends the tests' System.err to a report file; the native stream reaches the build's console,
            // so the one line is seen where the skip counts are
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).println(line);
        }
    }

    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            Path spec = location();
            requireFile(spec, required(), OpenApiSpec::tellConsoleOnce);
            if (System.getProperty("maxYamlCodePoints") == null) {
                System.setProperty("maxYamlCodePoints", "99999999");
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toString(), null, options);
            api = result.getOpenAPI();
            if (api == null) {
                throw new AssertionError("cannot parse " + spec + ": " + result.getMessages());
            }
            inlineResponseRefs(api);
            // The validator injects additionalProperties:false into every schema by default; the spec
            // does not say that (Okta: "clients must ignore unknown fields"), and the injection breaks
            // every allOf (each branch rejects the other branch's properties). Turn the injection off.
            validator = OpenApiInteractionValidator.createFor(api)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        }
        return validator;
    }
}
