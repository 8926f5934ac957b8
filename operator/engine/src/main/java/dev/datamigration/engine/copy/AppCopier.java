package dev.datamigration.engine.copy;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.DeferredReference;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.verify.ContentHash;
import dev.datamigration.engine.verify.EntityVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies one application with existingData Replace and identity Preserve (design.md §6): checks users and tenants,
 * wipes the app's target data, then loads each entity in order in its own transaction and verifies every entity once
 * its second passes are done. Progress goes to the {@link ProgressListener}; every committed step is saved in the
 * {@link CheckpointStore}, so a restarted copy skips verified entities and redoes the rest.
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

    public AppCopier(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                     Remaps remaps, CopyOptions options, CheckpointStore store, ProgressListener listener) {
        this(source, sourceDialect, target, targetDialect, remaps, options, store, listener, ConnectionFactory.NONE);
    }

    /** {@code sourceConnections} opens the further source connections of parallel streams. */
    public AppCopier(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                     Remaps remaps, CopyOptions options, CheckpointStore store, ProgressListener listener,
                     ConnectionFactory sourceConnections) {
        this.sourceConnections = sourceConnections;
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.options = options;
        this.store = store;
        this.listener = listener;
    }

    public CopyResult copy(Plan plan, String app) throws SQLException {
        refuseUnsupported();
        if (!plan.ok()) {
            throw MigrationException.permanent("the plan has errors: " + String.join("; ", plan.errors()));
        }
        AppPlan appPlan = plan.app(app).orElseThrow(() -> MigrationException.permanent("application " + app
                + " is not in the plan (apps: " + plan.apps().stream().map(AppPlan::name)
                .collect(Collectors.joining(", ")) + ")"));
        source.setAutoCommit(false);
        target.setAutoCommit(false);
        List<String> warnings = new ArrayList<>();
        Checkpoint checkpoint = store.load(app);
        listener.appStarted(app, appPlan.entities());
        // Hashes of the rows as written, for entities loaded in this run (a resumed copy verifies the others by
        // reading both sides).
        Map<String, ContentHash> copiedHashes = new HashMap<>();
        EntityPlan current = null;
        try {
            ReferenceChecks checks = new ReferenceChecks(source, sourceDialect, remaps);
            if (options.unmatchedUsers() == CopyOptions.UnmatchedUsers.FAIL) {
                checks.requireUsers(app, appPlan.entities());
            }
            checks.requireTenants(app, appPlan.entities());
            if (!checkpoint.wipeDone()) {
                new Wiper(target, targetDialect).wipe(app, plan.wipes().get(app));
                checkpoint.markWipeDone();
                store.save(checkpoint);
            }
            EntityLoader loader = new EntityLoader(source, sourceDialect, target, targetDialect, remaps, options,
                    listener, sourceConnections);
            EntityVerifier verifier = new EntityVerifier(source, sourceDialect, target, targetDialect, remaps,
                    options.batchSize());
            for (EntityPlan entity : appPlan.entities()) {
                current = entity;
                Checkpoint.EntityEntry entry = checkpoint.entity(entity.key().toString());
                if (entry != null && entry.step() == Checkpoint.Step.VERIFIED) {
                    listener.entityVerified(entity, entry.rows(), entry.hash(), 0);
                    continue;
                }
                if (entry == null) {
                    long started = System.currentTimeMillis();
                    listener.entityStarted(entity, entity.estimatedRows());
                    report(warnings, checks.danglingReferences(entity, plan));
                    EntityLoader.Outcome outcome = loader.load(entity, plan);
                    report(warnings, outcome.warnings());
                    if (outcome.copiedHash() != null) {
                        copiedHashes.put(entity.key().toString(), outcome.copiedHash());
                    }
                    checkpoint.mark(entity.key().toString(), Checkpoint.Step.COPIED, outcome.rows(), null);
                    store.save(checkpoint);
                    listener.entityCopied(entity, outcome.rows(), System.currentTimeMillis() - started);
                }
                verifyReady(appPlan, plan, checkpoint, verifier, copiedHashes);
            }
            current = null;
            verifyReady(appPlan, plan, checkpoint, verifier, copiedHashes);
            List<CopyResult.EntityResult> results = new ArrayList<>();
            for (EntityPlan entity : appPlan.entities()) {
                Checkpoint.EntityEntry entry = checkpoint.entity(entity.key().toString());
                if (entry == null || entry.step() != Checkpoint.Step.VERIFIED) {
                    throw new IllegalStateException(entity.label() + " was not verified");
                }
                results.add(new CopyResult.EntityResult(entity.name(), entry.rows(), entry.hash()));
            }
            listener.appFinished(app, true, null);
            return new CopyResult(app, List.copyOf(results), List.copyOf(warnings));
        } catch (SQLException | RuntimeException e) {
            String message = e.getMessage();
            if (current != null) {
                listener.entityFailed(current, message);
            }
            listener.appFinished(app, false, message);
            throw e;
        }
    }

    private void report(List<String> warnings, List<String> messages) {
        for (String m : messages) {
            warnings.add(m);
            listener.warning(m);
        }
    }

    /** Verifies every copied entity whose deferred references all point to entities already loaded. */
    private void verifyReady(AppPlan appPlan, Plan plan, Checkpoint checkpoint, EntityVerifier verifier,
                             Map<String, ContentHash> copiedHashes) throws SQLException {
        Map<String, Checkpoint.EntityEntry> entries = checkpoint.entities();
        for (EntityPlan entity : appPlan.entities()) {
            Checkpoint.EntityEntry entry = entries.get(entity.key().toString());
            if (entry == null || entry.step() != Checkpoint.Step.COPIED) {
                continue;
            }
            boolean ready = true;
            for (DeferredReference d : plan.deferred()) {
                if (d.owner().equals(entity.key()) && entries.get(d.referenced().toString()) == null) {
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            long started = System.currentTimeMillis();
            EntityVerifier.Result result;
            try {
                result = verifier.verify(entity, copiedHashes.remove(entity.key().toString()));
            } catch (SQLException | RuntimeException e) {
                listener.entityFailed(entity, e.getMessage());
                throw e;
            }
            checkpoint.mark(entity.key().toString(), Checkpoint.Step.VERIFIED, result.rows(), result.hash());
            store.save(checkpoint);
            listener.entityVerified(entity, result.rows(), result.hash(), System.currentTimeMillis() - started);
        }
    }

    private void refuseUnsupported() {
        if (!options.replaceExistingData()) {
            throw MigrationException.permanent("existingData Append is not supported yet: use Replace");
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
        if (options.batchSize() < 1) {
            throw MigrationException.permanent("batchSize must be at least 1, not " + options.batchSize());
        }
    }
}
