package dev.datamigration.engine.catalog;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of one database as its own catalog names them. Metamodel names (OSSYS_ENTITY.PHYSICAL_TABLE_NAME) are
 * matched case-insensitively, because the real name may differ in case (PostgreSQL stores unquoted names lower case
 * and quoted ones as written). Columns are described on first use.
 */
public final class PhysicalSchema {

    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, String> realNames = new HashMap<>();
    private final Map<String, PhysicalTable> described = new HashMap<>();

    private PhysicalSchema(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    public static PhysicalSchema load(Connection connection, Dialect dialect) throws SQLException {
        PhysicalSchema schema = new PhysicalSchema(connection, dialect);
        for (String name : dialect.tableNames(connection)) {
            schema.realNames.putIfAbsent(name.toUpperCase(Locale.ROOT), name);
        }
        return schema;
    }

    /** The table whose real name equals {@code name} ignoring case, with its columns. */
    public Optional<PhysicalTable> table(String name) throws SQLException {
        if (name == null) {
            return Optional.empty();
        }
        String real = realNames.get(name.trim().toUpperCase(Locale.ROOT));
        if (real == null) {
            return Optional.empty();
        }
        PhysicalTable table = described.get(real);
        if (table == null) {
            table = new PhysicalTable(real, dialect.columns(connection, real));
            described.put(real, table);
        }
        return Optional.of(table);
    }
}
