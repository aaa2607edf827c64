package io.oktaconnector.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The host's rules for connection identifiers, which also name the export files ({@code <id>_users.csv}): unique,
 * not empty, not starting with a digit, and none of {@code < > : " / \ | ? * _}. Because output file names come only
 * from identifiers that pass these rules, they cannot traverse paths.
 *
 * @since 0.1
 */
public final class ConnectionIds {
    /** The characters an identifier must not contain. */
    public static final String FORBIDDEN = "<>:\"/\\|?*_";

    private ConnectionIds() {
    }

    /**
     * Checks one identifier. Pure and thread-safe.
     *
     * @param id the identifier, may be {@code null} (reported as missing)
     * @return every problem, one per violated rule (empty when valid); never {@code null}
     */
    public static List<Problem> problems(String id) {
        List<Problem> problems = new ArrayList<>();
        String key = "connection identifier";
        if (id == null || id.isEmpty()) {
            problems.add(new Problem(key, "is empty; name the connection, e.g. \"OktaExportFulfillment\""));
            return problems;
        }
        if (Character.isDigit(id.charAt(0))) {
            problems.add(new Problem(key, "\"" + id + "\" must not begin with a digit"));
        }
        for (int i = 0; i < FORBIDDEN.length(); i++) {
            char c = FORBIDDEN.charAt(i);
            if (id.indexOf(c) >= 0) {
                problems.add(new Problem(key, "\"" + id + "\" must not contain '" + c + "'"));
            }
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                problems.add(new Problem(key, "\"" + id.strip() + "\" must not contain white space or control characters"));
                break;
            }
        }
        if (id.equals(".") || id.equals("..")) {
            problems.add(new Problem(key, "\"" + id + "\" is not a valid name"));
        }
        return problems;
    }

    /**
     * Checks a set of identifiers, including uniqueness. Identifiers that differ only in letter case collide,
     * because they name the same files on case-insensitive file systems.
     *
     * @param ids the identifiers in document order, never {@code null}
     * @return every problem, never {@code null}
     */
    public static List<Problem> problems(Collection<String> ids) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String id : ids) {
            problems.addAll(problems(id));
            if (id != null) {
                String previous = seen.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
                if (previous != null) {
                    problems.add(new Problem("connection identifier",
                            "\"" + id + "\" is not unique (it collides with \"" + previous + "\")"));
                }
            }
        }
        return problems;
    }

    /**
     * Returns the identifier when it is valid.
     *
     * @param id the identifier
     * @return {@code id}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} naming the first violated rule
     */
    public static String require(String id) {
        List<Problem> problems = problems(id);
        if (!problems.isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, problems.get(0).toString());
        }
        return id;
    }
}
