package dev.datamigration.controller.progress;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.v1alpha1.SyncStats;
import java.util.List;
import java.util.function.Function;

/**
 * Pure: an app's {@code status.apps[].sync}, the sums of its entities' Sync counts from the progress document. Like
 * the app's rows, the sums never go backwards within a Job: a retried pod reports only the entities it syncs itself
 * (the ones committed before are skipped from the checkpoint and carry no counts), so each sum keeps the larger of
 * the last written value and the new one.
 */
final class SyncTotals {

    private SyncTotals() {
    }

    /** The sums over the entities that report Sync counts, or null when none does (not a Sync, or none done yet). */
    static SyncStats sum(List<EntityProgress> entities) {
        List<SyncStats> synced = entities.stream().map(EntityProgress::getSync).filter(s -> s != null).toList();
        if (synced.isEmpty()) {
            return null;
        }
        return new SyncStats(total(synced, SyncStats::getRangesCompared), total(synced, SyncStats::getRangesRewritten),
                total(synced, SyncStats::getRowsInserted), total(synced, SyncStats::getRowsUpdated),
                total(synced, SyncStats::getRowsDeleted));
    }

    /** Field by field the larger of {@code previous} and {@code next}; null when both are. */
    static SyncStats atLeast(SyncStats previous, SyncStats next) {
        if (previous == null || next == null) {
            return copyOf(next == null ? previous : next);
        }
        return new SyncStats(max(previous.getRangesCompared(), next.getRangesCompared()),
                max(previous.getRangesRewritten(), next.getRangesRewritten()),
                max(previous.getRowsInserted(), next.getRowsInserted()),
                max(previous.getRowsUpdated(), next.getRowsUpdated()),
                max(previous.getRowsDeleted(), next.getRowsDeleted()));
    }

    static SyncStats copyOf(SyncStats s) {
        if (s == null) {
            return null;
        }
        SyncStats copy = new SyncStats();
        copy.setRangesCompared(s.getRangesCompared());
        copy.setRangesRewritten(s.getRangesRewritten());
        copy.setRowsInserted(s.getRowsInserted());
        copy.setRowsUpdated(s.getRowsUpdated());
        copy.setRowsDeleted(s.getRowsDeleted());
        return copy;
    }

    private static long total(List<SyncStats> stats, Function<SyncStats, Long> field) {
        return stats.stream().map(field).filter(v -> v != null).mapToLong(Long::longValue).sum();
    }

    private static long max(Long a, Long b) {
        return Math.max(a == null ? 0 : a, b == null ? 0 : b);
    }
}
