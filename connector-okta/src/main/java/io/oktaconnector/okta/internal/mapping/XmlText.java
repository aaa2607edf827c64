package io.oktaconnector.okta.internal.mapping;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an XML document's bytes the way XML says (a byte order mark, else the declaration's {@code encoding}, else
 * UTF-8), strictly: a byte that is not in that encoding fails the read instead of becoming a replacement character.
 */
final class XmlText {
    private static final int PROLOG_BYTES = 512;
    private static final Pattern ENCODING = Pattern.compile(
            "^<\\?xml[^?>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,39})[\"']");

    private XmlText() {
    }

    /** A reader over the document, and the encoding it decodes. */
    record Decoded(Reader reader, Charset charset) {
    }

    /**
     * @param in     the document's bytes (not closed here)
     * @param source the file, for messages
     * @return a strict reader; the byte order mark is not part of its text
     * @throws ConnectorException INVALID_MAPPING when the declared encoding is unknown
     * @throws IOException        when the bytes cannot be read
     */
    static Decoded open(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, PROLOG_BYTES * 2);
        buffered.mark(PROLOG_BYTES);
        byte[] head = buffered.readNBytes(PROLOG_BYTES);
        buffered.reset();
        Charset charset;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            buffered.skipNBytes(3);
            charset = StandardCharsets.UTF_8;
        } else if (startsWith(head, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16; // reads and drops the byte order mark
        } else {
            charset = declared(new String(head, StandardCharsets.ISO_8859_1), source);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new Decoded(new InputStreamReader(buffered, decoder), charset);
    }

    private static Charset declared(String prolog, String source) {
        Matcher m = ENCODING.matcher(prolog);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + source + " declares the encoding "
                    + m.group(1) + ", which this Java runtime does not know; save it as UTF-8");
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the 1-based line of the first bytes that are not in the encoding, or -1 when none (or unreadable)
     */
    static long firstMalformedLine(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(8192);
            CharBuffer chars = CharBuffer.allocate(8192);
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = n < 0;
                if (n > 0) {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult r = decoder.decode(bytes, chars, end);
                line += newlines(chars);
                if (r.isError()) {
                    return line;
                }
                bytes.compact();
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static long newlines(CharBuffer chars) {
        chars.flip();
        long n = 0;
        while (chars.hasRemaining()) {
            if (chars.get() == '\n') {
                n++;
            }
        }
        chars.clear();
        return n;
    }
}
