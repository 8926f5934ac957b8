package dev.datamigration.engine.verify;

import dev.datamigration.engine.Abandon;
import dev.datamigration.engine.Await;
import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.KeyRanges;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.BulkReader;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.FastPath;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.RowFeed;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.dialect.Values;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.remap.RowTransformer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Verifies one copied entity: row count and {@link ContentHash} of the source (read through the same
 * {@link RowTransformer} as the copy, so remapped values compare equal) against the target, each computed in Java.
 * On a mismatch it walks both sides ordered by the identifier (a keyed merge) to name the first differing row, and
 * fails permanently.
 */
public final class EntityVerifier {

    /** Rows and content hash of a verified entity. */
    public record Result(long rows, String hash) {
    }

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    private final Remaps remaps;
    private final int fetchSize;
    private final ConnectionFactory targetConnections;
    private final int streams;
    /** What the source and target dialects can do together ({@link Dialect#fastPathTo}); null when nothing. */
    private final FastPath fastPath;

    public EntityVerifier(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                          Remaps remaps, int fetchSize) {
        this(source, sourceDialect, target, targetDialect, remaps, fetchSize, ConnectionFactory.NONE, 1);
    }

    /**
     * With {@code streams} &gt; 1 and {@code targetConnections}, a large entity verified from the rows as written is
     * read back in that many key ranges at once, each on a target connection of its own (the sum of row hashes does
     * not depend on the order or the split).
     */
    public EntityVerifier(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                          Remaps remaps, int fetchSize, ConnectionFactory targetConnections, int streams) {
        this.targetConnections = targetConnections;
        this.streams = streams;
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.fetchSize = fetchSize;
        this.fastPath = sourceDialect.fastPathTo(targetDialect).orElse(null);
    }

    /**
     * Verifies an entity whose rows were hashed as they were written ({@code copied}, the sum of the
     * {@link FastPath.Load#hashRowsTo} row hashes over the binary encodings of the normalised target values): reads the
     * target once and hashes the same encodings as stored ({@link FastPath#hashStored}). The source is not read
     * again; it was read in the copy, within the same snapshot. When the pair has no fast path, the target cannot be
     * hashed that way, or {@code copied} is null, both sides are read as in {@link #verify(EntityPlan)}. On a
     * mismatch, the keyed walk names the first differing row.
     */
    public Result verify(EntityPlan plan, ContentHash copied) throws SQLException {
        if (copied == null || !copied.hasRowHashes() || fastPath == null) {
            return verify(plan);
        }
        ContentHash stored = new ContentHash();
        List<PhysicalColumn> columns = plan.columns().stream().map(ColumnPlan::target).toList();
        List<long[]> ranges = parallelRanges(plan);
        long rows;
        if (ranges == null) {
            try {
                rows = fastPath.hashStored(target, TableRead.all(plan.targetTable(), columns, fetchSize), stored);
            } finally {
                endRead(target);
            }
        } else {
            rows = hashInRanges(plan, columns, ranges, stored);
        }
        if (rows < 0) {
            return verifyDecoded(plan);
        }
        return asWritten(plan, copied, stored);
    }

    /**
     * Key ranges of the target's identifier for a parallel read, or null: fewer than two streams, no further target
     * connections, a non-integer identifier, or an entity too small to gain (fewer than two fetches per stream).
     */
    private List<long[]> parallelRanges(EntityPlan plan) throws SQLException {
        if (streams < 2 || targetConnections == ConnectionFactory.NONE
                || plan.identifier().target().kind() != ValueKind.INTEGER
                || plan.estimatedRows() < 2L * streams * fetchSize) {
            return null;
        }
        long[] bounds = targetDialect.keyBounds(target, plan.targetTable(), plan.identifier().target().name());
        endRead(target);
        return bounds == null ? null : KeyRanges.split(bounds[0], bounds[1], streams);
    }

