package dev.datamigration.engine.copy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What of one app's copy is durably done: the wipe (app-level step) and, per entity (keyed by its
 * {@link dev.datamigration.engine.catalog.EntityKey} text), whether its load transaction committed (COPIED) and
 * whether it verified (VERIFIED, with rows and hash). A restarted copy skips verified entities, verifies copied ones
 * and redoes the rest.
 */
public final class Checkpoint {

    /** The durable state of one entity. */
    public enum Step { COPIED, VERIFIED }

    /** One entity's entry. */
    public record EntityEntry(Step step, long rows, String hash) {
    }

    private final String app;
    private boolean wipeDone;
    private final Map<String, EntityEntry> entities = new LinkedHashMap<>();

    public Checkpoint(String app) {
        this.app = app;
    }

    public String app() {
        return app;
    }

    public boolean wipeDone() {
        return wipeDone;
    }

    public void markWipeDone() {
        wipeDone = true;
    }

    public Map<String, EntityEntry> entities() {
        return entities;
    }

    public EntityEntry entity(String key) {
        return entities.get(key);
    }

    public void mark(String key, Step step, long rows, String hash) {
        entities.put(key, new EntityEntry(step, rows, hash));
    }
}
