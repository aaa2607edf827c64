package io.oktaconnector.okta.internal.http;

import java.util.Locale;
import java.util.Objects;

/**
 * One logical request, as the {@link CallPolicy} sees it.
 *
 * @param method the HTTP method, upper case
 * @param path   the path below the org URL, e.g. {@code /api/v1/users}
 * @param bucket the Okta rate-limit bucket the path falls into
 */
public record Call(String method, String path, Bucket bucket) {

    public Call {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(bucket, "bucket == null");
        method = method.toUpperCase(Locale.ROOT);
    }

    /** @param method the method @param path the path @return the call, its bucket derived from the path */
    public static Call of(String method, String path) {
        return new Call(method, path, Bucket.of(method, path));
    }

    /** @return whether repeating the request cannot change anything (GET/HEAD): only those are retried on 5xx */
    public boolean idempotentRead() {
        return method.equals("GET") || method.equals("HEAD");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
