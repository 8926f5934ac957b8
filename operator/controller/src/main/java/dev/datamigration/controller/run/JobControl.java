package dev.datamigration.controller.run;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.controller.jobs.JobFactory;
import dev.datamigration.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Jobs and ConfigMaps of one migration as this reconcile sees them: from the informer caches first, from the
 * API server when the cache has not caught up yet (a Job created a moment ago, a progress write racing the Job's
 * completion). Creation is create-only and tolerates "already exists" (a previous reconcile got there first).
 */
public final class JobControl {

    private final Context<DataMigration> context;
    private final KubernetesClient client;
    private final JobFactory factory;
    private final String namespace;

    public JobControl(Context<DataMigration> context, JobFactory factory, String namespace) {
        this.context = context;
        this.client = context.getClient();
        this.factory = factory;
        this.namespace = namespace;
    }

    public Optional<Job> job(String name) {
        Optional<Job> cached = cached(Job.class, name);
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** A Job's progress ConfigMap; {@code fresh} reads the API server (used once the Job has finished). */
    public Optional<ConfigMap> progress(String job, boolean fresh) {
        String name = ResourceNames.progressConfigMap(job);
        if (fresh) {
            return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
        }
        return cached(ConfigMap.class, name);
    }

    /** Writes the task ConfigMap, then the Job that mounts it. */
    public void create(DataMigration migration, String job, JobTask task) {
        createIfAbsent(factory.taskConfigMap(migration, job, task));
        createIfAbsent(factory.job(migration, job, task));
    }

    /**
     * Lets a Job created with {@code awaitRelease} run: adds {@link Contracts#RELEASE_KEY} (the time, {@code at}) to its
     * task ConfigMap, which the Job polls. Idempotent; false when the task ConfigMap does not exist.
     */
    public boolean release(String job, String at) {
        var taskConfigMap = client.configMaps().inNamespace(namespace).withName(ResourceNames.taskConfigMap(job));
        ConfigMap task = taskConfigMap.get();
        if (task == null) {
            return false;
        }
        if (task.getData() == null || !task.getData().containsKey(Contracts.RELEASE_KEY)) {
            taskConfigMap.edit(cm -> {
                Map<String, String> data = cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
                data.putIfAbsent(Contracts.RELEASE_KEY, at);
                cm.setData(data);
                return cm;
            });
        }
        return true;
    }

    /** Stops a Job: its pods go with it (background propagation). */
    public void delete(String job) {
        client.batch().v1().jobs().inNamespace(namespace).withName(job)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private void createIfAbsent(HasMetadata resource) {
        try {
            client.resource(resource).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    private <R extends HasMetadata> Optional<R> cached(Class<R> type, String name) {
        return context.getSecondaryResources(type).stream()
                .filter(resource -> name.equals(resource.getMetadata().getName()))
                .findFirst();
    }
}
