package io.oktaconnector.simulator.internal;

/**
 * Okta-shaped ids that sort like the index they encode: prefix (3 chars) + 5 seed chars + 12
 * base-62 digits, 20 chars in all. The alphabet is in ASCII order, so string order = index order,
 * which is what lets "cursor = last id" paging work.
 */
public final class Ids {
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int DIGITS = 12;

    private final String seedPart;

    public Ids(long seed) {
        StringBuilder sb = new StringBuilder(5);
        long h = Hash.mix(seed ^ 0x5eedL);
        for (int i = 0; i < 5; i++) {
            sb.append(ALPHABET.charAt((int) Long.remainderUnsigned(h, 62)));
            h = Long.divideUnsigned(h, 62);
        }
        seedPart = sb.toString();
    }

    public String user(long index) {
        return encode("00u", index);
    }

    public String group(long index) {
        return encode("00g", index);
    }

    public String app(long index) {
        return encode("0oa", index);
    }

    public String userType() {
        return "oty" + seedPart + "000000000001";
    }

    String encode(String prefix, long index) {
        char[] out = new char[20];
        prefix.getChars(0, 3, out, 0);
        seedPart.getChars(0, 5, out, 3);
        long v = index;
        for (int i = 19; i >= 8; i--) {
            out[i] = ALPHABET.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }

    /** The index an id encodes, or -1 when the id is not one of ours with this prefix. */
    public long decode(String prefix, String id) {
        if (id == null || id.length() != 20 || !id.startsWith(prefix) || !id.regionMatches(3, seedPart, 0, 5)) {
            return -1;
        }
        long v = 0;
        for (int i = 8; i < 20; i++) {
            int d = ALPHABET.indexOf(id.charAt(i));
            if (d < 0) {
                return -1;
            }
            v = v * 62 + d;
        }
        return v;
    }

    public long decodeUser(String id) {
        return decode("00u", id);
    }

    public long decodeGroup(String id) {
        return decode("00g", id);
    }

    public long decodeApp(String id) {
        return decode("0oa", id);
    }

    static int digits() {
        return DIGITS;
    }
}
