package dev.datamigration.engine.odc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each O11 entity of each app lives in an ODC stage (the {@code mapping.yaml} of
 * {@code spec.target.mapping.configMap}): ODC stages do not document their physical names, so they are mapped, never
 * derived. Built by {@link OdcMappingParser}, which checks its shape; {@link OdcModelCheck} checks it against the O11
 * catalog and the stage.
 */
public record OdcMapping(List<AppMapping> apps) {

    public OdcMapping {
        apps = List.copyOf(apps);
    }

    /** The mapping of O11 app {@code name}, if any. */
    public Optional<AppMapping> app(String name) {
        return apps.stream().filter(a -> a.app().equals(name)).findFirst();
    }

    /** One O11 app and the ODC app (asset) its entities were converted into. */
    public record AppMapping(String app, String odcApp, List<EntityMapping> entities) {

        public AppMapping {
            entities = List.copyOf(entities);
        }

        /** The mapping of O11 entity {@code module.entity}, if any (names compare exactly). */
        public Optional<EntityMapping> entity(String module, String entity) {
            return entities.stream().filter(e -> e.module().equals(module) && e.name().equals(entity)).findFirst();
        }
    }

    /**
     * One O11 entity ({@code Module.Entity}) and its stage table; {@code columns} names the columns that are not
     * {@link OdcNames#column the lower-cased attribute name}, by O11 attribute name.
     */
    public record EntityMapping(String entity, String table, Map<String, String> columns) {

        public EntityMapping {
            columns = Map.copyOf(columns);
        }

        /** The module part of {@code Module.Entity}. */
        public String module() {
            return entity.substring(0, entity.lastIndexOf('.'));
        }

        /** The entity part of {@code Module.Entity}. */
        public String name() {
            return entity.substring(entity.lastIndexOf('.') + 1);
        }

        /** The stage column of O11 attribute {@code attribute}: the mapped one, else the naming rule. */
        public String column(String attribute) {
            String mapped = columns.get(attribute);
            return mapped != null ? mapped : OdcNames.column(attribute);
        }
    }
}
