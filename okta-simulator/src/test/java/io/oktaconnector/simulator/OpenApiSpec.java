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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Okta's OpenAPI description, parsed once per test JVM (about 4 s). Found at
 * {@code <repo root>/../shared/spec/okta-management-minimal.yaml} (surefire passes the path as
 * {@code okta.simulator.spec}); a missing file fails the tests, it never skips them.
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

    static Path location() {
        String configured = System.getProperty("okta.simulator.spec");
        Path p = configured != null ? Paths.get(configured)
                : Paths.get("../../shared/spec/okta-management-minimal.yaml");
        return p.toAbsolutePath().normalize();
    }

    /** The parsed description itself (shared responses inlined). */
    static synchronized OpenAPI api() {
        validator();
        return api;
    }

    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            Path spec = location();
            if (!Files.isRegularFile(spec)) {
                throw new AssertionError("Okta's OpenAPI spec is missing: expected it at " + spec
                        + " (<repo root>/../shared/spec/okta-management-minimal.yaml). The conformance tests"
                        + " cannot run without it.");
            }
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
