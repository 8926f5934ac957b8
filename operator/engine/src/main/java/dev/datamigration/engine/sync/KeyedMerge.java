package dev.datamigration.engine.sync;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Walks the source and target rows of the same key ranges side by side in identifier order and applies the
 * difference: a key only in the source is inserted, a key on both sides whose canonical rows differ is updated, a key
 * only in the target is collected as obsolete (deleted later, once the references to it are released). Only the rows
 * of the ranges read cross the network; memory holds one row per side and the obsolete keys.
 */
final class KeyedMerge {

    private final RowCanon canon;
    private final RowWrites writes;
    /** The range a key lies in, to count the ranges rewritten. */
    private final ToLongFunction<Object> rangeOf;

    long inserted;
    long updated;
    long rangesRewritten;
    final List<Object> obsolete = new ArrayList<>();
    private Long lastRewritten;

    KeyedMerge(RowCanon canon, RowWrites writes, ToLongFunction<Object> rangeOf) {
        this.canon = canon;
        this.writes = writes;
        this.rangeOf = rangeOf;
    }

    /** Merges the two sides; returns the source rows seen. */
    long run(KeyedRows source, KeyedRows target) throws SQLException {
        long sourceRows = 0;
        boolean hasSource = source.next();
        boolean hasTarget = target.next();
        while (hasSource || hasTarget) {
            int order = !hasSource ? 1 : !hasTarget ? -1 : KeyedRows.compare(source.key(), target.key());
            if (order < 0) {
                changed(source.key());
                writes.insert(source.row());
                inserted++;
                sourceRows++;
                hasSource = source.next();
            } else if (order > 0) {
                changed(target.key());
                obsolete.add(target.key());
                hasTarget = target.next();
            } else {
                if (!canon.same(source.row(), target.row())) {
                    changed(source.key());
                    writes.update(source.row());
                    updated++;
                }
                sourceRows++;
                hasSource = source.next();
                hasTarget = target.next();
            }
        }
        writes.flush();
        return sourceRows;
    }

    private void changed(Object key) {
        long range = rangeOf.applyAsLong(key);
        if (!Objects.equals(lastRewritten, range)) {
            lastRewritten = range;
            rangesRewritten++;
        }
    }
}
