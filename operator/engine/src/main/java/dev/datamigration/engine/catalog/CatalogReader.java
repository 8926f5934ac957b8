package dev.datamigration.engine.catalog;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metamodel of one database. The queries use unquoted OSSYS names (each engine folds them to its own case)
 * and no boolean literals (bit, boolean and NUMBER(1) all read through getBoolean); filtering happens here in Java.
 * OSSYS_ENTITY_ATTR.DEFAULT_VALUE is read only when the column exists (it is not a documented column).
 */
public final class CatalogReader {

    private final Dialect dialect;

    public CatalogReader(Dialect dialect) {
        this.dialect = dialect;
    }

    public Catalog read(Connection connection, String side) throws SQLException {
        PhysicalSchema schema = PhysicalSchema.load(connection, dialect);
        Map<Integer, ModuleDef> modules = readModules(connection);
        Map<String, AppDef> apps = new LinkedHashMap<>();
        Map<Integer, AppDef> appByModule = readApps(connection, apps);
        boolean hasDefault = schema.table("OSSYS_ENTITY_ATTR")
                .flatMap(t -> t.column("DEFAULT_VALUE")).isPresent();
        Map<Integer, List<AttributeDef>> attributes = readAttributes(connection, hasDefault);
        Map<EntityKey, EntityDef> entities = readEntities(connection, side, modules, attributes);
        Map<EntityKey, List<StaticRecord>> records = readRecords(connection, modules);
        Map<Long, String> tenants = new HashMap<>();
        query(connection, "SELECT ID, NAME FROM OSSYS_TENANT", rs -> tenants.put(rs.getLong(1), rs.getString(2)));
        List<UserRecord> users = new ArrayList<>();
        query(connection, "SELECT ID, TENANT_ID, USERNAME FROM OSSYS_USER",
                rs -> users.add(new UserRecord(rs.getLong(1), rs.getLong(2), rs.getString(3))));
        return new Catalog(side, apps, modules, appByModule, entities, records, users, tenants, schema);
    }

    private Map<Integer, ModuleDef> readModules(Connection c) throws SQLException {
        Map<Integer, ModuleDef> modules = new HashMap<>();
        query(c, "SELECT ID, NAME, SS_KEY, IS_ACTIVE, IS_SYSTEM FROM OSSYS_ESPACE", rs -> modules.put(rs.getInt(1),
                new ModuleDef(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5))));
        return modules;
    }

    /** Active apps and, for every active module of an active app, that app. Extensions (no ESPACE_ID) drop out. */
    private Map<Integer, AppDef> readApps(Connection c, Map<String, AppDef> apps) throws SQLException {
        Map<Integer, Integer> espaceOfModule = new HashMap<>();
        query(c, "SELECT ID, ESPACE_ID FROM OSSYS_MODULE", rs -> {
            int espace = rs.getInt(2);
            if (!rs.wasNull()) {
                espaceOfModule.put(rs.getInt(1), espace);
            }
        });
        Map<Integer, List<Integer>> espacesOfApp = new HashMap<>();
        query(c, "SELECT APPLICATION_ID, MODULE_ID FROM OSSYS_APP_DEFINITION_MODULE", rs -> {
            Integer espace = espaceOfModule.get(rs.getInt(2));
            if (espace != null) {
                espacesOfApp.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(espace);
            }
        });
        Map<Integer, AppDef> appByModule = new HashMap<>();
        query(c, "SELECT ID, NAME, SS_KEY, IS_ACTIVE FROM OSSYS_APPLICATION ORDER BY NAME", rs -> {
            if (rs.getBoolean(4)) {
                AppDef app = new AppDef(rs.getInt(1), rs.getString(2), rs.getString(3),
                        List.copyOf(espacesOfApp.getOrDefault(rs.getInt(1), List.of())));
                apps.put(app.name(), app);
                app.moduleIds().forEach(m -> appByModule.put(m, app));
            }
        });
        return appByModule;
    }

    private Map<Integer, List<AttributeDef>> readAttributes(Connection c, boolean hasDefault) throws SQLException {
        Map<Integer, List<AttributeDef>> byEntity = new HashMap<>();
        String sql = "SELECT ID, ENTITY_ID, NAME, SS_KEY, TYPE, LENGTH, DECIMALS, IS_MANDATORY, IS_AUTONUMBER,"
                + " DELETE_RULE, IS_ACTIVE" + (hasDefault ? ", DEFAULT_VALUE" : "") + " FROM OSSYS_ENTITY_ATTR ORDER BY ID";
        query(c, sql, rs -> {
            Integer length = rs.getInt(6);
            if (rs.wasNull()) {
                length = null;
            }
            Integer decimals = rs.getInt(7);
            if (rs.wasNull()) {
                decimals = null;
            }
            AttributeDef attr = new AttributeDef(rs.getInt(1), rs.getString(3), rs.getString(4),
                    AttributeType.parse(rs.getString(5)), length, decimals, rs.getBoolean(8), rs.getBoolean(9),
                    rs.getString(10), rs.getBoolean(11), hasDefault ? rs.getString(12) : null);
            byEntity.computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(attr);
        });
        return byEntity;
    }

    private Map<EntityKey, EntityDef> readEntities(Connection c, String side, Map<Integer, ModuleDef> modules,
                                                   Map<Integer, List<AttributeDef>> attributes) throws SQLException {
        Map<EntityKey, EntityDef> entities = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        query(c, "SELECT ID, NAME, PHYSICAL_TABLE_NAME, ESPACE_ID, SS_KEY, PRIMARYKEY_SS_KEY, IS_ACTIVE, IS_SYSTEM,"
                + " DATA_KIND, EVENT_TABLE_NAME FROM OSSYS_ENTITY ORDER BY ID", rs -> {
            ModuleDef module = modules.get(rs.getInt(4));
            if (module == null || !module.active() || !rs.getBoolean(7)) {
                return;
            }
            EntityKey key = new EntityKey(module.ssKey(), rs.getString(5));
            EntityDef entity = new EntityDef(rs.getInt(1), key, rs.getString(2), module, rs.getString(3),
                    rs.getString(6), true, rs.getBoolean(8), rs.getString(9), rs.getString(10),
                    List.copyOf(attributes.getOrDefault(rs.getInt(1), List.of())));
            if (entities.putIfAbsent(key, entity) != null) {
                duplicates.add(module.name() + "." + entity.name());
            }
        });
        if (!duplicates.isEmpty()) {
            throw MigrationException.permanent("the " + side + " metamodel has two active entities with the same"
                    + " (module, entity) SS_KEY: " + duplicates);
        }
        return entities;
    }

    private Map<EntityKey, List<StaticRecord>> readRecords(Connection c, Map<Integer, ModuleDef> modules)
            throws SQLException {
        Map<EntityKey, List<StaticRecord>> records = new HashMap<>();
        query(c, "SELECT DATA_ID, NAME, SS_KEY, ENTITY_SS_KEY, ESPACE_ID, IS_ACTIVE FROM OSSYS_ENTITY_RECORD", rs -> {
            ModuleDef module = modules.get(rs.getInt(5));
            if (module == null) {
                return;
            }
            EntityKey entity = new EntityKey(module.ssKey(), rs.getString(4));
            records.computeIfAbsent(entity, k -> new ArrayList<>()).add(new StaticRecord(entity,
                    rs.getString(3).trim().toLowerCase(java.util.Locale.ROOT), rs.getString(2),
                    rs.getString(1).trim(), rs.getBoolean(6)));
        });
        return records;
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        }
    }
}
