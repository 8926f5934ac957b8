package dev.datamigration.engine.copy;

import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.sync.EntitySync;
import dev.datamigration.engine.verify.EntityVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies one application with existingData Replace and identity Preserve (design.md §6): checks users and tenants,
 * wipes the app's target data, then loads each entity in its own transaction and verifies every entity once its
 * second passes are done ({@link EntityScheduler}: in the plan's order, or several entities at once with
 * {@link CopyOptions#concurrentEntities()}). Progress goes to the {@link ProgressListener}; every committed step is
 * saved in the {@link CheckpointStore}, so a restarted copy skips verified entities and redoes the rest.
 */
public final class AppCopier {

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    private final Remaps remaps;
    private final CopyOptions options;
    private final CheckpointStore store;
    private final ProgressListener listener;
    private final ConnectionFactory sourceConnections;
    private final ConnectionFactory targetConnections;

    public AppCopier(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                     Remaps remaps, CopyOptions options, CheckpointStore store, ProgressListener listener) {
        this(source, sourceDialect, target, targetDialect, remaps, options, store, listener, ConnectionFactory.NONE,
                ConnectionFactory.NONE);
    }

    /**
     * {@code sourceConnections} opens the further source connections of parallel streams and concurrent entities,
     * {@code targetConnections} the further target connections of concurrent entities.
     */
    public AppCopier(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                     Remaps remaps, CopyOptions options, CheckpointStore store, ProgressListener listener,
                     ConnectionFactory sourceConnections, ConnectionFactory targetConnections) {
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.options = options;
        this.store = store;
        this.listener = listener;
        this.sourceConnections = sourceConnections;
        this.targetConnections = targetConnections;
    }

    public CopyResult copy(Plan plan, String app) throws SQLException {
        AppPlan appPlan = appPlanOf(plan, app);
        source.setAutoCommit(false);
        target.setAutoCommit(false);
        List<String> warnings = new ArrayList<>();
        Checkpoint checkpoint = store.load(app);
        listener.appStarted(app, appPlan.entities());
        try {
            // Every read of this app's copy (checks, loads, second passes, verification) sees one state of the
            // source, also while it keeps running.
            String noSnapshot = sourceDialect.readSnapshotUnavailable(source);
            if (noSnapshot != null) {
                warnings.add(app + ": " + noSnapshot);
            }
            String snapshot = sourceDialect.beginReadSnapshot(source);
            requireReferences(app, appPlan);
            if (!checkpoint.wipeDone()) {
                if (options.syncExistingData()) {
                    // A Sync keeps the rows; only the BPT event rows go, as a Replace's wipe leaves none.
                    new EventRowsClear(target, targetDialect).clear(plan.wipes().get(app));
                } else {
                    new Wiper(target, targetDialect).wipe(app, plan.wipes().get(app));
                }
                checkpoint.markWipeDone();
                store.save(checkpoint);
            }
            Lane.Workers workers = workers();
            Lane own = Lane.of(source, target, workers, sourceDialect, snapshot);
            Lane.Opener lanes = () -> Lane.open(sourceConnections, targetConnections, workers, sourceDialect,
                    snapshot);
            try (AsideChecks asideChecks = new AsideChecks(sourceConnections, sourceDialect, remaps, snapshot,
                    options.syncExistingData());
                 EntityScheduler scheduler = new EntityScheduler(own, maxLanes(), lanes, store, listener,
                         asideChecks)) {
                scheduler.run(appPlan, plan, checkpoint, warnings);
            }
            List<CopyResult.EntityResult> results = new ArrayList<>();
            for (EntityPlan entity : appPlan.entities()) {
                Checkpoint.EntityEntry entry = checkpoint.entity(entity.key().toString());
                if (entry == null || entry.step() != Checkpoint.Step.VERIFIED) {
                    throw new IllegalStateException(entity.label() + " was not verified");
                }
                results.add(new CopyResult.EntityResult(entity.name(), entry.rows(), entry.hash()));
            }
            sourceDialect.endReadSnapshot(source);
            listener.appFinished(app, true, null);
            return new CopyResult(app, List.copyOf(results), List.copyOf(warnings));
        } catch (SQLException | RuntimeException e) {
            listener.appFinished(app, false, e.getMessage());
            throw e;
        }
    }

    /**
     * What {@link #copy} checks before it writes, without writing (see {@code Engine.check}): the options, the plan
     * and the app in it, and the source's users and tenants in a read snapshot, ended before it returns.
     */
    public void check(Plan plan, String app) throws SQLException {
        AppPlan appPlan = appPlanOf(plan, app);
        sourceDialect.beginReadSnapshot(source);
        try {
            requireReferences(app, appPlan);
        } finally {
            sourceDialect.endReadSnapshot(source);
        }
    }

    /** The plan of {@code app}; refused when an option is unsupported, the plan has errors or lacks the app. */
    private AppPlan appPlanOf(Plan plan, String app) {
        refuseUnsupported();
        if (!plan.ok()) {
            throw MigrationException.permanent("the plan has errors: " + String.join("; ", plan.errors()));
        }
        return plan.app(app).orElseThrow(() -> MigrationException.permanent("application " + app
                + " is not in the plan (apps: " + plan.apps().stream().map(AppPlan::name)
                .collect(Collectors.joining(", ")) + ")"));
    }

    /** The source's users (when unmatched users fail the copy) and tenants that the target must have. */
    private void requireReferences(String app, AppPlan appPlan) throws SQLException {
        ReferenceChecks checks = new ReferenceChecks(source, sourceDialect, remaps);
        if (options.unmatchedUsers() == CopyOptions.UnmatchedUsers.FAIL) {
            checks.requireUsers(app, appPlan.entities());
        }
        checks.requireTenants(app, appPlan.entities());
    }

    /**
     * Steps at once: {@link CopyOptions#concurrentEntities()} when both connection factories are there, else 1 (the
     * copy's own connections).
     */
    private int maxLanes() {
        if (options.concurrentEntities() < 2 || sourceConnections == ConnectionFactory.NONE
                || targetConnections == ConnectionFactory.NONE) {
            return 1;
        }
        return options.concurrentEntities();
    }

    private Lane.Workers workers() {
        return new Lane.Workers() {
            @Override
            public EntityLoader loader(Connection laneSource, Connection laneTarget) {
                return new EntityLoader(laneSource, sourceDialect, laneTarget, targetDialect, remaps, options,
                        listener, sourceConnections, targetConnections);
            }

            @Override
            public EntityVerifier verifier(Connection laneSource, Connection laneTarget) {
                return new EntityVerifier(laneSource, sourceDialect, laneTarget, targetDialect, remaps,
                        options.batchSize(), targetConnections, options.streams());
            }

            @Override
            public ReferenceChecks checks(Connection laneSource) {
                return new ReferenceChecks(laneSource, sourceDialect, remaps);
            }
        };
    }

    private void refuseUnsupported() {
        if (!options.replaceExistingData()) {
            throw MigrationException.permanent("existingData Append is not supported yet: use Replace");
        }
        if (options.syncExistingData() && !EntitySync.supportsTarget(targetDialect)) {
            throw MigrationException.permanent("existingData Sync needs a PostgreSQL target database, not "
                    + targetDialect.name() + ": use Replace");
        }
        if (!options.preserveIdentity()) {
            throw MigrationException.permanent("identity Remap is not supported yet: use Preserve");
        }
        if (options.unmatchedUsers() == CopyOptions.UnmatchedUsers.CREATE) {
            throw MigrationException.permanent("users.unmatched Create is not supported for O11 targets: use Fail"
                    + " or SetNull");
        }
        if (options.streams() < 1) {
            throw MigrationException.permanent("streams must be at least 1, not " + options.streams());
        }
        if (options.concurrentEntities() < 1) {
            throw MigrationException.permanent("concurrentEntities must be at least 1, not "
                    + options.concurrentEntities());
        }
        if (options.batchSize() < 1) {
            throw MigrationException.permanent("batchSize must be at least 1, not " + options.batchSize());
        }
    }
}
