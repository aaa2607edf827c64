package io.oktaconnector.benchmarks.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall time, process CPU time, peak heap and garbage collection of one measured section of a child JVM. Peak heap is
 * the largest heap occupancy sampled every 5 ms, garbage included: a collector lets the heap fill towards -Xmx before
 * it collects, so in a small heap the peak sits near -Xmx whatever the code keeps. Whether an export fits a heap is
 * shown by running it with that -Xmx; how hard the collector had to work, by the collection counts and time.
 */
final class Measure implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private final long wall0;
    private final long cpu0;
    private final long[] gcCount0;
    private final long[] gcTime0;
    private volatile boolean running = true;
    private long wallNanos;
    private long cpuNanos;
    private long youngCollections;
    private long fullCollections;
    private long gcMillis;

    Measure() {
        sample();
        gcCount0 = new long[gcs.size()];
        gcTime0 = new long[gcs.size()];
        for (int i = 0; i < gcs.size(); i++) {
            gcCount0[i] = gcs.get(i).getCollectionCount();
            gcTime0[i] = gcs.get(i).getCollectionTime();
        }
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        wall0 = System.nanoTime();
        cpu0 = os.getProcessCpuTime();
    }

    private void sample() {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    @Override
    public void close() {
        if (!running) {
            return; // measured once
        }
        cpuNanos = os.getProcessCpuTime() - cpu0;
        wallNanos = System.nanoTime() - wall0;
        running = false;
        sample();
        for (int i = 0; i < gcs.size(); i++) {
            GarbageCollectorMXBean gc = gcs.get(i);
            long n = gc.getCollectionCount() - gcCount0[i];
            String name = gc.getName().toLowerCase(Locale.ROOT);
            // G1 Old Generation, PS MarkSweep, MarkSweepCompact: whole-heap collections
            if (name.contains("old") || name.contains("marksweep")) {
                fullCollections += n;
            } else {
                youngCollections += n;
            }
            gcMillis += gc.getCollectionTime() - gcTime0[i];
        }
    }

    long wallMillis() {
        return wallNanos / 1_000_000;
    }

    long cpuMillis() {
        return cpuNanos / 1_000_000;
    }

    long peakHeapBytes() {
        return peak.get();
    }

    long youngCollections() {
        return youngCollections;
    }

    long fullCollections() {
        return fullCollections;
    }

    long gcMillis() {
        return gcMillis;
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
