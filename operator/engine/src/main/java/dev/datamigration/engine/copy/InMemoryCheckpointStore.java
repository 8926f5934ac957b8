package dev.datamigration.engine.copy;

import java.util.HashMap;
import java.util.Map;

/** A {@link CheckpointStore} for one process (runs that need no resume across processes, and tests). */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Checkpoint> saved = new HashMap<>();

    @Override
    public synchronized Checkpoint load(String app) {
        Checkpoint stored = saved.get(app);
        Checkpoint copy = new Checkpoint(app);
        if (stored != null) {
            if (stored.wipeDone()) {
                copy.markWipeDone();
            }
            stored.entities().forEach((k, e) -> copy.mark(k, e.step(), e.rows(), e.hash()));
        }
        return copy;
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
        Checkpoint copy = new Checkpoint(checkpoint.app());
        if (checkpoint.wipeDone()) {
            copy.markWipeDone();
        }
        checkpoint.entities().forEach((k, e) -> copy.mark(k, e.step(), e.rows(), e.hash()));
        saved.put(checkpoint.app(), copy);
    }
}
