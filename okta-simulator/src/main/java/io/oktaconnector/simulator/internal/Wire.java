package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Serialisation helpers: objects with _links spliced in without copying the stored snapshot. */
final class Wire {
    private Wire() {
    }

    /** The object's JSON with {@code ,"extra..."} added before its closing brace. */
    static byte[] withExtra(JsonNode node, ObjectNode extra) {
        byte[] base = Json.bytes(node);
        if (extra == null || extra.isEmpty()) {
            return base;
        }
        byte[] add = Json.bytes(extra);
        // base ends with '}', add starts with '{': join as base[..-1] + ',' + add[1..]
        boolean emptyBase = base.length == 2;
        byte[] out = new byte[base.length + add.length - (emptyBase ? 2 : 1)];
        System.arraycopy(base, 0, out, 0, base.length - 1);
        int p = base.length - 1;
        if (!emptyBase) {
            out[p++] = ',';
        }
        System.arraycopy(add, 1, out, p, add.length - 1);
        return out;
    }

    static byte[] array(List<byte[]> items) {
        int size = 2 + items.size();
        for (byte[] b : items) {
            size += b.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    static ObjectNode href(String href) {
        return Json.object().put("href", href);
    }

    static String randomId(String prefix, int chars) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[prefix.length() + chars];
        prefix.getChars(0, prefix.length(), c, 0);
        for (int i = prefix.length(); i < c.length; i++) {
            c[i] = Ids.ALPHABET.charAt(r.nextInt(62));
        }
        return new String(c);
    }
}
