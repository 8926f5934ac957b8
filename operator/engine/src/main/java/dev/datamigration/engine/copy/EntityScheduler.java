package dev.datamigration.engine.copy;

import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.verify.ContentHash;
import dev.datamigration.engine.verify.EntityVerifier;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the loads and verifications of one app's entities. An entity loads once the entities it waits for
 * ({@link LoadDependencies}) are loaded, and is verified once the loads that set its deferred references are done;
 * ready verifications go first, then loads in the plan's order. With one lane everything runs on the calling thread,
 * in the plan's order. With more lanes (CopyOptions.concurrentEntities, each lane a source and a target connection of
 * its own), up to that many run at once, each entity still in its own target transaction.
 * <p>
 * The checkpoint, the result hashes and the listener's entity events are handled on the calling thread only, after a
 * step has committed. On the first failure the running steps are stopped by closing their lanes (their transactions
 * roll back), and the failure is thrown: the checkpoint then holds exactly the committed steps.
 */
final class EntityScheduler implements AutoCloseable {

    /** What a finished step reports. */
    private record Done(EntityPlan entity, boolean load, Lane lane, EntityLoader.Outcome outcome,
                        EntityVerifier.Result verified, List<String> warnings, long millis) {
    }

    /** A step that failed, with the entity it failed on. */
    private static final class StepFailure extends Exception {
        final EntityPlan entity;

        StepFailure(EntityPlan entity, Exception cause) {
            super(cause);
            this.entity = entity;
        }
    }

    private final int maxLanes;
    private final Lane.Opener lanes;
    private final CheckpointStore store;
    private final ProgressListener listener;
    private final AsideChecks asideChecks;
    private final Deque<Lane> idle = new ArrayDeque<>();
    private final List<Lane> opened = new ArrayList<>();
    private final ExecutorService threads;
    private final CompletionService<Done> completions;

    /**
     * @param own         the lane of the copy's own connections: the only one when {@code maxLanes} is 1
     * @param maxLanes    at most this many steps at once; more than 1 opens lanes with {@code lanes} as needed
     * @param asideChecks runs each load's dangling-reference check beside the load
     */
    EntityScheduler(Lane own, int maxLanes, Lane.Opener lanes, CheckpointStore store, ProgressListener listener,
                    AsideChecks asideChecks) {
        this.maxLanes = maxLanes;
        this.lanes = lanes;
        this.store = store;
        this.listener = listener;
        this.asideChecks = asideChecks;
        if (maxLanes == 1) {
            threads = null;
            completions = new ExecutorCompletionService<>(Runnable::run);
            idle.add(own);
        } else {
            threads = Executors.newFixedThreadPool(maxLanes, runnable -> {
                Thread thread = new Thread(runnable, "copy-entity");
                thread.setDaemon(true);
                return thread;
            });
            completions = new ExecutorCompletionService<>(threads);
        }
    }

    /** Loads and verifies every entity of {@code app} not yet verified in {@code checkpoint}; adds to warnings. */
    void run(AppPlan app, Plan plan, Checkpoint checkpoint, List<String> warnings) throws SQLException {
        LoadDependencies dependencies = new LoadDependencies(app, plan);
        Set<EntityKey> loaded = new HashSet<>();
        List<EntityPlan> toLoad = new ArrayList<>();
        for (EntityPlan entity : app.entities()) {
            Checkpoint.EntityEntry entry = checkpoint.entity(entity.key().toString());
            if (entry == null) {
                toLoad.add(entity);
                continue;
            }
            loaded.add(entity.key());
            // Committed by an earlier run: reported at once, so that a resumed copy's progress counts its rows.
            if (entry.step() == Checkpoint.Step.VERIFIED) {
                listener.entityVerified(entity, entry.rows(), entry.hash(), 0);
            } else {
                listener.entityCopied(entity, entry.rows(), 0);
            }
        }
        // Hashes of the rows as written, for entities loaded in this run (a resumed copy verifies the others by
        // reading both sides).
        Map<EntityKey, ContentHash> copiedHashes = new HashMap<>();
        Set<EntityKey> running = new HashSet<>();
        try {
            schedule(app, plan, checkpoint, warnings, dependencies, loaded, toLoad, copiedHashes, running);
        } catch (SQLException | RuntimeException e) {
            stop(running);
            throw e;
        }
        if (!toLoad.isEmpty()) {
            throw new IllegalStateException("entities left unscheduled: " + toLoad.stream().map(EntityPlan::label)
                    .toList());
        }
    }

