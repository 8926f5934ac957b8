package dev.datamigration.engine.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of an ODC stage as its PostgreSQL catalog describes them, with what the model check needs and a
 * {@code PhysicalColumn} does not hold: the declared type with length, precision and scale, NOT NULL, default or
 * identity, and single-column foreign keys. An ODC stage is PostgreSQL by definition (one database per stage), so this
 * reads {@code information_schema} and {@code pg_constraint} directly. Only the connection's current schema is read:
 * that is where unqualified names resolve for the copy too.
 */
public final class StageCatalog {

    /** A column: {@code type} as {@code format_type} prints it, e.g. {@code character varying(50)}, {@code numeric(37,8)}. */
    public record StageColumn(String name, String dataType, String type, Integer length, Integer precision,
                              Integer scale, boolean notNull, boolean hasDefault) {
    }

    /** A table with its columns (by lower-case name, in ordinal order) and its foreign keys (column -> table). */
    public record StageTable(String name, Map<String, StageColumn> columns, Map<String, String> foreignKeys) {

        public Optional<StageColumn> column(String name) {
            return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
        }

        public Optional<String> foreignKey(String column) {
            return Optional.ofNullable(foreignKeys.get(column.toLowerCase(Locale.ROOT)));
        }
    }

    private final String schema;
    private final Map<String, StageTable> tables;

    private StageCatalog(String schema, Map<String, StageTable> tables) {
        this.schema = schema;
        this.tables = tables;
    }

    public static StageCatalog read(Connection connection) throws SQLException {
        String schema;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            schema = rs.getString(1);
        }
        Map<String, Map<String, StageColumn>> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.table_name, c.column_name, c.data_type,"
                + " format_type(a.atttypid, a.atttypmod), c.character_maximum_length, c.numeric_precision,"
                + " c.numeric_scale, c.is_nullable, c.column_default IS NOT NULL OR c.is_identity = 'YES'"
                + " FROM information_schema.columns c"
                + " JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema"
                + " JOIN pg_catalog.pg_class r ON r.relnamespace = n.oid AND r.relname = c.table_name"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attname = c.column_name"
                + " WHERE c.table_schema = ? ORDER BY c.table_name, c.ordinal_position")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String numericScale = rs.getString(7);
                    columns.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(
                            rs.getString(2).toLowerCase(Locale.ROOT), new StageColumn(rs.getString(2),
                                    rs.getString(3), rs.getString(4), integer(rs, 5), integer(rs, 6),
                                    numericScale == null ? null : Integer.valueOf(numericScale),
                                    "NO".equals(rs.getString(8)), rs.getBoolean(9)));
                }
            }
        }
        Map<String, Map<String, String>> foreignKeys = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT t.relname, a.attname, rt.relname"
                + " FROM pg_catalog.pg_constraint c"
                + " JOIN pg_catalog.pg_class t ON t.oid = c.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
                + " JOIN pg_catalog.pg_class rt ON rt.oid = c.confrelid"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                + " WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND n.nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    foreignKeys.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3));
                }
            }
        }
        Map<String, StageTable> tables = new LinkedHashMap<>();
        columns.forEach((table, cols) -> tables.put(table.toLowerCase(Locale.ROOT), new StageTable(table, cols,
                foreignKeys.getOrDefault(table, Map.of()))));
        return new StageCatalog(schema, tables);
    }

    private static Integer integer(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? null : value;
    }

    /** The connection's current schema: where the tables are looked up. */
    public String schema() {
        return schema;
    }

    /**
     * The table a mapping names: {@code name} or {@code schema.name} with the current schema, compared ignoring case
     * (ODC's names are lower case). A name qualified with another schema is not found; {@link #schemaProblem} says
     * why.
     */
    public Optional<StageTable> table(String mapped) {
        String name = unqualified(mapped);
        return name == null ? Optional.empty() : Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Why a schema-qualified name cannot be used, or null when it can. */
    public String schemaProblem(String mapped) {
        int dot = mapped.indexOf('.');
        if (dot < 0 || mapped.substring(0, dot).equalsIgnoreCase(schema)) {
            return null;
        }
        return "table " + mapped + " is in schema " + mapped.substring(0, dot) + ", but the connection's current"
                + " schema is " + schema + " (set currentSchema in the JDBC URL)";
    }

    /** The table name without its schema, or null when another schema is named. */
    public String unqualified(String mapped) {
        int dot = mapped.indexOf('.');
        if (dot < 0) {
            return mapped;
        }
        return mapped.substring(0, dot).equalsIgnoreCase(schema) ? mapped.substring(dot + 1) : null;
    }

    /** Every table, for the mapping proposal. */
    public List<StageTable> tables() {
        return new ArrayList<>(tables.values());
    }
}
