package dev.datamigration.engine.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A row of OSSYS_ENTITY with its attributes (active and inactive), as the metamodel of one side describes it. */
public record EntityDef(int id, EntityKey key, String name, ModuleDef module, String physicalTableName,
                        String primaryKeySsKey, boolean active, boolean system, String dataKind,
                        String eventTableName, List<AttributeDef> attributes) {

    public boolean isStatic() {
        return "staticEntity".equalsIgnoreCase(dataKind);
    }

    /** Application data in the sense of the guide: a server entity, active, not a system entity. */
    public boolean isCopyable() {
        return "entity".equalsIgnoreCase(dataKind) && active && !system;
    }

    public Optional<AttributeDef> identifier() {
        if (primaryKeySsKey == null) {
            return Optional.empty();
        }
        String pk = primaryKeySsKey.trim().toLowerCase(Locale.ROOT);
        return attributes.stream().filter(a -> a.key().equals(pk)).findFirst();
    }

    public List<AttributeDef> activeAttributes() {
        return attributes.stream().filter(AttributeDef::active).toList();
    }
}