    private void schedule(AppPlan app, Plan plan, Checkpoint checkpoint, List<String> warnings,
                          LoadDependencies dependencies, Set<EntityKey> loaded, List<EntityPlan> toLoad,
                          Map<EntityKey, ContentHash> copiedHashes, Set<EntityKey> running) throws SQLException {
        while (true) {
            while (hasLane()) {
                EntityPlan verify = nextVerification(app, checkpoint, dependencies, loaded, running);
                if (verify != null) {
                    Lane lane = lane();
                    running.add(verify.key());
                    ContentHash hash = copiedHashes.remove(verify.key());
                    completions.submit(() -> verify(lane, verify, hash));
                    continue;
                }
                EntityPlan load = nextLoad(toLoad, dependencies, loaded);
                if (load == null) {
                    break;
                }
                Lane lane = lane();
                toLoad.remove(load);
                running.add(load.key());
                listener.entityStarted(load, load.estimatedRows());
                completions.submit(() -> load(lane, load, plan));
            }
            if (running.isEmpty()) {
                break;
            }
            Done done = next(running);
            running.remove(done.entity().key());
            idle.push(done.lane());
            String key = done.entity().key().toString();
            if (done.load()) {
                for (String w : done.warnings()) {
                    warnings.add(w);
                    listener.warning(w);
                }
                if (done.outcome().copiedHash() != null) {
                    copiedHashes.put(done.entity().key(), done.outcome().copiedHash());
                }
                checkpoint.mark(key, Checkpoint.Step.COPIED, done.outcome().rows(), null);
                store.save(checkpoint);
                loaded.add(done.entity().key());
                listener.entityCopied(done.entity(), done.outcome().rows(), done.millis());
            } else {
                checkpoint.mark(key, Checkpoint.Step.VERIFIED, done.verified().rows(), done.verified().hash());
                store.save(checkpoint);
                listener.entityVerified(done.entity(), done.verified().rows(), done.verified().hash(),
                        done.millis());
            }
        }
    }

    private EntityPlan nextVerification(AppPlan app, Checkpoint checkpoint, LoadDependencies dependencies,
                                        Set<EntityKey> loaded, Set<EntityKey> running) {
        for (EntityPlan entity : app.entities()) {
            Checkpoint.EntityEntry entry = checkpoint.entity(entity.key().toString());
            if (entry != null && entry.step() == Checkpoint.Step.COPIED && !running.contains(entity.key())
                    && loaded.containsAll(dependencies.verifyAfter(entity.key()))) {
                return entity;
            }
        }
        return null;
    }

    private static EntityPlan nextLoad(List<EntityPlan> toLoad, LoadDependencies dependencies,
                                       Set<EntityKey> loaded) {
        for (EntityPlan entity : toLoad) {
            if (loaded.containsAll(dependencies.loadAfter(entity.key()))) {
                return entity;
            }
        }
        return null;
    }

    private Done load(Lane lane, EntityPlan entity, Plan plan) throws StepFailure {
        long started = System.currentTimeMillis();
        try {
            lane.beginStep();
            Future<List<String>> dangling = asideChecks.start(entity, plan, lane);
            EntityLoader.Outcome outcome;
            try {
                outcome = lane.loader.load(entity, plan);
            } catch (SQLException | RuntimeException e) {
                dangling.cancel(true);
                throw e;
            }
            List<String> warnings = new ArrayList<>(AsideChecks.await(dangling, entity));
            warnings.addAll(outcome.warnings());
            lane.endStep();
            return new Done(entity, true, lane, outcome, null, warnings, System.currentTimeMillis() - started);
        } catch (SQLException | RuntimeException e) {
            throw new StepFailure(entity, e);
        }
    }

    private Done verify(Lane lane, EntityPlan entity, ContentHash copied) throws StepFailure {
        long started = System.currentTimeMillis();
        try {
            lane.beginStep();
            EntityVerifier.Result result = lane.verifier.verify(entity, copied);
            lane.endStep();
            return new Done(entity, false, lane, null, result, List.of(), System.currentTimeMillis() - started);
        } catch (SQLException | RuntimeException e) {
            throw new StepFailure(entity, e);
        }
    }

    private boolean hasLane() {
        return !idle.isEmpty() || opened.size() < maxLanes && maxLanes > 1;
    }

    /** An idle lane, or a newly opened one while fewer than {@code maxLanes} exist. */
    private Lane lane() throws SQLException {
        if (!idle.isEmpty()) {
            return idle.pop();
        }
        Lane lane = lanes.open();
        opened.add(lane);
        return lane;
    }

    /** The next finished step; a failed step is reported failed and its cause thrown. */
    private Done next(Set<EntityKey> running) throws SQLException {
        try {
            return completions.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StepFailure failure) {
                running.remove(failure.entity.key());
                listener.entityFailed(failure.entity, failure.getCause().getMessage());
                throw rethrown(failure.getCause());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while copying", "57014", e);
        }
    }

    /**
     * Ends the running steps and waits for them: closing the opened lanes ends their reads and writes, and
     * interrupting the threads ends a step that waits for its parallel streams (which then close theirs).
     */
    private void stop(Set<EntityKey> running) {
        opened.forEach(Lane::close);
        int neverStarted = threads == null ? 0 : threads.shutdownNow().size();
        for (int i = 0; i < running.size() - neverStarted; i++) {
            try {
                completions.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        running.clear();
    }

    private static SQLException rethrown(Throwable cause) {
        if (cause instanceof SQLException sql) {
            return sql;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(cause);
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        opened.forEach(Lane::close);
    }
}
