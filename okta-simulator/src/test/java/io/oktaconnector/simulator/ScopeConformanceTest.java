package io.oktaconnector.simulator;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.oktaconnector.simulator.internal.Scopes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope the simulator demands for each endpoint it serves is the one Okta's OpenAPI description names
 * in that operation's {@code security: oauth2} requirement, and a refused call conforms to the spec.
 */
class ScopeConformanceTest {
    /** Every operation the simulator serves, as a method and a concrete path. */
    static final List<String[]> SERVED = List.of(
            op("GET", "/api/v1/users"), op("POST", "/api/v1/users"),
            op("GET", "/api/v1/users/00u1"), op("POST", "/api/v1/users/00u1"), op("PUT", "/api/v1/users/00u1"),
            op("DELETE", "/api/v1/users/00u1"), op("GET", "/api/v1/users/00u1/groups"),
            op("POST", "/api/v1/users/00u1/lifecycle/activate"), op("POST", "/api/v1/users/00u1/lifecycle/deactivate"),
            op("POST", "/api/v1/users/00u1/lifecycle/expire_password"),
            op("POST", "/api/v1/users/00u1/lifecycle/expire_password_with_temp_password"),
            op("POST", "/api/v1/users/00u1/lifecycle/reactivate"),
            op("POST", "/api/v1/users/00u1/lifecycle/reset_factors"),
            op("POST", "/api/v1/users/00u1/lifecycle/reset_password"),
            op("POST", "/api/v1/users/00u1/lifecycle/suspend"), op("POST", "/api/v1/users/00u1/lifecycle/unlock"),
            op("POST", "/api/v1/users/00u1/lifecycle/unsuspend"),
            op("GET", "/api/v1/groups"), op("POST", "/api/v1/groups"), op("GET", "/api/v1/groups/00g1"),
            op("PUT", "/api/v1/groups/00g1"), op("DELETE", "/api/v1/groups/00g1"),
            op("GET", "/api/v1/groups/00g1/users"), op("PUT", "/api/v1/groups/00g1/users/00u1"),
            op("DELETE", "/api/v1/groups/00g1/users/00u1"), op("GET", "/api/v1/groups/00g1/apps"),
            op("GET", "/api/v1/apps"), op("POST", "/api/v1/apps"), op("GET", "/api/v1/apps/0oa1"),
            op("PUT", "/api/v1/apps/0oa1"), op("DELETE", "/api/v1/apps/0oa1"),
            op("POST", "/api/v1/apps/0oa1/lifecycle/activate"), op("POST", "/api/v1/apps/0oa1/lifecycle/deactivate"),
            op("GET", "/api/v1/apps/0oa1/groups"), op("GET", "/api/v1/apps/0oa1/groups/00g1"),
            op("PUT", "/api/v1/apps/0oa1/groups/00g1"), op("DELETE", "/api/v1/apps/0oa1/groups/00g1"),
            op("GET", "/api/v1/meta/schemas/user/default"), op("GET", "/api/v1/meta/schemas/group/default"));

    private static String[] op(String method, String path) {
        return new String[] {method, path};
    }

    /** The spec operation for a concrete path: the matching template with the fewest parameters. */
    private static Operation specOperation(OpenAPI api, String method, String path) {
        String best = null;
        int bestParams = Integer.MAX_VALUE;
        for (String template : api.getPaths().keySet()) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int params = template.split("\\{", -1).length - 1;
            if (path.matches(regex) && params < bestParams) {
                best = template;
                bestParams = params;
            }
        }
        if (best == null) {
            return null;
        }
        PathItem item = api.getPaths().get(best);
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }

    @Test
    void everyServedEndpointDemandsTheSpecsScope() {
        OpenAPI api = OpenApiSpec.api();
        List<String> problems = new ArrayList<>();
        for (String[] o : SERVED) {
            Operation op = specOperation(api, o[0], o[1]);
            if (op == null) {
                problems.add(o[0] + " " + o[1] + ": not in the spec");
                continue;
            }
            List<String> specScopes = new ArrayList<>();
            for (SecurityRequirement req : op.getSecurity()) {
                List<String> s = req.get("oauth2");
                if (s != null) {
                    specScopes.addAll(s);
                }
            }
            String ours = Scopes.required(o[0], o[1].substring("/api/v1/".length()).split("/"));
            if (!specScopes.contains(ours)) {
                problems.add(o[0] + " " + o[1] + ": simulator wants " + ours + ", spec says " + specScopes);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(SERVED).hasSizeGreaterThan(35);
    }

    @Test
    void refusedCallsConformToTheSpec() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = OktaSimulator.builder().users(3)
                .oauthClient("0oaspec", kp.getPublic(), Set.of("okta.users.read")).start()) {
            String token = OAuthKit.accessToken(sim, "0oaspec", kp.getPrivate(), "okta.users.read");
            List<String> problems = new ArrayList<>();
            for (String path : List.of("/api/v1/groups", "/api/v1/apps", "/api/v1/meta/schemas/group/default")) {
                HttpResponse<String> r = OAuthKit.bearer(sim, "GET", path, token);
                assertThat(r.statusCode()).isEqualTo(403);
                problems.addAll(validate(path, r, token));
            }
            // (401 E0000011 is not validated: the spec lists no 401 for these operations, though Okta sends it)
            assertThat(problems).isEmpty();
        }
    }

    private static List<String> validate(String path, HttpResponse<String> r, String token) {
        SimpleRequest req = new SimpleRequest.Builder("GET", path, true)
                .withHeader("Authorization", "Bearer " + token).withHeader("Accept", "application/json").build();
        SimpleResponse.Builder sb = new SimpleResponse.Builder(r.statusCode());
        for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
            if (!h.getKey().equals(":status")) {
                sb.withHeader(h.getKey(), h.getValue());
            }
        }
        sb.withBody(r.body());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : OpenApiSpec.validator().validate(req, sb.build()).getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add(path + " -> " + r.statusCode() + ": " + m.getKey() + ": " + m.getMessage());
            }
        }
        return out;
    }
}
