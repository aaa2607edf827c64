package io.oktaconnector.okta.internal.http;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Reads a successful JSON answer while it is parsed, instead of building a tree first: the export projects each page
 * straight into rows this way. Runs inside the attempt, so a body that is not valid JSON fails the attempt exactly as
 * an unreadable tree would (retried as a read, then {@code PROTOCOL}).
 *
 * @param <T> what the reader makes of the body
 */
@FunctionalInterface
public interface BodyReader<T> {
    /**
     * @param p a parser over the body, at its first token; the reader must consume the whole document and refuse
     *          trailing content
     * @return the reader's result, never {@code null}
     * @throws IOException a {@link com.fasterxml.jackson.core.JsonProcessingException} for a body that is not valid
     *                     JSON, or the transport's failure
     */
    T read(JsonParser p) throws IOException;

    /**
     * A reader's refusal of a body part-way, e.g. a page holding more objects than asked for: the rest is not read
     * (the connection is dropped rather than drained) and the call fails with {@code PROTOCOL}, not retried.
     */
    final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param why what is wrong with the body, for the message; must not quote the body */
        public Refused(String why) {
            super(why);
        }
    }
}
