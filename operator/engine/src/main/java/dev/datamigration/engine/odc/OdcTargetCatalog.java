package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.catalog.PhysicalSchema;
import dev.datamigration.engine.plan.TargetColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target side of an O11 to ODC plan, in the shape the {@link dev.datamigration.engine.plan.Planner} plans with:
 * an ODC stage has no metamodel, so the O11 catalog stands in for it, with each mapped entity moved to its stage table
 * and each reference made constrained exactly when the stage has a foreign key on its column (that, not the O11 Delete
 * Rule, is what orders the loads in the stage). Entities keep their O11 keys, so source and target pair one to one.
 * The stage has no users, tenants or event tables.
 */
public final class OdcTargetCatalog {

    private OdcTargetCatalog() {
    }

    /** The stand-in catalog over {@code stageSchema}; {@code resolved} are the mapped entities with their tables. */
    public static Catalog build(Catalog source, Map<EntityKey, OdcModelCheck.Resolved> resolved,
                                PhysicalSchema stageSchema) {
        Map<EntityKey, EntityDef> entities = new LinkedHashMap<>();
        for (EntityDef e : source.entities().values()) {
            OdcModelCheck.Resolved r = resolved.get(e.key());
            if (r == null || r.table() == null) {
                entities.put(e.key(), new EntityDef(e.id(), e.key(), e.name(), e.module(), e.physicalTableName(),
                        e.primaryKeySsKey(), e.active(), e.system(), e.dataKind(), null, e.attributes()));
                continue;
            }
            List<AttributeDef> attributes = e.attributes().stream().map(a -> {
                if (!a.type().isReference()) {
                    return a;
                }
                boolean foreignKey = r.table().foreignKey(r.mapping().column(a.name())).isPresent();
                return new AttributeDef(a.id(), a.name(), a.ssKey(), a.type(), a.length(), a.decimals(),
                        a.mandatory(), a.autoNumber(), foreignKey ? "Protect" : "Ignore", a.active(),
                        a.defaultValue());
            }).toList();
            entities.put(e.key(), new EntityDef(e.id(), e.key(), e.name(), e.module(), r.table().name(),
                    e.primaryKeySsKey(), e.active(), e.system(), e.dataKind(), null, attributes));
        }
        return new Catalog("target", source.apps(), source.modules(), source.appByModuleId(), Map.copyOf(entities),
                Map.of(), List.of(), Map.of(), stageSchema);
    }

    /** The stage column of each attribute: the mapping's, else the attribute name (for entities never loaded). */
    public static TargetColumns columns(Map<EntityKey, OdcModelCheck.Resolved> resolved) {
        return (entity, attribute) -> {
            OdcModelCheck.Resolved r = resolved.get(entity.key());
            return r == null ? attribute.name() : r.mapping().column(attribute.name());
        };
    }
}
