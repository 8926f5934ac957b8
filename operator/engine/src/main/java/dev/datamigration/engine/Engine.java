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
import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.engine.odc.OdcPlanner;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.RefKind;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.Planner;
import dev.datamigration.engine.plan.RightsCheck;
import dev.datamigration.engine.remap.Remaps;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

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
     * Plans the copy of {@code apps} into an ODC stage laid out as {@code mapping} says, read-only: the model check,
     * the plan, the static records matched by label, ODC's data limits on the source and the privileges, every problem
     * in the plan's errors ({@code ["*"]} = every app of the mapping).
     */
    public static Plan planOdc(Connection source, Dialect sourceDialect, Connection stage, Dialect stageDialect,
                               List<String> apps, MaskingSpec masking, OdcMapping mapping) throws SQLException {
        Catalog sourceCatalog = new CatalogReader(sourceDialect).read(source, "source");
        RightsCheck rights = new RightsCheck(source, sourceDialect, stage, stageDialect);
        OdcPlanner.Result planned = OdcPlanner.plan(sourceCatalog, source, sourceDialect, stage, stageDialect, apps,
                mapping, rights.readableOnly(table -> sourceDialect.countRows(source, table)), true);
        Plan plan = planned.target() == null ? planned.plan()
                : MaskingPlanner.apply(planned.plan(), planned.target(), masking);
        return rights.check(plan);
    }

    /** {@link #planOdc(Connection, Dialect, Connection, Dialect, List, MaskingSpec, OdcMapping)} by JDBC URL. */
    public static Plan planOdc(Connection source, Connection stage, List<String> apps, MaskingSpec masking,
                               OdcMapping mapping) throws SQLException {
        return planOdc(source, dialectOf(source), stage, dialectOf(stage), apps, masking, mapping);
    }

    /**
     * Plans the request's scope and copies its app, resuming from its checkpoint store (see {@link CopyRequest} for
     * what a request holds and its defaults).
     */
    public static CopyResult copy(CopyRequest request) throws SQLException {
        Prepared prepared = prepare(request, true);
        return prepared.copier().copy(prepared.plan(), request.app());
    }

    /**
     * Everything {@link #copy} checks before it writes, without writing: both catalogs read and planned (the plan's
     * errors, the app in it, the options supported) and, in one read snapshot of the source, its users (with
     * unmatched users Fail) and tenants. Throws as the copy would. A catch-up Job runs it before it waits for its
     * release, so that what can be found with the source running fails the run before the source is stopped. The
     * request's listener receives nothing. ODC user keys are not needed: they are resolved after the release.
     */
    public static void check(CopyRequest request) throws SQLException {
        Prepared prepared = prepare(request.withListener(ProgressListener.NONE), false);
        prepared.copier().check(prepared.plan(), request.app());
    }

    /** The plan of a request and the copier that runs it. */
    private record Prepared(Plan plan, AppCopier copier) {
    }

    private static Prepared prepare(CopyRequest request, boolean needUserKeys) throws SQLException {
        Connection source = request.source();
        Connection target = request.target();
        Dialect sourceDialect = request.sourceDialect() != null ? request.sourceDialect() : dialectOf(source);
        Dialect targetDialect = request.targetDialect() != null ? request.targetDialect() : dialectOf(target);
        CopyOptions options = request.options();
        ProgressListener listener = request.listener();
        Catalog sourceCatalog = new CatalogReader(sourceDialect).read(source, "source");
        if (request.odcMapping() != null) {
            return prepareOdc(request, sourceCatalog, sourceDialect, targetDialect, needUserKeys);
        }
        Catalog targetCatalog = new CatalogReader(targetDialect).read(target, "target");
        // Row counts only size progress and parallel work here: the statistics' estimate spares a scan of every
        // table (the plan Job counts exactly).
        Plan plan = MaskingPlanner.apply(Planner.plan(sourceCatalog, targetCatalog, request.scope(),
                table -> sourceDialect.estimateRows(source, table)), targetCatalog, options.masking());
        plan.warnings().forEach(listener::warning);
        return new Prepared(plan, new AppCopier(source, sourceDialect, target, targetDialect,
                new Remaps(sourceCatalog, targetCatalog), options, request.checkpoints(), listener,
                request.sourceConnections(), request.targetConnections()));
    }

    /**
     * The copy into an ODC stage: planned again (without the source checks the plan Job made), with the static maps
     * of that plan and the request's user keys as remaps. A user without a key becomes NULL: the keys were resolved
     * (matched, created or set to NULL by policy) before the copy, so the copy itself never fails on a user.
     */
    private static Prepared prepareOdc(CopyRequest request, Catalog sourceCatalog, Dialect sourceDialect,
                                       Dialect targetDialect, boolean needUserKeys) throws SQLException {
        Connection source = request.source();
        CopyOptions options = request.options();
        OdcPlanner.Result planned = OdcPlanner.plan(sourceCatalog, source, sourceDialect, request.target(),
                targetDialect, request.scope(), request.odcMapping(),
                table -> sourceDialect.estimateRows(source, table), false);
        Plan plan = planned.target() == null ? planned.plan()
                : MaskingPlanner.apply(planned.plan(), planned.target(), options.masking());
        plan.warnings().forEach(request.listener()::warning);
        boolean referencesUsers = plan.app(request.app()).map(AppPlan::entities).orElse(List.of()).stream()
                .flatMap(e -> e.columns().stream()).anyMatch(c -> c.ref() == RefKind.USER && c.copied());
        if (needUserKeys && referencesUsers && request.odcUserKeys() == null) {
            throw MigrationException.permanent(request.app() + " references O11 users, but no ODC user keys were"
                    + " given: the users must be matched to ODC users before the copy");
        }
        Remaps remaps = Remaps.forOdc(sourceCatalog, planned.staticMaps(), request.odcUserKeys() != null
                ? request.odcUserKeys() : id -> Optional.empty());
        CopyOptions odcOptions = options.withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL);
        return new Prepared(plan, new AppCopier(source, sourceDialect, request.target(), targetDialect, remaps,
                odcOptions, request.checkpoints(), request.listener(), request.sourceConnections(),
                request.targetConnections()));
    }

    private static Dialect dialectOf(Connection connection) throws SQLException {
        return Dialects.forUrl(connection.getMetaData().getURL());
    }
}
