package dev.datamigration.engine.copy;

/**
 * Durable storage of one app's {@link Checkpoint}. {@link #save} is called after every step that committed (the wipe,
 * each entity's load, each verification); it must be atomic (a crash leaves the previous or the new state, never a
 * torn one). {@link #load} returns an empty checkpoint when none was saved.
 */
public interface CheckpointStore {

    Checkpoint load(String app);

    void save(Checkpoint checkpoint);
}
