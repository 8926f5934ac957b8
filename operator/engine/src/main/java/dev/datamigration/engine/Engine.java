package dev.datamigration.engine;

import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.CatalogReader;
import dev.datamigration.engine.copy.AppCopier;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.Dialects;
import dev.datamigration.engine.mask.MaskingPlanner;
import dev.datamigration.engine.mask.MaskingSpec;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.Planner;
import dev.datamigration.engine.plan.RightsCheck;
import dev.datamigration.engine.remap.Remaps;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The engine's entry points. The caller opens the two connections (it holds the credentials) and closes them.
 * <pre>
 *   Plan plan = Engine.plan(source, target, List.of("Orders", "Customers"));      // read-only
 *   CopyResult r = Engine.copy(CopyRequest.of(source, target, List.of("Orders", "Customers"), "Orders")
 *                              .withCheckpoints(checkpointStore).withListener(progressListener));
 * </pre>
 * A copy's scope is every application of the migration (the copy of one app needs to know which referenced apps are
 * copied too). Failures are {@link MigrationException} (see {@link MigrationException#permanent()}) or SQLException
 * (classify with {@link FailureClassifier}).
 */
public final class Engine {

    private Engine() {
    }

    /** Reads both catalogs and plans the copy of {@code apps} (["*"] = every active app with entities). */
    public static Plan plan(Connection source, Connection target, List<String> apps) throws SQLException {
        return plan(source, target, apps, MaskingSpec.NONE);
    }

    /** {@link #plan(Connection, Connection, List)} with masking rules: each rule is resolved or refused. */
    public static Plan plan(Connection source, Connection target, List<String> apps, MaskingSpec masking)
            throws SQLException {
        return plan(source, dialectOf(source), target, dialectOf(target), apps, masking);
    }

    /** {@link #plan(Connection, Connection, List)} with explicit dialects. */
    public static Plan plan(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                            List<String> apps) throws SQLException {
        return plan(source, sourceDialect, target, targetDialect, apps, MaskingSpec.NONE);
    }

    /** {@link #plan(Connection, Connection, List, MaskingSpec)} with explicit dialects. */
    public static Plan plan(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                            List<String> apps, MaskingSpec masking) throws SQLException {
        Catalog sourceCatalog = new CatalogReader(sourceDialect).read(source, "source");
        Catalog targetCatalog = new CatalogReader(targetDialect).read(target, "target");
        // The plan's errors include every privilege the credentials lack for the copy; only the plan checks them.
        RightsCheck rights = new RightsCheck(source, sourceDialect, target, targetDialect);
        Plan plan = Planner.plan(sourceCatalog, targetCatalog, apps,
                rights.readableOnly(table -> sourceDialect.countRows(source, table)));
        return rights.check(MaskingPlanner.apply(plan, targetCatalog, masking));
    }

    /**
     * Plans the request's scope and copies its app, resuming from its checkpoint store (see {@link CopyRequest} for
     * what a request holds and its defaults).
     */
    public static CopyResult copy(CopyRequest request) throws SQLException {
        Connection source = request.source();
        Connection target = request.target();
        Dialect sourceDialect = request.sourceDialect() != null ? request.sourceDialect() : dialectOf(source);
        Dialect targetDialect = request.targetDialect() != null ? request.targetDialect() : dialectOf(target);
        CopyOptions options = request.options();
        ProgressListener listener = request.listener();
        Catalog sourceCatalog = new CatalogReader(sourceDialect).read(source, "source");
        Catalog targetCatalog = new CatalogReader(targetDialect).read(target, "target");
        // Row counts only size progress and parallel work here: the statistics' estimate spares a scan of every
        // table (the plan Job counts exactly).
        Plan plan = MaskingPlanner.apply(Planner.plan(sourceCatalog, targetCatalog, request.scope(),
                table -> sourceDialect.estimateRows(source, table)), targetCatalog, options.masking());
        plan.warnings().forEach(listener::warning);
        return new AppCopier(source, sourceDialect, target, targetDialect, new Remaps(sourceCatalog, targetCatalog),
                options, request.checkpoints(), listener, request.sourceConnections(), request.targetConnections())
                .copy(plan, request.app());
    }

    private static Dialect dialectOf(Connection connection) throws SQLException {
        return Dialects.forUrl(connection.getMetaData().getURL());
    }
}
