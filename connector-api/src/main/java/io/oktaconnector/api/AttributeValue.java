package io.oktaconnector.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A value in a provisioning order's changes: text, number, boolean, an explicit null (clear the attribute), or a
 * list of values (multi-valued attributes). A sealed type, so a {@code switch} covers every case.
 *
 * @since 0.1
 */
public sealed interface AttributeValue {

    /** The explicit null: clears the attribute. */
    AttributeValue NULL = new Null();

    /** @param value the text, never {@code null} */
    record Text(String value) implements AttributeValue {
        /**
         * Checks the components (see the type's description).
         *
         * @param value the text, never {@code null}
         */
        public Text {
            Objects.requireNonNull(value, "value == null");
        }
    }

    /** @param value the number, never {@code null} */
    record Num(BigDecimal value) implements AttributeValue {
        /**
         * Checks the components (see the type's description).
         *
         * @param value the number, never {@code null}
         */
        public Num {
            Objects.requireNonNull(value, "value == null");
        }
    }

    /** @param value the boolean */
    record Bool(boolean value) implements AttributeValue {
    }

    /** An explicit null; use {@link AttributeValue#NULL}. */
    record Null() implements AttributeValue {
    }

    /** @param values the elements in order, never {@code null} */
    record Multi(List<AttributeValue> values) implements AttributeValue {
        /**
         * Checks the components (see the type's description).
         *
         * @param values the elements in order, never {@code null}
         */
        public Multi {
            values = List.copyOf(Objects.requireNonNull(values, "values == null"));
        }
    }

    /**
     * @param value the text
     * @return a {@link Text}
     */
    static AttributeValue of(String value) {
        return new Text(value);
    }
}
