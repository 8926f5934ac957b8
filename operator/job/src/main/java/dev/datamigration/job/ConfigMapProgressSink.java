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

/**
 * Writes documents into the Job's progress ConfigMap ({@code <job>-progress}), creating it with the contract labels
 * when missing and otherwise replacing only the given keys. A new ConfigMap takes the owner references of the Job's
 * task ConfigMap ({@code <job>-task}, owned by the DataMigration), so it is garbage-collected with the migration and a
 * later migration of the same name never resumes from its checkpoint.
 */
final class ConfigMapProgressSink implements ProgressSink {

    /** Suffix of the Job's task ConfigMap, next to {@link Contracts#PROGRESS_SUFFIX}. */
    static final String TASK_SUFFIX = Contracts.TASK_SUFFIX;

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

    private List<OwnerReference> taskOwners() {
        if (!name.endsWith(Contracts.PROGRESS_SUFFIX)) {
            return List.of();
        }
        String task = name.substring(0, name.length() - Contracts.PROGRESS_SUFFIX.length()) + TASK_SUFFIX;
        ConfigMap taskConfigMap = client.configMaps().inNamespace(namespace).withName(task).get();
        return taskConfigMap == null || taskConfigMap.getMetadata().getOwnerReferences() == null ? List.of()
                : taskConfigMap.getMetadata().getOwnerReferences();
    }

    /** Reads one key (null when the ConfigMap or the key is missing). */
    public String read(String key) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? null : cm.getData().get(key);
    }
}
