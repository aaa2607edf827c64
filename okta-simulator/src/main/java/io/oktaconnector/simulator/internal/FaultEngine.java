package io.oktaconnector.simulator.internal;

import io.oktaconnector.simulator.FaultRule;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Holds the active fault rules and decides which fire for a request. */
public final class FaultEngine {
    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    /** One added rule with its counters. */
    public static final class Entry {
        private final FaultRule rule;
        private final AtomicLong matches = new AtomicLong();
        private final AtomicLong hits = new AtomicLong();
        private final SplittableRandom random;

        Entry(FaultRule rule) {
            this.rule = rule;
            this.random = new SplittableRandom(rule.seed());
        }

        public FaultRule rule() {
            return rule;
        }

        public long matches() {
            return matches.get();
        }

        public long hits() {
            return hits.get();
        }

        boolean fires() {
            long k = matches.incrementAndGet();
            boolean fire = switch (rule.trigger()) {
                case ALWAYS -> true;
                case NTH -> k == rule.count();
                case TIMES -> k <= rule.count();
                case AFTER -> k > rule.count();
                case PROBABILITY -> {
                    synchronized (random) {
                        yield random.nextDouble() < rule.probability();
                    }
                }
            };
            if (fire) {
                hits.incrementAndGet();
            }
            return fire;
        }
    }

    public Entry add(FaultRule rule) {
        Entry e = new Entry(rule);
        entries.add(e);
        return e;
    }

    public void remove(Entry e) {
        entries.remove(e);
    }

    public void clear() {
        entries.clear();
    }

    /** The rules that fire for this request, in the order they were added (empty list when none). */
    public List<FaultRule> fire(String method, String path) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<FaultRule> out = null;
        for (Entry e : entries) {
            if (e.rule.matches(method, path) && e.fires()) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(e.rule);
            }
        }
        return out == null ? List.of() : out;
    }
}
