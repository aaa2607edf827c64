package io.oktaconnector.okta.internal.password;

import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.PasswordResetSettings.Mode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordGeneratorTest {
    private final PasswordGenerator generator = new PasswordGenerator();

    private static PasswordResetSettings rules(int length, int lower, int upper, int digits, int symbols) {
        return new PasswordResetSettings(Mode.GENERATE, null, length, lower, upper, digits, symbols, true, true);
    }

    private static long count(String s, String alphabet) {
        return s.chars().filter(c -> alphabet.indexOf(c) >= 0).count();
    }

    @Test
    void meetsEveryCountAndTheLength() {
        PasswordResetSettings r = rules(12, 8, 4, 2, 2); // counts add up to 16 > 12: the host's documented example
        for (int i = 0; i < 200; i++) {
            String p = generator.generate(r).reveal();
            assertThat(p).hasSize(16);
            assertThat(count(p, PasswordGenerator.LOWER)).isGreaterThanOrEqualTo(8);
            assertThat(count(p, PasswordGenerator.UPPER)).isGreaterThanOrEqualTo(4);
            assertThat(count(p, PasswordGenerator.DIGITS)).isGreaterThanOrEqualTo(2);
            assertThat(count(p, PasswordGenerator.SYMBOLS)).isGreaterThanOrEqualTo(2);
        }
        PasswordResetSettings longer = rules(20, 1, 1, 1, 1);
        for (int i = 0; i < 200; i++) {
            String p = generator.generate(longer).reveal();
            assertThat(p).hasSize(20);
            assertThat(count(p, PasswordGenerator.LOWER)).isPositive();
            assertThat(count(p, PasswordGenerator.UPPER)).isPositive();
            assertThat(count(p, PasswordGenerator.DIGITS)).isPositive();
            assertThat(count(p, PasswordGenerator.SYMBOLS)).isPositive();
            assertThat(p.chars()).allMatch(c -> PasswordGenerator.ALL.indexOf(c) >= 0);
        }
    }

    @Test
    void passwordsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertThat(seen.add(generator.generate(PasswordResetSettings.DEFAULTS).reveal())).isTrue();
        }
    }

    @Test
    void requiredCharactersAreShuffledNotAtFixedPlaces() {
        PasswordResetSettings r = rules(8, 2, 2, 2, 2);
        Map<Integer, Set<String>> classesAtPosition = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            String p = generator.generate(r).reveal();
            for (int pos = 0; pos < p.length(); pos++) {
                char c = p.charAt(pos);
                String cls = PasswordGenerator.LOWER.indexOf(c) >= 0 ? "lower" : PasswordGenerator.UPPER.indexOf(c) >= 0
                        ? "upper" : PasswordGenerator.DIGITS.indexOf(c) >= 0 ? "digit" : "symbol";
                classesAtPosition.computeIfAbsent(pos, k -> new HashSet<>()).add(cls);
            }
        }
        assertThat(classesAtPosition.values()).allSatisfy(s -> assertThat(s).hasSize(4));
    }

    @Test
    void everyCharacterOfTheAlphabetIsDrawnEvenly() {
        // 200 passwords of 128 free characters: 25,600 draws over 88 characters, about 291 each. A biased or
        // truncated alphabet falls far outside [150, 450]; a fair one essentially never does.
        PasswordResetSettings free = rules(128, 0, 0, 0, 0);
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            for (char c : generator.generate(free).reveal().toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        assertThat(counts).hasSize(PasswordGenerator.ALL.length());
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(150, 450));
    }

    @Test
    void symbolsAvoidCharactersThatBreakTemplates() {
        assertThat(PasswordGenerator.SYMBOLS).doesNotContain(" ", "\"", "'", "\\", "`");
        assertThat(PasswordGenerator.ALL.chars().distinct().count()).isEqualTo(PasswordGenerator.ALL.length());
    }
}
