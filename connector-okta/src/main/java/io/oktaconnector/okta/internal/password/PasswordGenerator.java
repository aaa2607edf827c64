package io.oktaconnector.okta.internal.password;

import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.PasswordResetSettings;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Generates passwords that meet a {@link PasswordResetSettings}' rules: at least the configured count of each
 * character class, the rest drawn from all classes, then shuffled (Fisher-Yates) so no class sits at a fixed place.
 * Every draw is {@link SecureRandom#nextInt(int)}, which rejects out-of-range samples: no modulo bias.
 * Thread-safe ({@code SecureRandom} is).
 */
public final class PasswordGenerator {
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    // No space, quote, backslash or backtick: they break naive CSV, JSON, shell and mail templates downstream.
    static final String SYMBOLS = "!#$%&()*+,-./:;<=>?@[]^_{|}~";
    static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;

    private final SecureRandom random;

    /** A generator over a new {@link SecureRandom}. */
    public PasswordGenerator() {
        this(new SecureRandom());
    }

    /** @param random the randomness source (tests may pass a seeded one; production must not) */
    public PasswordGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random == null");
    }

    /**
     * @param rules the counts and the length
     * @return a password of {@link PasswordResetSettings#effectiveLength()} characters
     */
    public Secret generate(PasswordResetSettings rules) {
        char[] chars = new char[rules.effectiveLength()];
        int i = 0;
        i = fill(chars, i, rules.lowerCaseCount(), LOWER);
        i = fill(chars, i, rules.upperCaseCount(), UPPER);
        i = fill(chars, i, rules.digitCount(), DIGITS);
        i = fill(chars, i, rules.symbolCount(), SYMBOLS);
        fill(chars, i, chars.length - i, ALL);
        for (int k = chars.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            char t = chars[k];
            chars[k] = chars[j];
            chars[j] = t;
        }
        try {
            return Secret.of(new String(chars));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private int fill(char[] chars, int from, int count, String alphabet) {
        for (int n = 0; n < count; n++) {
            chars[from + n] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return from + count;
    }
}
