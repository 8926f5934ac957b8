package dev.datamigration.engine.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The O11 metamodel of one side (source or target) as the copier needs it: active applications, modules, active
 * entities of active modules (all data kinds, so references into other apps and system modules resolve), static
 * records, users and tenants, and the physical schema to resolve tables and columns.
 */
public record Catalog(String side, Map<String, AppDef> apps, Map<Integer, ModuleDef> modules,
                      Map<Integer, AppDef> appByModuleId, Map<EntityKey, EntityDef> entities,
                      Map<EntityKey, List<StaticRecord>> staticRecords, List<UserRecord> users,
                      Map<Long, String> tenantNames, PhysicalSchema schema) {

    public Optional<AppDef> appOf(EntityDef entity) {
        return Optional.ofNullable(appByModuleId.get(entity.module().id()));
    }

    /** "App.Entity" (or "Module.Entity" for an entity of a module outside every app) for messages. */
    public String label(EntityDef entity) {
        return appOf(entity).map(AppDef::name).orElse(entity.module().name()) + "." + entity.name();
    }

    /** The ServiceCenter User entity: references to it are remapped by username + tenant. */
    public boolean isUserEntity(EntityDef entity) {
        return entity.module().system() && "ServiceCenter".equalsIgnoreCase(entity.module().name())
                && "User".equalsIgnoreCase(entity.name());
    }

    /** The ServiceCenter Tenant entity: references to it are remapped by tenant name. */
    public boolean isTenantEntity(EntityDef entity) {
        return entity.module().system() && "ServiceCenter".equalsIgnoreCase(entity.module().name())
                && "Tenant".equalsIgnoreCase(entity.name());
    }
}
