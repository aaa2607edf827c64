package io.oktaconnector.simulator.internal;

import java.util.Arrays;

/**
 * The generated (pre-overlay) membership of a group, answerable without materialising it:
 * everyone, a seeded share of all generated users ("huge"), an explicit sorted array, or nobody.
 */
public final class MemberBase {
    enum Kind { ALL, HUGE, EXPLICIT, EMPTY }

    private final Kind kind;
    private final long seed;
    private final long salt;
    private final int percent;
    private final int generatedUsers;
    private final long[] explicit;
    private final long baseCount;

    private MemberBase(Kind kind, long seed, long salt, int percent, int generatedUsers, long[] explicit) {
        this.kind = kind;
        this.seed = seed;
        this.salt = salt;
        this.percent = percent;
        this.generatedUsers = generatedUsers;
        this.explicit = explicit;
        long c = 0;
        if (kind == Kind.HUGE) {
            for (long i = 0; i < generatedUsers; i++) {
                if (containsHuge(i)) {
                    c++;
                }
            }
        } else if (kind == Kind.EXPLICIT) {
            c = explicit.length;
        }
        this.baseCount = c;
    }

    static MemberBase all() {
        return new MemberBase(Kind.ALL, 0, 0, 0, 0, null);
    }

    static MemberBase empty() {
        return new MemberBase(Kind.EMPTY, 0, 0, 0, 0, null);
    }

    static MemberBase huge(long seed, long salt, int percent, int generatedUsers) {
        return new MemberBase(Kind.HUGE, seed, salt, percent, generatedUsers, null);
    }

    static MemberBase explicit(long[] sorted) {
        return new MemberBase(Kind.EXPLICIT, 0, 0, 0, 0, sorted);
    }

    public boolean isAll() {
        return kind == Kind.ALL;
    }

    /** Members in the generated data, before writes (not meaningful for ALL). */
    long baseCount() {
        return baseCount;
    }

    private boolean containsHuge(long i) {
        return Hash.below(Hash.of(seed, 100 + salt, i), 100) < percent;
    }

    boolean contains(long i) {
        return switch (kind) {
            case ALL -> true;
            case HUGE -> i < generatedUsers && containsHuge(i);
            case EXPLICIT -> Arrays.binarySearch(explicit, i) >= 0;
            case EMPTY -> false;
        };
    }

    /** The smallest base member index greater than {@code after} and below {@code limit}, or -1. */
    long next(long after, long limit) {
        switch (kind) {
            case ALL:
                return after + 1 < limit ? after + 1 : -1;
            case HUGE:
                for (long i = after + 1; i < Math.min(limit, generatedUsers); i++) {
                    if (containsHuge(i)) {
                        return i;
                    }
                }
                return -1;
            case EXPLICIT:
                int pos = Arrays.binarySearch(explicit, after + 1);
                if (pos < 0) {
                    pos = -pos - 1;
                }
                return pos < explicit.length && explicit[pos] < limit ? explicit[pos] : -1;
            default:
                return -1;
        }
    }
}
