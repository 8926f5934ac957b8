package dev.datamigration.devtools.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the copier's per-entity progress the way the operator does: from each app Job's progress ConfigMap
 * ({@code <job>-progress}, key {@code progress.json}) on the API server.
 */
final class JobProgress implements Function<DataMigration, Map<String, Progress>>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path kubeconfig;
    private KubernetesClient client;

    /** @param kubeconfig the kubeconfig local mode writes for its API server (read on first use) */
    JobProgress(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The progress document of every app whose Job has written one, by app name. */
    @Override
    public synchronized Map<String, Progress> apply(DataMigration migration) {
        Map<String, Progress> progress = new LinkedHashMap<>();
        if (migration.getStatus() == null || migration.getStatus().getApps() == null) {
            return progress;
        }
        for (AppStatus app : migration.getStatus().getApps()) {
            if (app.getJob() == null) {
                continue;
            }
            String name = app.getJob() + Contracts.PROGRESS_SUFFIX;
            ConfigMap configMap = client().configMaps().inNamespace(migration.getMetadata().getNamespace())
                    .withName(name).get();
            if (configMap == null || configMap.getData() == null
                    || !configMap.getData().containsKey(Contracts.PROGRESS_KEY)) {
                continue;
            }
            progress.put(app.getName(), parse(name, configMap.getData().get(Contracts.PROGRESS_KEY)));
        }
        return progress;
    }

    private KubernetesClient client() {
        if (client == null) {
            try {
                String config = Files.readString(kubeconfig, StandardCharsets.UTF_8);
                client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(config)).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local API server's kubeconfig " + kubeconfig, e);
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    static Progress parse(String configMap, String json) {
        try {
            return JSON.readValue(json, Progress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ConfigMap " + configMap + " holds no valid " + Contracts.PROGRESS_KEY
                    + ": " + e.getOriginalMessage(), e);
        }
    }
}
