package dev.datamigration.cli.copy;

import dev.datamigration.api.task.Contracts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes documents into the Job's progress ConfigMap ({@code <job>-progress}), creating it with the contract labels
 * when missing and otherwise replacing only the given keys.
 */
public final class ConfigMapProgressSink implements ProgressSink {

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
                    .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
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

    /** Reads one key (null when the ConfigMap or the key is missing). */
    public String read(String key) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? null : cm.getData().get(key);
    }
}
