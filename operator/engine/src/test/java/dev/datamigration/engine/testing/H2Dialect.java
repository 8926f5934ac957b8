package dev.datamigration.engine.testing;

import dev.datamigration.engine.dialect.BatchInsertWriter;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalColumn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * H2 (PostgreSQL mode) as a database the engine reads: standard JDBC defaults plus H2's table type name ("BASE
 * TABLE") and identity restart. Used by tests where the source must hold what PostgreSQL cannot.
 */
public final class H2Dialect implements Dialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String urlScheme() {
        return "jdbc:h2";
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public List<String> tableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_TYPE").contains("TABLE")) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }

    @Override
    public BulkWriter openBulkWriter(Connection connection, String table, List<PhysicalColumn> columns)
            throws SQLException {
        return new BatchInsertWriter(this, connection, table, columns, 100);
    }

    @Override
    public void reseedIdentity(Connection connection, String table, String column) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS WHERE"
                + " TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, connection.getSchema());
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"YES".equals(rs.getString(1))) {
                    return;
                }
            }
        }
        long next;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + quote(column) + "), 0) + 1 FROM "
                     + quote(table))) {
            rs.next();
            next = rs.getLong(1);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " RESTART WITH " + next);
        }
    }
}
