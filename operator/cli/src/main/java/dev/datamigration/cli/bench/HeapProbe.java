package dev.datamigration.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap during a measured step: the sum, over the heap memory pools, of the peak usage each pool reached
 * since {@link #reset()}. It includes garbage not yet collected, so it is an upper bound of what the step
 * really needs; the bench runs with a fixed -Xmx so that the figure is comparable between table sizes.
 */
public final class HeapProbe {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    /** Forgets earlier peaks (after a full GC, so the baseline is the live data). */
    public void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Peak heap in MiB since the last reset. */
    public long peakMib() {
        long bytes = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return bytes / (1024 * 1024);
    }
}
