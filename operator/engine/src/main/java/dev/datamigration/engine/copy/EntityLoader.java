package dev.datamigration.engine.copy;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.DeferredReference;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.remap.RowTransformer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one entity in one target transaction: clear the deferred references that point into it, delete its rows,
 * stream the source rows through the {@link RowTransformer} into the dialect's {@link BulkWriter}, run the second
 * passes this entity closes (deferred references to it, self references included), reseed the identity, commit.
 * A kill at any point leaves the entity untouched or complete.
 */
final class EntityLoader {

    /** What one load did. */
    record Outcome(long rows, List<String> warnings) {
    }

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    private final Remaps remaps;
    private final CopyOptions options;
    private final ProgressListener listener;

    EntityLoader(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect, Remaps remaps,
                 CopyOptions options, ProgressListener listener) {
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.options = options;
        this.listener = listener;
    }

    Outcome load(EntityPlan entity, Plan plan) throws SQLException {
        List<DeferredReference> closing = plan.deferred().stream()
                .filter(d -> d.referenced().equals(entity.key())).toList();
        List<String> warnings = new ArrayList<>();
        try {
            for (DeferredReference d : closing) {
                EntityPlan owner = plan.entity(d.owner()).orElseThrow();
                targetDialect.clearColumn(target, owner.targetTable(), d.column().target().name());
            }
            targetDialect.deleteAll(target, entity.targetTable());
            long rows = bulkLoad(entity, warnings);
            for (DeferredReference d : closing) {
                secondPass(plan.entity(d.owner()).orElseThrow(), d.column());
            }
            targetDialect.reseedIdentity(target, entity.targetTable(), entity.identifier().target().name());
            target.commit();
            return new Outcome(rows, warnings);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            endRead();
        }
    }

    private long bulkLoad(EntityPlan entity, List<String> warnings) throws SQLException {
        boolean failOnUser = options.unmatchedUsers() == CopyOptions.UnmatchedUsers.FAIL;
        RowTransformer transformer = new RowTransformer(entity, sourceDialect, remaps, RowTransformer.Mode.LOAD,
                failOnUser);
        List<PhysicalColumn> columns = entity.columns().stream().map(ColumnPlan::target).toList();
        long rows = 0;
        try (PreparedStatement ps = sourceDialect.prepareStreamingQuery(source, sourceDialect.selectSql(
                entity.sourceTable(), transformer.sourceColumns(), null), options.batchSize());
             ResultSet rs = ps.executeQuery();
             BulkWriter writer = targetDialect.openBulkWriter(target, entity.targetTable(), columns)) {
            while (rs.next()) {
                Object[] row = transformer.transform(rs);
                try {
                    writer.write(row);
                } catch (ValueRejectedException e) {
                    throw MigrationException.permanent(entity.label() + "." + entity.columns().get(e.column())
                            .attribute() + " of row " + entity.identifier().attribute() + "="
                            + transformer.currentKey() + " cannot be written to " + targetDialect.name() + ": "
                            + e.getMessage());
                }
                if (++rows % options.batchSize() == 0) {
                    listener.rowsCopied(entity, rows);
                }
            }
            long written = writer.finish();
            if (written != rows) {
                throw new MigrationException(entity.label() + ": " + rows + " rows read but " + written + " written",
                        false);
            }
        }
        warnings.addAll(transformer.unmappedReport());
        return rows;
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

    private void endRead() throws SQLException {
        if (!source.getAutoCommit()) {
            source.rollback();
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
