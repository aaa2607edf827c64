package io.oktaconnector.benchmarks.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall time, process CPU time and peak heap of one measured section of a child JVM. Peak heap is the largest heap
 * occupancy sampled every 5 ms (and at GC-visible points: start and end), so a peak shorter than that can be missed.
 */
final class Measure implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private final long wall0;
    private final long cpu0;
    private volatile boolean running = true;
    private long wallNanos;
    private long cpuNanos;

    Measure() {
        sample();
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

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
