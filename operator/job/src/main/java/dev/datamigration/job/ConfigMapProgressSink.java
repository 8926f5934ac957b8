package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes documents into the Job's progress ConfigMap ({@code <job>-progress}), creating it with the contract labels
 * when missing and otherwise replacing only the given keys. A new ConfigMap takes the owner references of the Job's
 * task ConfigMap ({@code <job>-task}, owned by the DataMigration), so it is garbage-collected with the migration and a
 * later migration of the same name never resumes from its checkpoint.
 */
final class ConfigMapProgressSink implements ProgressSink {


    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Map<String, String> labels;

    public ConfigMapProgressSink(KubernetesClient client, String namespace, String name, String migration,
                                 String app) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        Map<String, String> l = new LinkedHashMap<>();
        l.put(Contracts.MANAGED_BY_LABEL, Contracts.MANAGED_BY);
        if (migration != null) {
            l.put(Contracts.MIGRATION_LABEL, migration);
        }
        if (app != null) {
            l.put(Contracts.APP_LABEL, app.replaceAll("[^A-Za-z0-9._-]", "-"));
        }
        this.labels = Map.copyOf(l);
    }

    @Override
    public void write(Map<String, String> documents) {
        var resource = client.configMaps().inNamespace(namespace).withName(name);
        ConfigMap existing = resource.get();
        if (existing == null) {
            client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                    .withOwnerReferences(taskOwners()).endMetadata()
                    .withData(new HashMap<>(documents)).build()).create();
        } else {
            resource.edit(cm -> {
                Map<String, String> data = cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
                data.putAll(documents);
                cm.setData(data);
                return cm;
            });
        }
    }

    /**
     * The Job's task ConfigMap ({@code <job>-task}) next to its progress ConfigMap {@code progressConfigMap}
     * ({@code <job>-progress}); empty for a name of another form.
     */
    static Optional<String> taskConfigMapOf(String progressConfigMap) {
        if (progressConfigMap == null || !progressConfigMap.endsWith(Contracts.PROGRESS_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(progressConfigMap.substring(0, progressConfigMap.length()
                - Contracts.PROGRESS_SUFFIX.length()) + Contracts.TASK_SUFFIX);
    }

    private List<OwnerReference> taskOwners() {
        Optional<String> task = taskConfigMapOf(name);
        if (task.isEmpty()) {
            return List.of();
        }
        ConfigMap taskConfigMap = client.configMaps().inNamespace(namespace).withName(task.get()).get();
        return taskConfigMap == null || taskConfigMap.getMetadata().getOwnerReferences() == null ? List.of()
                : taskConfigMap.getMetadata().getOwnerReferences();
    }

    /** Reads one key (null when the ConfigMap or the key is missing). */
    public String read(String key) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? null : cm.getData().get(key);
    }
}
