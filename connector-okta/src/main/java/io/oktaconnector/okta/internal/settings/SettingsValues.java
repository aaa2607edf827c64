package io.oktaconnector.okta.internal.settings;

import java.util.regex.Pattern;

/**
 * How much of a settings value a message may show (issue 13, broken #4). The rule:
 * <ul>
 *   <li>a value that came from a secret reference ({@code ${file:}}, {@code ${env:}}, a vault) or from the protected
 *       file is never shown: it may be a whole file ({@code ${file:/etc/shadow}}) or a credential;</li>
 *   <li>a plain value is shown as an excerpt of at most {@value #MAX_SHOWN} characters, with control, invisible and
 *       bidirectional characters written as {@code \\uXXXX} escapes;</li>
 *   <li>and not at all when it looks like a credential pasted into the wrong key: a PEM block, or a run of
 *       {@value #TOKEN_RUN} or more letters, digits and {@code - _ + / =} that mixes letters and digits (an API token,
 *       a client secret, a base64 key).</li>
 * </ul>
 */
public final class SettingsValues {
    /** The most characters of a plain value a message shows. */
    public static final int MAX_SHOWN = 32;
    /** The shortest run of token characters taken for a credential. */
    public static final int TOKEN_RUN = 20;

    /** What a message says instead of a value that came from a reference. */
    public static final String FROM_REFERENCE = "the value of its secret reference";
    /** What a message says instead of a plain value that looks like a credential. */
    public static final String LOOKS_SECRET = "the value (not shown: it looks like a credential)";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_+/=-]{" + TOKEN_RUN + ",}");

    private SettingsValues() {
    }

    /**
     * @param value  the value, never {@code null}
     * @param hidden whether it came from a secret reference or the protected file
     * @return the value in double quotes as an excerpt, or the words that stand for it
     */
    public static String quoted(String value, boolean hidden) {
        if (hidden) {
            return FROM_REFERENCE;
        }
        if (looksLikeCredential(value)) {
            return LOOKS_SECRET;
        }
        return "\"" + excerpt(value) + "\"";
    }

    /**
     * @param value  a value or a part of one (a host, a scheme), never {@code null}
     * @param hidden whether it came from a secret reference or the protected file
     * @return the excerpt to show, or {@code null} when nothing of it may be shown
     */
    public static String shown(String value, boolean hidden) {
        return hidden || looksLikeCredential(value) ? null : excerpt(value);
    }

    /**
     * @param value a value, never {@code null}
     * @return whether it looks like a token, a secret or a key
     */
    public static boolean looksLikeCredential(String value) {
        if (value.contains("-----BEGIN")) {
            return true;
        }
        var m = TOKEN.matcher(value);
        while (m.find()) {
            String run = m.group();
            if (run.chars().anyMatch(Character::isDigit) && run.chars().anyMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param value any text, never {@code null}
     * @return the text stripped, cut to {@value #MAX_SHOWN} characters (saying how long it is), every control,
     *         invisible, bidirectional or unassigned character and every white space but the space escaped
     */
    public static String excerpt(String value) {
        String v = value.strip();
        StringBuilder b = new StringBuilder();
        int[] cps = v.codePoints().toArray();
        for (int i = 0; i < Math.min(cps.length, MAX_SHOWN); i++) {
            int c = cps[i];
            if (isInvisible(c)) {
                b.append(c > 0xFFFF ? String.format("\\u{%X}", c) : String.format("\\u%04X", c));
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
     * @param c a code point
     * @return whether it is a control, format (bidi, zero-width), separator other than the space, surrogate, private
     *         or unassigned character: shown as an escape, never as itself
     */
    public static boolean isInvisible(int c) {
        if (c == ' ') {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> Character.isWhitespace(c);
        };
    }
}
