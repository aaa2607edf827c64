package io.oktaconnector.simulator.internal;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OAuth scope each served endpoint requires, as Okta's OpenAPI description states it per
 * operation ({@code security: oauth2: [...]}): reads need {@code okta.<resource>.read}, every other
 * method {@code okta.<resource>.manage}; {@code manage} includes {@code read}.
 */
public final class Scopes {
    private static final Pattern OKTA_SCOPE = Pattern.compile("okta\\.[A-Za-z]+\\.(read|manage)(\\.self)?");

    private Scopes() {
    }

    /**
     * The scope a request needs, or null for a path that is not a scoped resource (it ends in 404).
     *
     * @param method HTTP method
     * @param seg    decoded path segments after {@code /api/v1/}
     */
    public static String required(String method, String[] seg) {
        if (seg.length == 0) {
            return null;
        }
        String resource = switch (seg[0]) {
            case "users" -> "users";
            case "groups" -> "groups";
            case "apps" -> "apps";
            case "meta" -> seg.length >= 2 && seg[1].equals("schemas") ? "schemas" : null;
            default -> null;
        };
        if (resource == null) {
            return null;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        return "okta." + resource + (read ? ".read" : ".manage");
    }

    /** Whether a token granted {@code granted} may call an endpoint that needs {@code required}. */
    public static boolean covers(Set<String> granted, String required) {
        if (required == null || granted.contains(required)) {
            return true;
        }
        return required.endsWith(".read")
                && granted.contains(required.substring(0, required.length() - ".read".length()) + ".manage");
    }

    /** Whether a scope has the shape of an Okta API scope ({@code okta.users.read}, ...). */
    static boolean isOktaScope(String scope) {
        return OKTA_SCOPE.matcher(scope).matches();
    }
}
