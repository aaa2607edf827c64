package io.oktaconnector.csv.internal;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which table names may become file names. The connection identifier rules ({@code ConnectionIds}) minus the
 * underscore, which separates the identifier from the table kind ({@code <id>_users}); plus what keeps a name inside
 * its directory on every platform.
 */
public final class TableNames {
    /** Characters never allowed in a table name: path separators and what Windows forbids in file names. */
    public static final String FORBIDDEN = "<>:\"/\\|?*";

    // a temporary file is "." + name + ".csv." + uuid + ".tmp": keep that within the common 255-byte name limit
    private static final int MAX_BYTES = 200;
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private TableNames() {
    }

    /**
     * @param table a table name, may be {@code null}
     * @return what is wrong with it as a file name, or {@code null} when it is fine
     */
    public static String problem(String table) {
        if (table == null || table.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < table.length(); i++) {
            char c = table.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "must not contain '" + c + "'";
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                return "must not contain white space or control characters";
            }
            if (Character.getType(c) == Character.FORMAT) {
                // invisible (U+200B) or reordering (U+202E) characters make a file name that reads as another
                return "must not contain invisible formatting characters (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        if (table.startsWith(".")) {
            return "must not begin with '.'";
        }
        if (table.contains("..")) {
            return "must not contain \"..\"";
        }
        if (table.endsWith(".")) {
            return "must not end with '.'";
        }
        String base = table.toLowerCase(Locale.ROOT);
        int dot = base.indexOf('.');
        if (WINDOWS_DEVICES.contains(dot < 0 ? base : base.substring(0, dot))) {
            return "is a reserved device name";
        }
        if (table.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "is longer than " + MAX_BYTES + " bytes";
        }
        return null;
    }

    /**
     * Resolves a table's file in a directory.
     *
     * @param directory an absolute, normalized directory
     * @param table     the table name
     * @param extension the file extension with its dot, e.g. {@code .csv}
     * @return the file, always directly inside {@code directory}
     * @throws ConnectorException {@link ErrorCode#INTERNAL} when the name cannot be a file name
     */
    public static Path resolve(Path directory, String table, String extension) {
        String problem = problem(table);
        if (problem != null) {
            throw new ConnectorException(ErrorCode.INTERNAL,
                    "table name \"" + printable(table) + "\" " + problem + " (it names a file in " + directory + ")");
        }
        Path file = directory.resolve(table + extension).normalize();
        if (!directory.equals(file.getParent())) { // belt and braces: the checks above already prevent this
            throw new ConnectorException(ErrorCode.INTERNAL, "table name \"" + printable(table) + "\" leaves " + directory);
        }
        return file;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
