package io.oktaconnector.simulator.internal;

/** Stateless deterministic hashing (splitmix64) so any object can be generated from (seed, index) alone. */
public final class Hash {
    private Hash() {
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long of(long seed, long kind, long index) {
        return mix(mix(seed * 0x9E3779B97F4A7C15L + kind) + index);
    }

    /** A value in [0, bound). */
    public static int below(long hash, int bound) {
        return (int) Long.remainderUnsigned(hash, bound);
    }
}
