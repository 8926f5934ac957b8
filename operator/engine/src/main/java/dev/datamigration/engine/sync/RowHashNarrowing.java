package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrows the differing leaves of an in-database compare to the rows that differ, before the merge reads whole rows:
 * both databases hash each row of the leaves with the compare's own row hash (a key and a hash cross the network, not
 * the row), and only the keys whose hashes differ, or that one side lacks, are read whole. A leaf holds about
 * {@link EntitySync#LEAF_ROWS} rows; with a change spread thin one of them differs, so the merge reads a fraction of
 * the leaves' rows, and a large unchanged value (a file) that shares a leaf with a changed row is not read at all.
 * Rows whose hashes are equal are left as they are, as the range hashes leave whole ranges: the whole-entity
 * verification after the Sync stands behind both.
 */
final class RowHashNarrowing {

    /**
     * Most runs of differing keys kept: beyond, the merge reads the leaves whole (this bounds the memory and the array
     * parameters of the merge's reads when most rows of many leaves differ).
     */
    static final int MAX_RUNS = 1 << 18;

    private RowHashNarrowing() {
    }

    /**
     * The (key, row hash) pairs of {@code side}'s rows in {@code ranges} (sorted, disjoint), in key order: the
     * leaves' rows by primary-key range scans (as the merge reads them), each row hashed by its own database.
     */
    static KeyedRows read(Connection connection, Dialect dialect, RangeHashes.Side side, List<long[]> ranges,
                          int fetchSize) throws SQLException {
        String sql = "SELECT t." + dialect.quote(side.key()) + "::bigint AS sync_k, " + side.rowHash() + " AS sync_h"
                + " FROM " + RangeArrays.rangeScan(dialect, side.table(), side.key(), "t") + side.joins()
                + " ORDER BY 1";
        PreparedStatement ps = dialect.prepareStreamingQuery(connection, sql, fetchSize);
        try {
            RangeArrays.bind(connection, ps, ranges);
            if (side.lookups() != null) {
                side.lookups().bind(connection, ps, 3);
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        Object[] row = new Object[2];
        return KeyedRows.over(ps, rs -> {
            row[0] = rs.getLong(1);
            row[1] = rs.getLong(2);
            return row;
        }, 0);
    }

    /**
     * The keys of {@code ours} and {@code stored} (both from {@link #read}, in key order) whose hashes differ or that
     * one side lacks, as sorted runs {@code [lo, hi)} of consecutive keys; null when there would be more than
     * {@link #MAX_RUNS} runs.
     */
    static List<long[]> differing(KeyedRows ours, KeyedRows stored) throws SQLException {
        List<long[]> runs = new ArrayList<>();
        boolean hasOurs = ours.next();
        boolean hasStored = stored.next();
        while (hasOurs || hasStored) {
            long key;
            boolean differs;
            if (!hasStored || hasOurs && (Long) ours.key() < (Long) stored.key()) {
                key = (Long) ours.key();
                differs = true;
                hasOurs = ours.next();
            } else if (!hasOurs || (Long) stored.key() < (Long) ours.key()) {
                key = (Long) stored.key();
                differs = true;
                hasStored = stored.next();
            } else {
                key = (Long) ours.key();
                long ourHash = (Long) ours.row()[1];
                long storedHash = (Long) stored.row()[1];
                differs = ourHash != storedHash;
                hasOurs = ours.next();
                hasStored = stored.next();
            }
            if (differs) {
                long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last[1] == key) {
                    last[1] = key + 1;
                } else if (runs.size() == MAX_RUNS) {
                    return null;
                } else {
                    runs.add(new long[] {key, key + 1});
                }
            }
        }
        return runs;
    }
}
