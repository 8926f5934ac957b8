package dev.datamigration.controller.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.progress.Totals;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.OperationLog;
import dev.datamigration.controller.status.Times;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The context of one reconcile of one DataMigration: the resource as read, the time of the reconcile, and the status
 * being rebuilt (a copy: the resource's own status stays as it was read). It neither writes nor calls anything; the
 * {@link StatusWriter} persists it and the steps get their collaborators from {@link RunServices}.
 */
public final class MigrationRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataMigration migration;
    private final Instant now;
    private final Phase startPhase;
    private final DataMigrationStatus status;
    private final Conditions conditions;

    public MigrationRun(DataMigration migration, Instant now) {
        this.migration = migration;
        this.now = now;
        DataMigrationStatus existing = migration.getStatus() == null ? new DataMigrationStatus()
                : migration.getStatus();
        this.status = JSON.convertValue(existing, DataMigrationStatus.class);
        this.conditions = Conditions.of(status.getConditions());
        this.startPhase = status.getPhase();
    }

    public DataMigration migration() {
        return migration;
    }

    public String uid() {
        return migration.getMetadata().getUid();
    }

    public String name() {
        return migration.getMetadata().getName();
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
        return PhaseTable.phase(startPhase, conditions);
    }

    public long generation() {
        Long generation = migration.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    public void set(ConditionType type, String conditionStatus, String reason, String message) {
        conditions.set(type, conditionStatus, reason, message, generation(), now);
    }

    /** The run's platform operations (status.operations). */
    public OperationLog operations() {
        if (status.getOperations() == null) {
            status.setOperations(new ArrayList<>());
        }
        return new OperationLog(status.getOperations());
    }

    public List<AppStatus> apps() {
        if (status.getApps() == null) {
            status.setApps(new ArrayList<>());
        }
        return status.getApps();
    }

    /** Fills the derived fields (conditions list, phase, totals, times, message) and returns the status to write. */
    DataMigrationStatus compose() {
        status.setConditions(conditions.toList());
        Phase phase = phase();
        status.setPhase(phase);
        status.setObservedGeneration(generation());
        Totals.apply(status);
        CutoverStatus.apply(status, conditions);
        if (phase.isTerminal() && status.getCompletedAt() == null) {
            status.setCompletedAt(Times.format(now));
        }
        if (status.getStartedAt() != null) {
            Instant end = status.getCompletedAt() == null ? now : Times.parse(status.getCompletedAt());
            status.setElapsed(Times.elapsed(Duration.between(Times.parse(status.getStartedAt()), end)));
        }
        status.setMessage(message(phase));
        if (status.getOperations() != null && status.getOperations().isEmpty()) {
            status.setOperations(null); // a run without downtime shows no operations field
        }
        return status;
    }

    /** One sentence: the outcome, or the failure being restored from, or the running step's message. */
    private String message(Phase phase) {
        Optional<Condition> outcome = conditions.get(ConditionType.Complete)
                .or(() -> conditions.get(ConditionType.Failed))
                .or(() -> conditions.get(ConditionType.Cancelled));
        if (outcome.isPresent()) {
            return outcome.get().getMessage();
        }
        if (phase == Phase.Pending) {
            return "Accepted";
        }
        ConditionType step = PhaseTable.step(phase).condition();
        if (phase == Phase.Restoring) {
            return PhaseTable.interruption(conditions).map(Condition::getMessage)
                    .or(() -> conditions.get(step).map(Condition::getMessage))
                    .orElse("Restoring the target apps");
        }
        return conditions.get(step).map(Condition::getMessage).orElse(phase.name());
    }
}