    /**
     * Hashes the target's rows range by range at once, each range on a connection and thread of its own, into
     * {@code stored}; returns the rows, or -1 when a reader cannot hash. The first failure closes every connection.
     */
    private long hashInRanges(EntityPlan plan, List<PhysicalColumn> columns, List<long[]> ranges, ContentHash stored)
            throws SQLException {
        List<Connection> opened = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(ranges.size(), runnable -> {
            Thread thread = new Thread(runnable, "verify-" + plan.name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (long[] range : ranges) {
                parts.add(pool.submit(() -> {
                    Connection connection = targetConnections.open();
                    opened.add(connection);
                    connection.setAutoCommit(false);
                    return fastPath.hashStored(connection, TableRead.range(plan.targetTable(), columns,
                            plan.identifier().target().name(), range, fetchSize), stored);
                }));
            }
            long rows = 0;
            for (Future<Long> part : parts) {
                long partRows = awaitPart(part, opened, plan);
                rows = rows < 0 || partRows < 0 ? -1 : rows + partRows;
            }
            return rows;
        } finally {
            pool.shutdownNow();
            Abandon.all(opened);
        }
    }

    private static long awaitPart(Future<Long> part, List<Connection> opened, EntityPlan plan) throws SQLException {
        try {
            return Await.result(part, "verifying " + plan.label());
        } catch (SQLException | RuntimeException e) {
            // Closing the connections stops the other parts' reads.
            Abandon.all(opened);
            throw e;
        }
    }

    /**
     * Verifies by reading both sides: where the pair's {@link FastPath} can, the source rows hashed as a load would
     * write them against the target's stored rows ({@link #verifyAsWritten}); else both decoded and hashed as
     * normalised values ({@link RowHasher}).
     */
    public Result verify(EntityPlan plan) throws SQLException {
        Result asWritten = verifyAsWritten(plan);
        return asWritten != null ? asWritten : verifyDecoded(plan);
    }

    /**
     * Verifies rows that were not hashed as they were written (a Sync rewrites only what differs): the source rows
     * read again in the copy's snapshot and hashed as a load would write them ({@link FastPath#hashAsWritten}: the
     * load's encoder, fields passed as they are, nothing sent), while the target's stored rows are hashed the same way
     * ({@link FastPath#hashStored}), both at once. The same check as after a copy, at the cost of one more source
     * read instead of decoding both sides. Null when the pair has no fast path, a column cannot be hashed so, or a
     * source value cannot be encoded (the load would have refused it): then both sides are decoded.
     */
    private Result verifyAsWritten(EntityPlan plan) throws SQLException {
        if (fastPath == null) {
            return null;
        }
        RowTransformer transformer = new RowTransformer(plan, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                false);
        List<PhysicalColumn> columns = plan.columns().stream().map(ColumnPlan::target).toList();
        ContentHash written = new ContentHash();
        ContentHash stored = new ContentHash();
        FutureTask<Long> targetSide = startTargetSide(plan, () -> {
            try {
                return fastPath.hashStored(target, TableRead.all(plan.targetTable(), columns, fetchSize), stored);
            } finally {
                endRead(target);
            }
        });
        long sourceRows;
        try {
            sourceRows = hashAsWritten(plan, transformer, columns, written);
        } catch (SQLException | RuntimeException e) {
            awaitQuietly(targetSide, e);
            throw e;
        }
        long targetRows = Await.result(targetSide, "hashing the target");
        if (sourceRows < 0 || targetRows < 0) {
            return null;
        }
        return asWritten(plan, written, stored);
    }

    /**
     * The result when the rows hashed as written equal the rows stored; else the verification fails permanently,
     * naming the first differing row (a keyed walk of both sides).
     */
    private Result asWritten(EntityPlan plan, ContentHash written, ContentHash stored) throws SQLException {
        if (!written.equals(stored)) {
            RowTransformer transformer = new RowTransformer(plan, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                    false);
            String difference = firstDifference(plan, transformer.targetKinds(),
                    plan.columns().stream().map(c -> c.target().name()).toList());
            throw MigrationException.permanent("verification failed for " + plan.label() + ": source " + written
                    + " (hashed as written), target " + stored + "; " + difference);
        }
        return new Result(stored.rows(), stored.hex());
    }

    /** The source rows through {@code transformer}, hashed as written into {@code hash}; -1 when they cannot be. */
    private long hashAsWritten(EntityPlan plan, RowTransformer transformer, List<PhysicalColumn> columns,
                               ContentHash hash) throws SQLException {
        RowFeed feed = fastPath.hashAsWritten(source, TableRead.all(plan.sourceTable(),
                transformer.sourceColumnDefs(), fetchSize), columns, transformer.plainSources(), hash).orElse(null);
        if (feed == null) {
            return -1;
        }
        try (feed) {
            Object[] values = transformer.sourceBuffer();
            int[] passThrough = feed.passThrough();
            boolean[] decode = passThrough == null ? null : transformer.fieldsToDecode(passThrough);
            long rows = 0;
            while (feed.next(values, decode)) {
                feed.write(passThrough == null ? transformer.transformSource()
                        : transformer.transformSource(passThrough));
                rows++;
            }
            return rows;
        } catch (ValueRejectedException e) {
            return -1;
        }
    }

    /** Verifies by reading, decoding and hashing both sides (normalised values, {@link RowHasher}). */
    private Result verifyDecoded(EntityPlan plan) throws SQLException {
        RowTransformer transformer = new RowTransformer(plan, sourceDialect, remaps, RowTransformer.Mode.FINAL, false);
        ValueKind[] kinds = transformer.targetKinds();
        List<String> targetColumns = plan.columns().stream().map(c -> c.target().name()).toList();
        // Both sides are read and hashed at once, each on its own connection and thread: the time is the slower side's.
        FutureTask<ContentHash> targetSide = startTargetSide(plan, () -> hashTarget(plan, kinds));
        ContentHash sourceHash;
        ContentHash targetHash;
        try {
            sourceHash = hashSource(plan, transformer, kinds);
        } catch (SQLException | RuntimeException e) {
            // The target connection stays busy until its side ends: wait, so that the caller may use it again.
            awaitQuietly(targetSide, e);
            throw e;
        }
        targetHash = await(targetSide);
        if (!sourceHash.equals(targetHash)) {
            String difference = firstDifference(plan, kinds, targetColumns);
            throw MigrationException.permanent("verification failed for " + plan.label() + ": source " + sourceHash
                    + ", target " + targetHash + "; " + difference);
        }
        return new Result(sourceHash.rows(), sourceHash.hex());
    }

    private ContentHash hashSource(EntityPlan plan, RowTransformer transformer, ValueKind[] kinds)
            throws SQLException {
        RowHasher hasher = new RowHasher();
        ContentHash hash = new ContentHash();
        Object[] values = transformer.sourceBuffer();
        try (BulkReader reader = sourceDialect.openBulkReader(source, plan.sourceTable(),
                transformer.sourceColumnDefs(), null, 0, 0, fetchSize)) {
            while (reader.next(values)) {
                hash.add(hasher.hash(transformer.transformSource(), kinds));
            }
        }
        return hash;
    }

    private ContentHash hashTarget(EntityPlan plan, ValueKind[] kinds) throws SQLException {
        RowHasher hasher = new RowHasher();
        ContentHash hash = new ContentHash();
        List<PhysicalColumn> columns = plan.columns().stream().map(ColumnPlan::target).toList();
        Object[] row = new Object[kinds.length];
        try (BulkReader reader = targetDialect.openBulkReader(target, plan.targetTable(), columns, null, 0, 0,
                fetchSize)) {
            while (reader.next(row)) {
                hash.add(hasher.hash(row, kinds));
            }
        } finally {
            endRead(target);
        }
        return hash;
    }

    /** Runs one entity's target side on a thread of its own while the caller reads the source. */
    private static <T> FutureTask<T> startTargetSide(EntityPlan plan, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "verify-target-" + plan.name());
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static ContentHash await(FutureTask<ContentHash> task) throws SQLException {
        return Await.result(task, "hashing the target");
    }

    private static void awaitQuietly(FutureTask<?> task, Exception cause) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() != null) {
                cause.addSuppressed(e.getCause());
            }
        }
    }

    private void readTarget(ResultSet rs, ValueKind[] kinds, Object[] row) throws SQLException {
        for (int i = 0; i < kinds.length; i++) {
            row[i] = targetDialect.readValue(rs, i + 1, kinds[i]);
        }
    }

    private static void endRead(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    /** Keyed merge of both sides ordered by the identifier: the first key missing on one side or differing. */
    private String firstDifference(EntityPlan plan, ValueKind[] kinds, List<String> targetColumns)
            throws SQLException {
        RowTransformer transformer = new RowTransformer(plan, sourceDialect, remaps, RowTransformer.Mode.FINAL, false);
        int id = plan.columns().indexOf(plan.identifier());
        RowHasher hasher = new RowHasher();
        try (PreparedStatement sps = sourceDialect.prepareStreamingQuery(source, sourceDialect.selectSql(
                plan.sourceTable(), transformer.sourceColumns(), plan.identifier().source().name()), fetchSize);
             ResultSet srs = sps.executeQuery();
             PreparedStatement tps = targetDialect.prepareStreamingQuery(target, targetDialect.selectSql(
                     plan.targetTable(), targetColumns, plan.identifier().target().name()), fetchSize);
             ResultSet trs = tps.executeQuery()) {
            Object[] targetRow = new Object[kinds.length];
            boolean hasSource = srs.next();
            boolean hasTarget = trs.next();
            Object[] sourceRow = hasSource ? transformer.transform(srs) : null;
            if (hasTarget) {
                readTarget(trs, kinds, targetRow);
            }
            while (hasSource || hasTarget) {
                int cmp = !hasSource ? 1 : !hasTarget ? -1 : compareKeys(sourceRow[id], targetRow[id]);
                if (cmp < 0) {
                    return "first difference: row " + display(sourceRow[id]) + " is missing in the target";
                }
                if (cmp > 0) {
                    return "first difference: row " + display(targetRow[id]) + " is in the target but not in the"
                            + " source";
                }
                for (int i = 0; i < kinds.length; i++) {
                    byte[] a = hasher.hash(new Object[] {sourceRow[i]}, new ValueKind[] {kinds[i]});
                    byte[] b = hasher.hash(new Object[] {targetRow[i]}, new ValueKind[] {kinds[i]});
                    if (!Arrays.equals(a, b)) {
                        ColumnPlan c = plan.columns().get(i);
                        return "first difference: row " + display(sourceRow[id]) + ", column " + c.attribute()
                                + ": source " + Values.display(sourceRow[i]) + ", target "
                                + Values.display(targetRow[i]);
                    }
                }
                hasSource = srs.next();
                hasTarget = trs.next();
                sourceRow = hasSource ? transformer.transform(srs) : null;
                if (hasTarget) {
                    readTarget(trs, kinds, targetRow);
                }
            }
            return "no differing row found in a keyed walk (duplicate identifiers?)";
        } finally {
            endRead(target);
        }
    }

    private static String display(Object key) {
        return key == null ? "with NULL identifier" : key.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
