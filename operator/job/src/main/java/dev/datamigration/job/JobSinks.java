package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The progress sinks of a Job: a file (--progress-file, --plan-file) and the task's progress ConfigMap. */
final class JobSinks {

    private final List<ProgressSink> sinks = new ArrayList<>();
    private ConfigMapProgressSink configMap;

    public JobSinks(JobTask task, Path progressFile, Path planFile,
                    Supplier<Optional<KubernetesClient>> kubernetes) {
        Map<String, Path> files = new HashMap<>();
        if (progressFile != null) {
            files.put(Contracts.PROGRESS_KEY, progressFile);
        }
        if (planFile != null) {
            files.put(Contracts.PLAN_KEY, planFile);
        }
        if (!files.isEmpty()) {
            sinks.add(new FileProgressSink(files));
        }
        if (task.getProgressConfigMap() != null) {
            Optional<KubernetesClient> client = kubernetes.get();
            if (client.isPresent()) {
                String namespace = task.getNamespace() != null ? task.getNamespace() : client.get().getNamespace();
                configMap = new ConfigMapProgressSink(client.get(), namespace, task.getProgressConfigMap(),
                        task.getMigration(), task.getApp());
                sinks.add(configMap);
            }
        }
    }

    public List<ProgressSink> all() {
        return sinks;
    }

    /** The ConfigMap sink, when the task names one and a client could be built. */
    public Optional<ConfigMapProgressSink> configMap() {
        return Optional.ofNullable(configMap);
    }
}
