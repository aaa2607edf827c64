package io.oktaconnector.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The host's rules for connection identifiers, which also name the export files ({@code <id>_users.csv}): unique,
 * not empty, not starting with a digit, and none of {@code < > : " / \ | ? * _}. Because output file names come only
 * from identifiers that pass these rules, they cannot traverse paths. And because they name files, also: no white
 * space, control, invisible or bidirectional formatting character (U+200B, U+202E: a name that reads as another), not
 * only dots, and at most {@value #MAX_BYTES} bytes in UTF-8 (the longest file, a temporary
 * {@code .<id>_groupsusers.csv.<uuid>.tmp}, then stays far below the usual 255-byte limit of a file name).
 *
 * @since 0.1
 */
public final class ConnectionIds {
    /** The characters an identifier must not contain. */
    public static final String FORBIDDEN = "<>:\"/\\|?*_";
    /**
     * The longest identifier, in UTF-8 bytes.
     *
     * @since 0.1
     */
    public static final int MAX_BYTES = 128;
    private static final int MAX_SHOWN = 40;

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
        String shown = "\"" + printable(id) + "\"";
        if (Character.isDigit(id.charAt(0))) {
            problems.add(new Problem(key, shown + " must not begin with a digit"));
        }
        for (int i = 0; i < FORBIDDEN.length(); i++) {
            char c = FORBIDDEN.charAt(i);
            if (id.indexOf(c) >= 0) {
                problems.add(new Problem(key, shown + " must not contain '" + c + "'"));
            }
        }
        if (id.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c))) {
            problems.add(new Problem(key, shown + " must not contain white space or control characters"));
        }
        if (id.codePoints().anyMatch(ConnectionIds::isInvisible)) {
            problems.add(new Problem(key, shown + " must not contain invisible or bidirectional formatting characters "
                    + "(it would name files that read as another name)"));
        }
        if (id.chars().allMatch(c -> c == '.')) {
            problems.add(new Problem(key, shown + " is not a valid name"));
        }
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            problems.add(new Problem(key, shown + " is " + bytes + " bytes long, more than " + MAX_BYTES
                    + " (it names files)"));
        }
        return problems;
    }

    /** Format (bidi, zero-width), surrogate halves, private-use and unassigned code points. */
    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    /** The identifier as a message may quote it: invisible characters escaped, at most 40 characters. */
    private static String printable(String id) {
        StringBuilder b = new StringBuilder();
        int[] cps = id.codePoints().toArray();
        for (int i = 0; i < Math.min(cps.length, MAX_SHOWN); i++) {
            int c = cps[i];
            if (c != ' ' && (isInvisible(c) || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c))) {
                b.append(String.format(Locale.ROOT, c > 0xFFFF ? "\\u{%X}" : "\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        }
        if (cps.length > MAX_SHOWN) {
            b.append("… (").append(cps.length).append(" characters)");
        }
        return b.toString();
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
