package io.oktaconnector.okta.internal.collect;

/**
 * A set of 64-bit values in one {@code long[]}: open addressing with linear probing, at most 3/4 full, growing by half
 * (so that a growth needs at most 2.5 times the set's memory for a moment, not 3). About 10.7 to 16 bytes per value;
 * a million values take 11 to 16 MB, where a {@code HashSet<Long>} would take some 60 MB. Keys should be well-mixed
 * hashes ({@link #hash(CharSequence)}): the slot comes from the high bits. Not thread-safe.
 */
public final class LongHashSet {

    private static final long EMPTY = 0L;
    private static final int MIN_CAPACITY = 16;

    private long[] table;
    private int size;
    private boolean hasEmptyKey;

    /** @param expected values expected (presizes, no growth up to it); 0 when unknown */
    public LongHashSet(long expected) {
        long cap = Math.max(MIN_CAPACITY, expected + expected / 3 + 1);
        if (cap > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many values expected: " + expected);
        }
        table = new long[(int) cap];
    }

    /**
     * @param key a value
     * @return {@code true} when it was not in the set (it is now)
     */
    public boolean add(long key) {
        if (key == EMPTY) {
            if (hasEmptyKey) {
                return false;
            }
            hasEmptyKey = true;
            size++;
            return true;
        }
        if ((long) (size + 1) * 4 > (long) table.length * 3) {
            grow();
        }
        return insert(table, key);
    }

    /** @param key a value @return whether it is in the set */
    public boolean contains(long key) {
        if (key == EMPTY) {
            return hasEmptyKey;
        }
        long[] t = table;
        for (int i = slot(key, t.length); ; i = i + 1 == t.length ? 0 : i + 1) {
            long k = t[i];
            if (k == EMPTY) {
                return false;
            }
            if (k == key) {
                return true;
            }
        }
    }

    /** @return the number of values */
    public int size() {
        return size;
    }

    private boolean insert(long[] t, long key) {
        for (int i = slot(key, t.length); ; i = i + 1 == t.length ? 0 : i + 1) {
            long k = t[i];
            if (k == EMPTY) {
                t[i] = key;
                size++;
                return true;
            }
            if (k == key) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        long cap = (long) old.length + old.length / 2;
        if (cap > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the set is full: " + size + " values");
        }
        table = new long[(int) cap];
        int n = size;
        for (long k : old) {
            if (k != EMPTY) {
                insert(table, k);
            }
        }
        size = n;
    }

    /** Maps the key's high 32 bits onto [0, length) (multiply-shift: no power-of-two capacity needed). */
    private static int slot(long key, int length) {
        return (int) (((key >>> 32) * length) >>> 32);
    }

    /**
     * A well-mixed 64-bit hash of a text (FNV-1a over its chars, then the SplitMix64 finalizer): for ids, whose
     * collision within a run of a million is about one in 30 million.
     *
     * @param text the text
     * @return its hash
     */
    public static long hash(CharSequence text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** @param z a value @return it mixed (SplitMix64's finalizer) */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
