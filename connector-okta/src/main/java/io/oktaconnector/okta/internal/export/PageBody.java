package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.oktaconnector.okta.internal.http.BodyReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads one page of an Okta list as it is parsed: a JSON array of objects, each object handed to an
 * {@link ObjectReader} (a {@link Projection} into a row, or a tree for the fulfill layer). A body that is valid JSON but
 * not a page of objects is not an exception here: the page says why, and the {@link Pager} turns that into a
 * {@code PROTOCOL} error (not retried). Invalid JSON and trailing content throw, which fails the attempt like any
 * unreadable answer. A page holding more objects than the {@code limit} asked for is refused as soon as the first one
 * too many starts ({@link BodyReader.Refused}: {@code PROTOCOL}, the rest never read): a server cannot make a run
 * hold an unbounded page.
 *
 * @param <T> what each object becomes
 */
final class PageBody<T> implements BodyReader<PageBody.Page<T>> {

    /** Reads the object at the parser's {@code START_OBJECT}, up to and including its {@code END_OBJECT}. */
    @FunctionalInterface
    interface ObjectReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * One page as read.
     *
     * @param items   what each object became, in order; empty when {@code problem} is set
     * @param problem why the body is not a page of objects, or {@code null}
     * @param <T>     what each object became
     */
    record Page<T>(List<T> items, String problem) {
    }

    private final ObjectReader<T> each;
    private final int maxItems;

    /**
     * @param each     reads each object
     * @param maxItems the {@code limit} the request asked for; more objects than that are refused
     */
    PageBody(ObjectReader<T> each, int maxItems) {
        this.each = Objects.requireNonNull(each, "each == null");
        this.maxItems = maxItems;
    }

    @Override
    public Page<T> read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            end(p);
            return new Page<>(List.of(), "expected a JSON array (a page), got " + kind(t));
        }
        List<T> items = new ArrayList<>();
        String problem = null;
        long count = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEOFException(p, JsonToken.END_ARRAY, "the page ends early");
            }
            if (++count > maxItems) {
                throw new BodyReader.Refused("the page holds more than the " + maxItems + " objects asked for (limit="
                        + maxItems + ")");
            }
            if (t != JsonToken.START_OBJECT) {
                if (problem == null) {
                    problem = "a page holds a " + kind(t) + " where an object belongs";
                }
                p.skipChildren();
            } else if (problem == null) {
                items.add(each.read(p));
            } else {
                p.skipChildren(); // the page is refused anyway: only check that the rest is valid JSON
            }
        }
        end(p);
        return problem == null ? new Page<>(items, null) : new Page<>(List.of(), problem);
    }

    private static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the page");
        }
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }
}
