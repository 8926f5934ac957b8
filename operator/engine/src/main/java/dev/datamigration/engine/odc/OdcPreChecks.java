package dev.datamigration.engine.odc;

import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.PhysicalTable;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.Values;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The limits ODC documents for migrated data (reference/outsystems.md §4, S22), checked on the O11 source in the plan,
 * read-only: binary values over 20 MB and text over 100,000,000 characters (entity, attribute, row ids); rows of
 * multi-tenant entities in other tenants than the default one (tenant names, row counts); static entities with an
 * auto-number identifier; Date and Date Time values outside ODC's range 1900-01-01 to 3000-12-31. Every finding is
 * listed (at most {@value #SAMPLES} row ids each, with the count). The length checks filter on the server
 * ({@link Dialect#lengthSql}), so only offending rows travel.
 */
public final class OdcPreChecks {

    /** ODC's limit for one binary value: 20 MB. */
    public static final long MAX_BINARY_BYTES = 20L * 1024 * 1024;
    /** ODC's limit for one text value. */
    public static final long MAX_TEXT_CHARS = 100_000_000L;
    /** ODC's Date and Date Time range. */
    public static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(3000, 12, 31);
    /** The tenant whose data ODC takes: the default tenant of the Users provider (inferred: outsystems.md §2.2). */
    public static final String DEFAULT_TENANT = "Users";

    private static final int SAMPLES = 10;
    /** O11 text attributes up to this length are bounded columns and cannot exceed the text limit. */
    private static final int BOUNDED_TEXT = 2000;
    private static final String TENANT_COLUMN = "TENANT_ID";

    private final Catalog catalog;
    private final Connection source;
    private final Dialect dialect;
    private final List<String> errors = new ArrayList<>();
    /** The O11 name of the identifier of the entity being checked, for row ids in messages. */
    private String idName;

    private OdcPreChecks(Catalog catalog, Connection source, Dialect dialect) {
        this.catalog = catalog;
        this.source = source;
        this.dialect = dialect;
    }

    /** Runs every check over {@code entities} (the O11 entities the run brings to ODC); returns the findings. */
    public static List<String> run(Catalog catalog, Connection source, Dialect dialect,
                                   Collection<EntityDef> entities) throws SQLException {
        OdcPreChecks checks = new OdcPreChecks(catalog, source, dialect);
        try {
            for (EntityDef entity : entities) {
                checks.check(entity);
            }
        } finally {
            if (!source.getAutoCommit()) {
                source.rollback();
            }
        }
        return List.copyOf(checks.errors);
    }

    private void check(EntityDef entity) throws SQLException {
        String label = entity.module().name() + "." + entity.name();
        Optional<AttributeDef> identifier = entity.identifier();
        if (entity.isStatic()) {
            if (identifier.isPresent() && identifier.get().autoNumber()) {
                errors.add(label + ": static entity with an auto-number identifier (" + identifier.get().name()
                        + "): ODC cannot migrate it; turn Is AutoNumber off in O11 first");
            }
            return;
        }
        Optional<PhysicalTable> table = catalog.schema().table(entity.physicalTableName());
        if (table.isEmpty() || identifier.isEmpty()) {
            return;
        }
        Optional<PhysicalColumn> id = table.get().column(identifier.get().name());
        if (id.isEmpty()) {
            return;
        }
        idName = identifier.get().name();
        for (AttributeDef a : entity.activeAttributes()) {
            Optional<PhysicalColumn> column = table.get().column(a.name());
            if (column.isEmpty() || a.type().isReference()) {
                continue;
            }
            String type = a.type().basicType();
            if ("rtBinaryData".equals(type)) {
                tooLong(label, a, table.get().name(), id.get(), column.get(), ValueKind.BINARY, MAX_BINARY_BYTES,
                        "binary values over 20 MB (" + MAX_BINARY_BYTES + " bytes)", "bytes");
            } else if ("rtText".equals(type) && (a.length() == null || a.length() > BOUNDED_TEXT)) {
                tooLong(label, a, table.get().name(), id.get(), column.get(), ValueKind.TEXT, MAX_TEXT_CHARS,
                        "text over 100,000,000 characters", "characters");
            } else if ("rtDate".equals(type) || "rtDateTime".equals(type)) {
                outOfRange(label, a, table.get().name(), id.get(), column.get());
            }
        }
        table.get().column(TENANT_COLUMN).ifPresent(c -> tenants(label, table.get().name(), c));
    }

    private void tooLong(String label, AttributeDef a, String table, PhysicalColumn id, PhysicalColumn column,
                         ValueKind kind, long limit, String what, String unit) throws SQLException {
        String length = dialect.lengthSql(dialect.quote(column.name()), kind);
        String sql = "SELECT " + dialect.quote(id.name()) + ", " + length + " FROM " + dialect.quote(table)
                + " WHERE " + length + " > ? ORDER BY " + dialect.quote(id.name());
        List<String> samples = new ArrayList<>();
        long count = 0;
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            ps.setLong(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (++count <= SAMPLES) {
                        samples.add(idName + "=" + rs.getString(1) + " (" + rs.getLong(2)
                                + " " + unit + ")");
                    }
                }
            }
        }
        if (count > 0) {
            errors.add(label + "." + a.name() + ": " + what + " in " + count + " row(s): "
                    + String.join(", ", samples) + (count > SAMPLES ? ", ..." : ""));
        }
    }

    private void outOfRange(String label, AttributeDef a, String table, PhysicalColumn id, PhysicalColumn column)
            throws SQLException {
        String sql = "SELECT " + dialect.quote(id.name()) + ", " + dialect.quote(column.name()) + " FROM "
                + dialect.quote(table) + " WHERE " + dialect.quote(column.name()) + " < ? OR "
                + dialect.quote(column.name()) + " >= ? ORDER BY " + dialect.quote(id.name());
        List<String> samples = new ArrayList<>();
        long count = 0;
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            Object low = column.kind() == ValueKind.DATE ? MIN_DATE : MIN_DATE.atStartOfDay();
            Object high = column.kind() == ValueKind.DATE ? MAX_DATE.plusDays(1)
                    : MAX_DATE.plusDays(1).atStartOfDay();
            dialect.bind(ps, 1, low, column.kind());
            dialect.bind(ps, 2, high, column.kind());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (++count <= SAMPLES) {
                        Object value = dialect.readValue(rs, 2, column.kind());
                        samples.add(idName + "=" + rs.getString(1) + " (" + Values.display(value instanceof
                                LocalDateTime t && "rtDate".equals(a.type().basicType()) ? t.toLocalDate() : value)
                                + ")");
                    }
                }
            }
        }
        if (count > 0) {
            String type = "rtDate".equals(a.type().basicType()) ? "Date" : "Date Time";
            errors.add(label + "." + a.name() + ": " + type + " values outside ODC's range 1900-01-01 to 3000-12-31"
                    + " in " + count + " row(s): " + String.join(", ", samples) + (count > SAMPLES ? ", ..." : ""));
        }
    }

    private void tenants(String label, String table, PhysicalColumn column) {
        Map<String, Long> others = new TreeMap<>();
        String sql = "SELECT " + dialect.quote(column.name()) + ", COUNT(*) FROM " + dialect.quote(table)
                + " GROUP BY " + dialect.quote(column.name());
        try (PreparedStatement ps = source.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long tenant = rs.getLong(1);
                String name = rs.wasNull() ? "(no tenant)" : catalog.tenantNames().getOrDefault(tenant,
                        "#" + tenant);
                if (!DEFAULT_TENANT.equals(name)) {
                    others.merge(name, rs.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            errors.add(label + ": the tenants of its rows cannot be read: " + e.getMessage());
            return;
        }
        if (!others.isEmpty()) {
            List<String> parts = new ArrayList<>();
            others.forEach((tenant, rows) -> parts.add(tenant + " (" + rows + " rows)"));
            errors.add(label + ": multi-tenant entity with rows in tenants other than the default tenant "
                    + DEFAULT_TENANT + ": " + String.join(", ", parts) + "; ODC has no tenants: move or delete"
                    + " them in O11 first");
        }
    }
}
