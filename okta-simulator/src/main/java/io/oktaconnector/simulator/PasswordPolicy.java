package io.oktaconnector.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The org's password policy, checked on every password set over the wire ({@code credentials.password.value} on
 * create and on update). A refused password is Okta's {@code 400 E0000001 "Api validation failed: password"} with
 * the cause {@code "password: Password requirements were not met. Password requirements: at least 8 characters, a
 * lowercase letter, an uppercase letter, a number."} (listing this policy's rules). Hashed passwords are not checked,
 * as in Okta.
 *
 * @param minLength the shortest accepted password, at least 1
 * @param lowerCase at least one {@code a-z}
 * @param upperCase at least one {@code A-Z}
 * @param digit     at least one {@code 0-9}
 * @param symbol    at least one character that is none of those
 */
public record PasswordPolicy(int minLength, boolean lowerCase, boolean upperCase, boolean digit, boolean symbol) {
    /** Okta's default policy (minus the user-name and history rules): 8 characters, lower, upper, digit. */
    public static final PasswordPolicy OKTA_DEFAULT = new PasswordPolicy(8, true, true, true, false);
    /** Accepts any non-empty password. */
    public static final PasswordPolicy NONE = new PasswordPolicy(1, false, false, false, false);

    /**
     * Checks the components (see the type's description).
     *
     * @param minLength the shortest accepted password, at least 1
     * @param lowerCase at least one {@code a-z}
     * @param upperCase at least one {@code A-Z}
     * @param digit     at least one {@code 0-9}
     * @param symbol    at least one character that is none of those
     */
    public PasswordPolicy {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be >= 1: " + minLength);
        }
    }

    /**
     * @param password a candidate
     * @return whether this policy accepts it
     */
    public boolean accepts(CharSequence password) {
        boolean lo = false;
        boolean up = false;
        boolean dg = false;
        boolean sy = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lo = true;
            } else if (c >= 'A' && c <= 'Z') {
                up = true;
            } else if (c >= '0' && c <= '9') {
                dg = true;
            } else {
                sy = true;
            }
        }
        return password.length() >= minLength && (lo || !lowerCase) && (up || !upperCase) && (dg || !digit)
                && (sy || !symbol);
    }

    /** @return Okta's wording of the rules, e.g. {@code at least 8 characters, a lowercase letter, a number} */
    public String describe() {
        List<String> rules = new ArrayList<>();
        rules.add("at least " + minLength + (minLength == 1 ? " character" : " characters"));
        if (lowerCase) {
            rules.add("a lowercase letter");
        }
        if (upperCase) {
            rules.add("an uppercase letter");
        }
        if (digit) {
            rules.add("a number");
        }
        if (symbol) {
            rules.add("a symbol");
        }
        return String.join(", ", rules);
    }
}
