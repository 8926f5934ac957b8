package dev.datamigration.engine.sync;

/**
 * What one entity's Sync did: key ranges whose hashes were compared (every level of the bisection counts), key ranges
 * rewritten (the smallest ranges that held at least one differing row), and the rows inserted, updated and deleted in
 * the entity's table. {@code updated} also counts the rows of other entities whose deferred reference into this one
 * the step set (their second pass, see {@link EntitySync}).
 */
public record SyncCounts(long rangesCompared, long rangesRewritten, long inserted, long updated, long deleted) {

    public static final SyncCounts NONE = new SyncCounts(0, 0, 0, 0, 0);

    /** Rows the step wrote or deleted. */
    public long rowsChanged() {
        return inserted + updated + deleted;
    }
}
