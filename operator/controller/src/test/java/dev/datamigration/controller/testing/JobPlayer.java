package dev.datamigration.controller.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.PlannedEntity;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.task.UserCounts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the two parts the mock API server lacks: the copier in the Job's pod (writes the progress ConfigMap
 * {@code <job>-progress} with the Job's labels, progress.json and for plan Jobs plan.json) and the Job controller
 * (sets the Job's Complete or Failed condition, as a real cluster does after the pod exits 0 or 2).
 */
public final class JobPlayer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesClient client;
    private final String namespace;

    public JobPlayer(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Waits until the operator has created the Job, and returns it. */
    public Job awaitJob(String name) {
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> job(name) != null);
        return job(name);
    }

    public Job job(String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    }

    public List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
    }

    /** The plan Job succeeds with this plan. */
    public void finishPlan(String job, PlanReport plan) {
        Job planJob = awaitJob(job);
        Progress progress = new Progress();
        progress.setState(JobState.Succeeded);
        progress.setEntities(List.of());
        writeProgress(planJob, Map.of(Contracts.PROGRESS_KEY, json(progress), Contracts.PLAN_KEY, json(plan)));
        complete(planJob);
    }

    /** The plan Job fails (exit 2) with this message. */
    public void failPlan(String job, String message) {
        Job planJob = awaitJob(job);
        Progress progress = new Progress();
        progress.setState(JobState.Failed);
        progress.setMessage(message);
        writeProgress(planJob, Map.of(Contracts.PROGRESS_KEY, json(progress)));
        fail(planJob);
    }

    /** The copier reports these entities (name -> copied rows) Verified, and the Job completes. */
    public void succeedCopy(String job, String app, Map<String, Long> entities) {
        Job copyJob = awaitJob(job);
        Progress progress = progress(app, JobState.Succeeded, entities, null, null);
        writeProgress(copyJob, Map.of(Contracts.PROGRESS_KEY, json(progress)));
        complete(copyJob);
    }

    /** A running copy: these entities verified so far, the Job still runs. */
    public void reportProgress(String job, String app, Map<String, Long> verified) {
        Job copyJob = awaitJob(job);
        writeProgress(copyJob, Map.of(Contracts.PROGRESS_KEY, json(progress(app, JobState.Running, verified, null,
                null))));
    }

    /** A running copy that has resolved the end users into ODC (these counts) and verified these entities so far. */
    public void reportProgress(String job, String app, Map<String, Long> verified, UserCounts users) {
        Job copyJob = awaitJob(job);
        Progress progress = progress(app, JobState.Running, verified, null, null);
        progress.setUsers(users);
        writeProgress(copyJob, Map.of(Contracts.PROGRESS_KEY, json(progress)));
    }

    /**
     * A catch-up Job created before the source stops (awaitRelease): connected, it reports that it waits, as the
     * copier does before it polls for its release.
     */
    public void reportWaiting(String job, String app) {
        Job copyJob = awaitJob(job);
        Progress progress = progress(app, JobState.Waiting, Map.of(), null, null);
        progress.setMessage("checked and connected; waiting for the operator's release (it stops the source"
                + " environment first)");
        writeProgress(copyJob, Map.of(Contracts.PROGRESS_KEY, json(progress)));
    }

    /** The copier verifies {@code verified}, then fails permanently on {@code failedEntity} (exit code 2). */
    public void failCopy(String job, String app, Map<String, Long> verified, String failedEntity, String cause) {
        Job copyJob = awaitJob(job);
        Progress progress = progress(app, JobState.Failed, verified, failedEntity, cause);
        writeProgress(copyJob, Map.of(Contracts.PROGRESS_KEY, json(progress)));
        fail(copyJob);
    }

    private static Progress progress(String app, JobState state, Map<String, Long> verified, String failedEntity,
            String cause) {
        List<EntityProgress> entities = new ArrayList<>();
        verified.forEach((name, rows) -> {
            EntityProgress entity = new EntityProgress();
            entity.setName(name);
            entity.setState(EntityState.Verified);
            entity.setSourceRows(rows);
            entity.setCopiedRows(rows);
            entity.setHash("h-" + name);
            entity.setMs(10L);
            entities.add(entity);
        });
        Progress progress = new Progress();
        progress.setApp(app);
        progress.setState(state);
        if (failedEntity != null) {
            EntityProgress failed = new EntityProgress();
            failed.setName(failedEntity);
            failed.setState(EntityState.Failed);
            failed.setCopiedRows(0L);
            failed.setMessage(cause);
            entities.add(failed);
            progress.setMessage("entity " + failedEntity + " failed");
        }
        progress.setEntities(entities);
        progress.setUpdatedAt("2026-01-01T00:00:00Z");
        return progress;
    }

    private void writeProgress(Job job, Map<String, String> data) {
        String name = job.getMetadata().getName() + Contracts.PROGRESS_SUFFIX;
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(new LinkedHashMap<>(job.getMetadata().getLabels())).endMetadata()
                .withData(new HashMap<>(data))
                .build();
        client.resource(configMap).createOr(existing -> existing.update());
    }

    private void complete(Job job) {
        setCondition(job, "Complete", "Completed", "Job completed", 1, 0);
    }

    private void fail(Job job) {
        setCondition(job, "Failed", "PodFailurePolicy",
                "Container copier for pod " + job.getMetadata().getName() + "-x exited with code 2", 0, 1);
    }

    private void setCondition(Job job, String type, String reason, String message, int succeeded, int failed) {
        Job fresh = job(job.getMetadata().getName());
        fresh.setStatus(new JobStatusBuilder()
                .withSucceeded(succeeded)
                .withFailed(failed)
                .withConditions(new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
                        .withMessage(message).build())
                .build());
        client.resource(fresh).updateStatus();
    }

    /** A plan: each app with its wave and entities (name -> estimated rows). */
    public static PlanReport plan(PlannedApp... apps) {
        PlanReport plan = new PlanReport();
        plan.setApps(List.of(apps));
        plan.setWarnings(List.of());
        plan.setErrors(List.of());
        return plan;
    }

    public static PlannedApp app(String name, int wave, Map<String, Long> entities) {
        PlannedApp app = new PlannedApp();
        app.setName(name);
        app.setWave(wave);
        app.setDependsOn(List.of());
        List<PlannedEntity> planned = new ArrayList<>();
        entities.forEach((entity, rows) -> {
            PlannedEntity e = new PlannedEntity();
            e.setName(entity);
            e.setModule(name + "_CS");
            e.setEstimatedRows(rows);
            planned.add(e);
        });
        app.setEntities(planned);
        return app;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
