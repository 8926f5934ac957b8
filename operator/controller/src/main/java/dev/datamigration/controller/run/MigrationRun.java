package dev.datamigration.controller.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.SourceStatus;
import dev.datamigration.api.v1alpha1.TargetStatus;
import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.controller.events.EventRecorder;
import dev.datamigration.controller.metrics.MigrationMetrics;
import dev.datamigration.controller.platform.PlatformSession;
import dev.datamigration.controller.progress.Totals;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.PhaseResolver;
import dev.datamigration.controller.status.Times;
import dev.datamigration.controller.validation.EnvironmentValidator;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reconcile of one DataMigration: the status being rebuilt, the collaborators the steps use, and the writes.
 * {@link #checkpoint()} persists the status before a side effect (and puts the written version into JOSDK's
 * cache, so the next reconcile sees it even before the informer does); {@link #finish()} writes the status at the
 * end, only when something other than the elapsed time changed.
 */
public final class MigrationRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Context<DataMigration> context;
    private final Instant now;
    private final Phase startPhase;
    private DataMigration current;
    private JsonNode written;
    final DataMigrationStatus status;
    final Conditions conditions;
    final EventRecorder events;
    final MigrationMetrics metrics;
    final PlatformSession platform;
    final JobControl jobs;
    final OperatorSettings settings;
    final PlatformRetries retries;
    final EnvironmentValidator validator;

    public MigrationRun(DataMigration migration, Context<DataMigration> context, Instant now, EventRecorder events,
            MigrationMetrics metrics, PlatformSession platform, JobControl jobs, OperatorSettings settings,
            PlatformRetries retries, EnvironmentValidator validator) {
        this.context = context;
        this.now = now;
        this.current = migration;
        this.events = events;
        this.metrics = metrics;
        this.platform = platform;
        this.jobs = jobs;
        this.settings = settings;
        this.retries = retries;
        this.validator = validator;
        DataMigrationStatus existing = migration.getStatus() == null ? new DataMigrationStatus()
                : migration.getStatus();
        this.written = comparable(existing);
        this.status = JSON.convertValue(existing, DataMigrationStatus.class);
        this.conditions = Conditions.of(status.getConditions());
        this.startPhase = status.getPhase();
    }

    public DataMigration migration() {
        return current;
    }

    public String uid() {
        return current.getMetadata().getUid();
    }

    public String name() {
        return current.getMetadata().getName();
    }

    public Instant now() {
        return now;
    }

    public DataMigrationStatus status() {
        return status;
    }

    public Conditions conditions() {
        return conditions;
    }

    /** The phase the conditions say, never leaving a terminal phase the run had when this reconcile began. */
    public Phase phase() {
        return PhaseResolver.resolve(startPhase, conditions);
    }

    public long generation() {
        Long generation = current.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    public void set(ConditionType type, String conditionStatus, String reason, String message) {
        conditions.set(type, conditionStatus, reason, message, generation(), now);
    }

    public SourceStatus source() {
        if (status.getSource() == null) {
            status.setSource(new SourceStatus());
        }
        return status.getSource();
    }

    public TargetStatus target() {
        TargetStatus target = status.getTarget();
        if (target == null) {
            target = new TargetStatus();
            status.setTarget(target);
        }
        if (target.getUndeployRequested() == null) {
            target.setUndeployRequested(new ArrayList<>());
        }
        if (target.getUndeployedApps() == null) {
            target.setUndeployedApps(new ArrayList<>());
        }
        if (target.getRedeployRequested() == null) {
            target.setRedeployRequested(new ArrayList<>());
        }
        if (target.getRedeployedApps() == null) {
            target.setRedeployedApps(new ArrayList<>());
        }
        if (target.getOperations() == null) {
            target.setOperations(new LinkedHashMap<>());
        }
        return target;
    }

    /** Pending platform operations, keyed "stop:&lt;environment&gt;", "undeploy:&lt;app&gt;", "redeploy:&lt;app&gt;". */
    public Map<String, String> operations() {
        return target().getOperations();
    }

    public List<AppStatus> apps() {
        if (status.getApps() == null) {
            status.setApps(new ArrayList<>());
        }
        return status.getApps();
    }

    /** Persists the status now: called before every platform side effect, so a restart knows the intent. */
    public void checkpoint() {
        compose();
        write();
    }

    /** Fills the derived fields and writes the status when it differs from the last written one. */
    public void finish() {
        compose();
        if (!comparable(status).equals(written)) {
            write();
        }
    }

    /** The phase the status will show, and metrics follow it. */
    private void compose() {
        status.setConditions(conditions.toList());
        Phase phase = phase();
        status.setPhase(phase);
        status.setObservedGeneration(generation());
        Totals.apply(status);
        if (phase.isTerminal() && status.getCompletedAt() == null) {
            status.setCompletedAt(Times.format(now));
        }
        if (status.getStartedAt() != null) {
            Instant end = status.getCompletedAt() == null ? now : Times.parse(status.getCompletedAt());
            status.setElapsed(Times.elapsed(Duration.between(Times.parse(status.getStartedAt()), end)));
        }
        status.setMessage(message(phase));
        if (status.getTarget() != null && status.getTarget().getOperations() != null
                && status.getTarget().getOperations().isEmpty()) {
            status.getTarget().setOperations(null);
        }
    }

    private void write() {
        DataMigrationStatus toWrite = JSON.convertValue(status, DataMigrationStatus.class);
        DataMigration base = context.getClient().getKubernetesSerialization().clone(current);
        current = PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(base, context, resource -> {
            resource.setStatus(toWrite);
            return resource;
        });
        written = comparable(status);
    }

    /** The status as JSON without the elapsed time, which alone never justifies a write. */
    private static JsonNode comparable(DataMigrationStatus status) {
        ObjectNode tree = JSON.valueToTree(status);
        tree.remove("elapsed");
        return tree;
    }

    /** One sentence: the outcome, or the failure being restored from, or the running step's message. */
    private String message(Phase phase) {
        Optional<Condition> outcome = conditions.get(ConditionType.Complete)
                .or(() -> conditions.get(ConditionType.Failed))
                .or(() -> conditions.get(ConditionType.Cancelled));
        if (outcome.isPresent()) {
            return outcome.get().getMessage();
        }
        if (phase == Phase.Restoring) {
            return conditions.interruption().map(Condition::getMessage)
                    .or(() -> conditions.get(ConditionType.Restored).map(Condition::getMessage))
                    .orElse("Restoring the target apps");
        }
        for (ConditionType step : ConditionType.STEPS) {
            if (step.phase() == phase) {
                return conditions.get(step).map(Condition::getMessage).orElse(phase.name());
            }
        }
        return "Accepted";
    }
}
