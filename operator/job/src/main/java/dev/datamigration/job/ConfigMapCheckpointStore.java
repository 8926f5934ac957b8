package dev.datamigration.job;

import dev.datamigration.engine.copy.Checkpoint;
import dev.datamigration.engine.copy.CheckpointCodec;
import dev.datamigration.engine.copy.CheckpointStore;
import java.util.Map;

/**
 * Keeps a copy Job's checkpoint in its progress ConfigMap (key {@value #KEY}), so a retried pod (a new pod of the
 * same Job) resumes where the failed one stopped. A ConfigMap update is atomic.
 */
public final class ConfigMapCheckpointStore implements CheckpointStore {

    public static final String KEY = "checkpoint.properties";

    private final ConfigMapProgressSink configMap;

    ConfigMapCheckpointStore(ConfigMapProgressSink configMap) {
        this.configMap = configMap;
    }

    @Override
    public Checkpoint load(String app) {
        return CheckpointCodec.decode(app, configMap.read(KEY), "in the progress ConfigMap");
    }

    @Override
    public void save(Checkpoint checkpoint) {
        configMap.write(Map.of(KEY, CheckpointCodec.encode(checkpoint)));
    }
}
