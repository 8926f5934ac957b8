package dev.datamigration.engine.catalog;

import java.util.Locale;

/**
 * The identity of an entity across environments: (module SS_KEY, entity SS_KEY). Entity SS_Keys alone are not unique
 * (a cloned module copies them), and ids and physical names differ per environment. Keys compare case-insensitively
 * because GUID text may be stored in either case.
 */
public record EntityKey(String moduleKey, String entityKey) implements Comparable<EntityKey> {

    public EntityKey {
        moduleKey = moduleKey.trim().toLowerCase(Locale.ROOT);
        entityKey = entityKey.trim().toLowerCase(Locale.ROOT);
    }

    /** Stable text form used in checkpoints: {@code <module key>*<entity key>}. */
    @Override
    public String toString() {
        return moduleKey + "*" + entityKey;
    }

    @Override
    public int compareTo(EntityKey o) {
        return toString().compareTo(o.toString());
    }
}
