package dev.datamigration.controller.progress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.Progress;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads progress.json and plan.json from a Job's progress ConfigMap. A document that does not parse is treated as
 * absent (and logged): a half-written progress never fails a run, the Job's own outcome decides.
 */
public final class ProgressReader {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReader.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProgressReader() {
    }

    public static Optional<Progress> progress(ConfigMap configMap) {
        return read(configMap, Contracts.PROGRESS_KEY, Progress.class);
    }

    public static Optional<PlanReport> plan(ConfigMap configMap) {
        return read(configMap, Contracts.PLAN_KEY, PlanReport.class);
    }

    private static <T> Optional<T> read(ConfigMap configMap, String key, Class<T> type) {
        if (configMap == null || configMap.getData() == null || configMap.getData().get(key) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(configMap.getData().get(key), type));
        } catch (IOException e) {
            LOG.warn("{} in ConfigMap {}/{} does not parse: {}", key, configMap.getMetadata().getNamespace(),
                    configMap.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
