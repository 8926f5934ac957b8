package dev.datamigration.engine.copy;

import dev.datamigration.engine.Abandon;
import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.FailureClassifier;
import dev.datamigration.engine.KeyRanges;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.FastPath;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.RowFeed;
import dev.datamigration.engine.dialect.RowHashSink;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.DeferredReference;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.remap.RowTransformer;
import dev.datamigration.engine.sync.EntitySync;
import dev.datamigration.engine.verify.ContentHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads one entity in one target transaction: clear the deferred references that point into it, delete its rows,
 * stream the source rows through the {@link RowTransformer} into the dialect's {@link BulkWriter}, run the second
 * passes this entity closes (deferred references to it, self references included), reseed the identity, commit.
 * A kill at any point leaves the entity untouched or complete.
 * <p>
 * With parallel streams, a factory for target connections and a target that can take it
 * ({@link Dialect#loadsOneTableConcurrently}), each stream also writes on a target connection of its own (the
 * target's COPY is the slower side, so one COPY per stream is what scales): the delete commits first, the streams load
 * their key ranges in their own transactions and commit together once all of them have loaded, then the second passes
 * and the reseed commit. The entity is then untouched-or-complete only per step: a failed stream rolls
 * every stream back and leaves the entity empty, as the app's wipe left it; a kill between the streams' commits can
 * leave part of the rows, and as the entity is not checkpointed, the resumed copy deletes them and loads it again.
 */
final class EntityLoader {

    /**
     * What one load did. {@code copiedHash} is the verification hash of the rows as written (see
     * {@link #bulkLoad}), or null when the entity is verified by reading both sides.
     */
    record Outcome(long rows, List<String> warnings, ContentHash copiedHash) {
    }

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    private final Remaps remaps;
    private final CopyOptions options;
    private final ProgressListener listener;
    private final ConnectionFactory sourceConnections;
    private final ConnectionFactory targetConnections;
    /** What the source and target dialects can do together ({@link Dialect#fastPathTo}); null when nothing. */
    private final FastPath fastPath;

    EntityLoader(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect, Remaps remaps,
                 CopyOptions options, ProgressListener listener, ConnectionFactory sourceConnections,
                 ConnectionFactory targetConnections) {
        this.sourceConnections = sourceConnections;
        this.targetConnections = targetConnections;
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.options = options;
        this.listener = listener;
        this.fastPath = sourceDialect.fastPathTo(targetDialect).orElse(null);
    }

    Outcome load(EntityPlan entity, Plan plan) throws SQLException {
        if (options.syncExistingData()) {
            return synced(entity, plan);
        }
        List<DeferredReference> closing = plan.deferred().stream()
                .filter(d -> d.referenced().equals(entity.key())).toList();
        List<String> warnings = new ArrayList<>();
        boolean ownTargets = false;
        try {
            for (DeferredReference d : closing) {
                EntityPlan owner = plan.entity(d.owner()).orElseThrow();
                targetDialect.clearColumn(target, owner.targetTable(), d.column().target().name());
            }
            targetDialect.deleteAll(target, entity.targetTable());
            List<long[]> ranges = parallelRanges(entity);
            ownTargets = ranges != null && targetConnections != ConnectionFactory.NONE
                    && targetDialect.loadsOneTableConcurrently();
            if (ownTargets) {
                // The streams insert in transactions of their own: the delete commits first, or their inserts would
                // wait for the deleted keys.
                target.commit();
            }
            ContentHash copiedHash = bulkLoad(entity, ranges, ownTargets, warnings);
            long rows = copiedHash.rows();
            for (DeferredReference d : closing) {
                secondPass(plan.entity(d.owner()).orElseThrow(), d.column());
            }
            targetDialect.reseedIdentity(target, entity.targetTable(), entity.identifier().target().name());
            target.commit();
            return new Outcome(rows, warnings, hashed(copiedHash));
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            if (ownTargets) {
                emptyQuietly(entity, e);
            }
            throw e;
        }
    }

    /**
     * existingData Sync: the entity's rows brought to what this load would write, rewriting only what differs
     * ({@link EntitySync}), in one transaction. Verified by reading both sides, as after a second pass.
     */
    private Outcome synced(EntityPlan entity, Plan plan) throws SQLException {
        try {
            EntitySync.Result result = new EntitySync(source, sourceDialect, target, targetDialect, remaps,
                    options.unmatchedUsers() == CopyOptions.UnmatchedUsers.FAIL, options.batchSize())
                    .sync(entity, plan);
            target.commit();
            synchronized (listener) {
                listener.entitySynced(entity, result.counts());
            }
            List<String> warnings = new ArrayList<>(result.warnings());
            if (!result.dangling().isEmpty()) {
                warnings.addAll(new ReferenceChecks(source, sourceDialect, remaps)
                        .danglingReferences(entity, plan, result.dangling()));
            }
            return new Outcome(result.rows(), warnings, null);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /** After a failed load with the streams' own transactions: deletes what some of them may have committed. */
    private void emptyQuietly(EntityPlan entity, Exception cause) {
        try {
            targetDialect.deleteAll(target, entity.targetTable());
            target.commit();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            rollbackQuietly(cause);
        }
    }

    /**
     * Streams the entity's rows into the target. The returned hash counts the rows and, when possible, sums the
     * verification hash of every row as written (else it is {@link ContentHash#countOnly}); that lets verification
     * read only the target
     * ({@link dev.datamigration.engine.verify.EntityVerifier#verify(EntityPlan, ContentHash)}): when the pair of
     * dialects has a {@link FastPath} whose load can hash (PostgreSQL to PostgreSQL, binary COPY) and the entity has no
     * deferred columns (those change after the load, in a second pass). Otherwise verification reads and hashes both
     * sides with the normalised-value hasher.
     */
    private ContentHash bulkLoad(EntityPlan entity, List<long[]> ranges, boolean ownTargets, List<String> warnings)
            throws SQLException {
        ContentHash hash = new ContentHash();
        boolean failOnUser = options.unmatchedUsers() == CopyOptions.UnmatchedUsers.FAIL;
        RowTransformer transformer = new RowTransformer(entity, sourceDialect, remaps, RowTransformer.Mode.LOAD,
                failOnUser);
        List<PhysicalColumn> columns = entity.columns().stream().map(ColumnPlan::target).toList();
        boolean hashable = fastPath != null && !transformer.defersColumns();
        if (ownTargets) {
            ParallelStreams.Loaded loaded = new ParallelStreams(entity, ranges, failOnUser)
                    .loadOnOwnTargets(transformer, columns, hashable ? hash : null);
            warnings.addAll(transformer.unmappedReport());
            return loaded.hashed() ? hash : ContentHash.countOnly(loaded.rows());
        }
        long rows;
        boolean hashed;
        try (TargetLoad writer = new TargetLoad(target, entity.targetTable(), columns)) {
            hashed = hashable && writer.hashRowsTo(hash);
            if (ranges == null) {
                try (RowFeed feed = writer.feed(source, TableRead.all(entity.sourceTable(),
                        transformer.sourceColumnDefs(), options.batchSize()), transformer.plainSources(), false)) {
                    rows = stream(entity, transformer, feed, new AtomicLong());
                }
            } else {
                rows = new ParallelStreams(entity, ranges, failOnUser).load(transformer, writer);
            }
            long written = writer.finish();
            if (written != rows) {
                throw skipped(entity, rows, written);
            }
        }
        warnings.addAll(transformer.unmappedReport());
        return hashed ? hash : ContentHash.countOnly(rows);
    }

    /**
     * The target took fewer (or more) rows than were sent: a target trigger or rule that skips rows (a BEFORE INSERT
     * trigger returning NULL) does so again on a retry, so the failure is permanent.
     */
    private static MigrationException skipped(EntityPlan entity, long rows, long written) {
        return MigrationException.permanent(entity.label() + ": " + rows + " rows read but " + written + " written");
    }

    private static ContentHash hashed(ContentHash hash) {
        return hash.hasRowHashes() ? hash : null;
    }

    /**
     * The target side of one load: the pair's {@link FastPath.Load} when the fast path has one for these columns, else
     * the target dialect's own writer; and the feeds of source reads into it.
     */
    private final class TargetLoad implements AutoCloseable {

        private final BulkWriter writer;
        /** The same writer when it is the fast path's, else null. */
        private final FastPath.Load fast;

        TargetLoad(Connection connection, String table, List<PhysicalColumn> columns) throws SQLException {
            fast = fastPath == null ? null : fastPath.openLoad(connection, table, columns).orElse(null);
            writer = fast != null ? fast : targetDialect.openBulkWriter(connection, table, columns, options.sqlServerLoad());
        }

        /** Whether the rows are hashed as written into {@code sink} (see {@link FastPath.Load#hashRowsTo}). */
        boolean hashRowsTo(RowHashSink sink) {
            return fast != null && fast.hashRowsTo(sink);
        }

        /**
         * Opens {@code read} on {@code source} as a feed into this load, or into a {@link BulkWriter#part() part} of
         * its own for one of several streams when {@code part}.
         */
        RowFeed feed(Connection source, TableRead read, int[] plainSources, boolean part) throws SQLException {
            if (fast != null) {
                return part ? fast.feedPart(source, read, plainSources) : fast.feed(source, read, plainSources);
            }
            return part ? RowFeed.of(read.open(sourceDialect, source), writer.part())
                    : RowFeed.of(read.open(sourceDialect, source), writer);
        }

        long finish() throws SQLException {
            return writer.finish();
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    /**
     * Moves every row of {@code feed} through the transformer into the target; returns the rows moved. When the feed
     * passes some fields as they are ({@link RowFeed#passThrough()}), only the fields other columns are computed from
     * are decoded.
     */
    private long stream(EntityPlan entity, RowTransformer transformer, RowFeed feed, AtomicLong total)
            throws SQLException {
        Object[] values = transformer.sourceBuffer();
        int[] passThrough = feed.passThrough();
        boolean[] decode = passThrough == null ? null : transformer.fieldsToDecode(passThrough);
        long rows = 0;
        while (feed.next(values, decode)) {
            try {
                feed.write(passThrough == null ? transformer.transformSource()
                        : transformer.transformSource(passThrough));
            } catch (ValueRejectedException e) {
                throw MigrationException.permanent(entity.label() + "." + entity.columns().get(e.column())
                        .attribute() + " of row " + entity.identifier().attribute() + "="
                        + transformer.currentKey() + " cannot be written to " + targetDialect.name() + ": "
                        + e.getMessage());
            }
            rows++;
            long all = total.incrementAndGet();
            if (all % options.batchSize() == 0) {
                synchronized (listener) {
                    listener.rowsCopied(entity, all);
                }
            }
        }
        return rows;
    }

    /**
     * Key ranges [from, to) splitting the source identifier's span in {@link CopyOptions#streams()} equal parts, or null
     * for a single stream: one stream asked for, no factory for more connections, a non-integer identifier, or an
     * entity too small to gain (fewer than two batches per stream).
     */
    private List<long[]> parallelRanges(EntityPlan entity) throws SQLException {
        int streams = options.streams();
        if (streams < 2 || sourceConnections == ConnectionFactory.NONE
                || entity.identifier().source().kind() != ValueKind.INTEGER
                || entity.estimatedRows() < 2L * streams * options.batchSize()) {
            return null;
        }
        long[] bounds = sourceDialect.keyBounds(source, entity.sourceTable(), entity.identifier().source().name());
        if (bounds == null) {
            return null;
        }
        return KeyRanges.split(bounds[0], bounds[1], streams);
    }

    /**
     * Reads key ranges of one entity at once, each on its own source connection that sees the snapshot of the copy's
     * source transaction. The ranges feed either the one target COPY of the entity's transaction ({@link #load}) or a
     * COPY each on target connections of their own, committed together ({@link #loadOnOwnTargets}).
     */
    private final class ParallelStreams {

        /** What {@link #loadOnOwnTargets} loaded: the rows, and whether every stream hashed its rows as written. */
        record Loaded(long rows, boolean hashed) {
        }

        /** One stream's work on its key range, given its reader's transformer and its source connection. */
        private interface RangeLoad {
            void run(long[] range, RowTransformer transformer, Connection source, List<Connection> opened,
                     AtomicLong total) throws SQLException;
        }

        private final EntityPlan entity;
        private final List<long[]> ranges;
        private final boolean failOnUser;

        ParallelStreams(EntityPlan entity, List<long[]> ranges, boolean failOnUser) {
            this.entity = entity;
            this.ranges = ranges;
            this.failOnUser = failOnUser;
        }

        /** All streams into {@code writer}, the one COPY of the entity's transaction; returns the rows read. */
        long load(RowTransformer merged, TargetLoad writer) throws SQLException {
            return run(merged, (range, transformer, connection, opened, total) -> {
                try (RowFeed feed = writer.feed(connection, read(transformer, range), transformer.plainSources(),
                        true)) {
                    stream(entity, transformer, feed, total);
                    feed.flush();
                }
            }, () -> { });
        }

        /**
         * Each stream writes its range with a COPY on a target connection of its own and keeps its transaction open;
         * once every stream has loaded, all of them commit. A failed stream rolls all of them back.
         * {@code hash}, when not null, receives every stream's row hashes.
         */
        Loaded loadOnOwnTargets(RowTransformer merged, List<PhysicalColumn> columns, ContentHash hash)
                throws SQLException {
            List<Connection> loaded = new CopyOnWriteArrayList<>();
            AtomicLong written = new AtomicLong();
            AtomicBoolean hashed = new AtomicBoolean(hash != null);
            long rows = run(merged, (range, transformer, connection, opened, total) -> {
                Connection target = targetConnections.open();
                opened.add(target);
                target.setAutoCommit(false);
                try (TargetLoad writer = new TargetLoad(target, entity.targetTable(), columns)) {
                    if (hash == null || !writer.hashRowsTo(hash)) {
                        hashed.set(false);
                    }
                    try (RowFeed feed = writer.feed(connection, read(transformer, range), transformer.plainSources(),
                            false)) {
                        stream(entity, transformer, feed, total);
                    }
                    written.addAndGet(writer.finish());
                }
                loaded.add(target);
            }, () -> {
                for (Connection target : loaded) {
                    target.commit();
                }
            });
            if (written.get() != rows) {
                throw skipped(entity, rows, written.get());
            }
            return new Loaded(rows, hashed.get());
        }

        private TableRead read(RowTransformer transformer, long[] range) {
            return TableRead.range(entity.sourceTable(), transformer.sourceColumnDefs(),
                    entity.identifier().source().name(), range, options.batchSize());
        }

        /**
         * Runs {@code work} for every range on a thread and a source connection of its own; once all succeeded, runs
         * {@code whenAllDone} before the connections the streams opened are closed. Returns the rows read; on the
         * first failure closes every stream's connections (which stops the others) and throws it.
         */
        private long run(RowTransformer merged, RangeLoad work, SqlAction whenAllDone) throws SQLException {
            String snapshot = sourceDialect.exportSnapshot(source);
            AtomicLong total = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(ranges.size(), runnable -> {
                Thread thread = new Thread(runnable, "copy-" + entity.name());
                thread.setDaemon(true);
                return thread;
            });
            List<Future<RowTransformer>> streams = new ArrayList<>();
            List<Connection> opened = new CopyOnWriteArrayList<>();
            try {
                for (long[] range : ranges) {
                    streams.add(pool.submit(() -> {
                        RowTransformer transformer = new RowTransformer(entity, sourceDialect, remaps,
                                RowTransformer.Mode.LOAD, failOnUser);
                        Connection connection = sourceConnections.open();
                        opened.add(connection);
                        sourceDialect.importSnapshot(connection, snapshot);
                        work.run(range, transformer, connection, opened, total);
                        connection.rollback();
                        return transformer;
                    }));
                }
                Exception failure = null;
                for (Future<RowTransformer> stream : streams) {
                    try {
                        merged.addUnmapped(stream.get());
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            // Stop the other streams: closing their connections ends their reads and writes.
                            Abandon.all(opened);
                        }
                        failure = decisive(failure, e.getCause() instanceof SQLException
                                || e.getCause() instanceof RuntimeException ? (Exception) e.getCause()
                                : new IllegalStateException(e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        Abandon.all(opened);
                        throw new SQLException("interrupted while copying " + entity.label(), "57014", e);
                    }
                }
                if (failure instanceof SQLException sql) {
                    throw sql;
                }
                if (failure != null) {
                    throw (RuntimeException) failure;
                }
                whenAllDone.run();
                return total.get();
            } finally {
                pool.shutdownNow();
                Abandon.all(opened);
            }
        }
    }

    /**
     * Of two streams' failures, the one that decides the copy's exit code: the first permanent one, else the first;
     * the other is kept as suppressed. The streams are awaited in range order, not in the order they failed: the
     * stream whose row a target trigger refused may come after one stopped by the same failure (a broken shared
     * COPY, a closed connection), and its permanent cause must not be lost to a transient-looking one.
     */
    private static Exception decisive(Exception kept, Exception next) {
        if (kept == null || kept == next) {
            return next;
        }
        if (!FailureClassifier.isPermanent(kept) && FailureClassifier.isPermanent(next)) {
            next.addSuppressed(kept);
            return next;
        }
        kept.addSuppressed(next);
        return kept;
    }

    /** A step that may fail with an SQLException. */
    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Sets one deferred reference column of {@code owner} from the source, in batches. */
    private void secondPass(EntityPlan owner, ColumnPlan column) throws SQLException {
        ColumnPlan value = new ColumnPlan(column.attribute(), column.target(), column.source(), null, column.ref(),
                column.referenced(), false);
        EntityPlan pair = new EntityPlan(owner.key(), owner.app(), owner.module(), owner.name(), owner.sourceTable(),
                owner.targetTable(), owner.targetEventTable(), owner.identifier(),
                List.of(owner.identifier(), value), owner.estimatedRows());
        RowTransformer transformer = new RowTransformer(pair, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                false);
        String update = "UPDATE " + targetDialect.quote(owner.targetTable()) + " SET "
                + targetDialect.quote(column.target().name()) + " = ? WHERE "
                + targetDialect.quote(owner.identifier().target().name()) + " = ?";
        try (PreparedStatement read = sourceDialect.prepareStreamingQuery(source, sourceDialect.selectSql(
                owner.sourceTable(), transformer.sourceColumns(), null) + " WHERE "
                + sourceDialect.quote(column.source().name()) + " IS NOT NULL", options.batchSize());
             ResultSet rs = read.executeQuery();
             PreparedStatement write = target.prepareStatement(update)) {
            int pending = 0;
            while (rs.next()) {
                Object[] row = transformer.transform(rs);
                targetDialect.bind(write, 1, row[1], column.target().kind());
                targetDialect.bind(write, 2, row[0], owner.identifier().target().kind());
                write.addBatch();
                if (++pending == options.batchSize()) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            target.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
