package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.SyncStats;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.sync.SyncCounts;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns engine progress into the contract's progress.json and writes it to the sinks: at once on every state change,
 * and for row counts at most once per {@code interval} (about every 2 s). A sink that fails (the API server briefly
 * unreachable) is reported on stderr and does not stop the copy.
 * <p>
 * An entity's {@code copiedRows} is live while it is {@code Copying} (rows sent in its open transaction), and the rows
 * its committed load wrote from {@code Copied} on. A load that fails is rolled back, so its entity ends {@code Failed}
 * with 0; one that fails its verification keeps the committed count. When the app fails, entities still
 * {@code Copying} were stopped and rolled back too: they go back to {@code Pending} with 0. The operator adds up only
 * committed rows (see the controller's AppProgress).
 */
final class ProgressReporter implements ProgressListener {

    private final Progress progress = new Progress();
    private final Map<String, EntityProgress> entities = new LinkedHashMap<>();
    private final List<ProgressSink> sinks;
    private final Clock clock;
    private final Duration interval;
    private final PrintStream log;
    private final List<String> warnings = new ArrayList<>();
    private Instant lastWrite = Instant.MIN;

    public ProgressReporter(String app, List<ProgressSink> sinks, Clock clock, Duration interval, PrintStream log) {
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.interval = interval;
        this.log = log;
        progress.setApp(app);
        progress.setState(JobState.Pending);
        progress.setEntities(new ArrayList<>());
    }

    public Progress progress() {
        return progress;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public synchronized void appStarted(String app, List<EntityPlan> planned) {
        progress.setState(JobState.Running);
        progress.setMessage(null); // no longer waiting
        for (EntityPlan e : planned) {
            entity(e).setState(EntityState.Pending);
        }
        flush();
    }

    @Override
    public synchronized void entityStarted(EntityPlan e, long sourceRows) {
        EntityProgress p = entity(e);
        p.setState(EntityState.Copying);
        p.setSourceRows(sourceRows);
        p.setCopiedRows(0L);
        flush();
    }

    @Override
    public synchronized void rowsCopied(EntityPlan e, long rows) {
        entity(e).setCopiedRows(rows);
        if (!clock.instant().isBefore(lastWrite.plus(interval))) {
            flush();
        }
    }

    @Override
    public synchronized void entitySynced(EntityPlan e, SyncCounts counts) {
        entity(e).setSync(new SyncStats(counts.rangesCompared(), counts.rangesRewritten(), counts.inserted(),
                counts.updated(), counts.deleted()));
    }

    @Override
    public synchronized void entityCopied(EntityPlan e, long rows, long millis) {
        EntityProgress p = entity(e);
        p.setState(EntityState.Copied);
        p.setCopiedRows(rows);
        p.setMs(millis);
        flush();
    }

    @Override
    public synchronized void entityVerified(EntityPlan e, long rows, String hash, long millis) {
        EntityProgress p = entity(e);
        p.setState(EntityState.Verified);
        p.setSourceRows(rows);
        p.setCopiedRows(rows);
        p.setHash(hash);
        p.setMs((p.getMs() == null ? 0 : p.getMs()) + millis);
        flush();
    }

    @Override
    public synchronized void entityFailed(EntityPlan e, String message) {
        EntityProgress p = entity(e);
        if (p.getState() != EntityState.Copied) {
            // the load failed: its transaction rolled back, nothing it sent is in the target
            p.setCopiedRows(0L);
        }
        p.setState(EntityState.Failed);
        p.setMessage(message);
        flush();
    }

    @Override
    public synchronized void warning(String message) {
        warnings.add(message);
        log.println("warning: " + message);
    }

    @Override
    public synchronized void appFinished(String app, boolean succeeded, String message) {
        if (!succeeded) {
            rollBackStoppedLoads();
        }
        progress.setState(succeeded ? JobState.Succeeded : JobState.Failed);
        progress.setMessage(message);
        flush();
    }

    /** The end users into ODC as this Job resolved them (written at once: the operator shows them in status). */
    public synchronized void users(UserCounts counts) {
        progress.setUsers(counts);
        flush();
    }

    /**
     * Connected and waiting for the operator's release (written at once: the operator stops the source environment
     * when every catch-up Job says so).
     */
    public synchronized void waiting(String message) {
        progress.setState(JobState.Waiting);
        progress.setMessage(message);
        flush();
    }

    /** Marks the Job failed before or outside the engine's own reporting (bad task, plan errors). */
    public synchronized void failed(String message) {
        rollBackStoppedLoads();
        progress.setState(JobState.Failed);
        progress.setMessage(message);
        flush();
    }

    /**
     * Loads still running when the app failed were stopped (their connections closed) and rolled back: they are not
     * copied, and a rerun loads them from the start.
     */
    private void rollBackStoppedLoads() {
        for (EntityProgress p : progress.getEntities()) {
            if (p.getState() == EntityState.Copying) {
                p.setState(EntityState.Pending);
                p.setCopiedRows(0L);
            }
        }
    }

    private EntityProgress entity(EntityPlan e) {
        return entities.computeIfAbsent(e.key().toString(), k -> {
            EntityProgress p = new EntityProgress();
            p.setName(e.name());
            progress.getEntities().add(p);
            return p;
        });
    }

    private void flush() {
        lastWrite = clock.instant();
        progress.setUpdatedAt(lastWrite.toString());
        String json = TaskFiles.toJson(progress);
        for (ProgressSink sink : sinks) {
            try {
                sink.write(Map.of(Contracts.PROGRESS_KEY, json));
            } catch (RuntimeException ex) {
                log.println("warning: progress not written (" + ex.getClass().getSimpleName() + ": "
                        + ex.getMessage() + ")");
            }
        }
    }
}
