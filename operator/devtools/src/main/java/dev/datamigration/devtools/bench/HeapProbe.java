package dev.datamigration.devtools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap used by a measured step, two ways:
 * <ul>
 *   <li>{@link #peakMib()}: the sum, over the heap pools, of the peak usage each pool reached since {@link #start()}.
 *       It includes garbage not yet collected, so it is an upper bound that depends on -Xmx (the collector lets the
 *       young generation grow into free heap); run the bench with a fixed -Xmx to compare sizes.</li>
 *   <li>{@link #liveMib()}: the largest heap still in use right after a collection during the step: what the step
 *       really keeps reachable, independent of -Xmx.</li>
 * </ul>
 */
public final class HeapProbe implements AutoCloseable {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final AtomicLong liveBytes = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onCollection;

    /** Forgets earlier peaks (after a full GC, so the baseline is the live data) and starts watching collections. */
    public void start() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        liveBytes.set(heapPools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum());
        if (emitters.isEmpty()) {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
        }
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.stream().anyMatch(p -> p.getName().equals(pool.getKey()))) {
                used += pool.getValue().getUsed();
            }
        }
        liveBytes.accumulateAndGet(used, Math::max);
    }

    /** Peak heap in MiB since {@link #start()}, garbage included. */
    public long peakMib() {
        long bytes = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return bytes / (1024 * 1024);
    }

    /** Largest heap in use after a collection since {@link #start()}, in MiB. */
    public long liveMib() {
        return liveBytes.get() / (1024 * 1024);
    }

    /** The maximum heap the JVM may use, in MiB. */
    public static long maxMib() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Already gone: nothing to undo.
            }
        }
        emitters.clear();
    }
}
