package dev.datamigration.engine.testing;

import dev.datamigration.engine.dialect.BulkReader;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.FastPath;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.Right;
import dev.datamigration.engine.dialect.ValueKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A real dialect run against H2, with the one statement H2 does not know replaced: rows are counted with
 * {@code COUNT(*)} (SQL Server's COUNT_BIG is not an H2 function). Everything else is the wrapped dialect's.
 */
public final class CountStarDialect implements Dialect {

    private final Dialect real;

    public CountStarDialect(Dialect real) {
        this.real = real;
    }

    @Override
    public long countRows(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public long estimateRows(Connection connection, String table) throws SQLException {
        return countRows(connection, table);
    }

    @Override public String name() { return real.name(); }
    @Override public String urlScheme() { return real.urlScheme(); }
    @Override public boolean handles(String url) { return real.handles(url); }
    @Override public Optional<FastPath> fastPathTo(Dialect target) { return real.fastPathTo(target); }
    @Override public String quote(String identifier) { return real.quote(identifier); }
    @Override public List<String> tableNames(Connection c) throws SQLException { return real.tableNames(c); }
    @Override public List<PhysicalColumn> columns(Connection c, String t) throws SQLException {
        return real.columns(c, t);
    }
    @Override public ValueKind kindOf(int jdbcType, String typeName) { return real.kindOf(jdbcType, typeName); }
    @Override public PreparedStatement prepareStreamingQuery(Connection c, String sql, int fetchSize)
            throws SQLException {
        return real.prepareStreamingQuery(c, sql, fetchSize);
    }
    @Override public BulkReader openBulkReader(Connection c, String table, List<PhysicalColumn> columns, String key,
                                               long from, long to, int fetchSize) throws SQLException {
        return real.openBulkReader(c, table, columns, key, from, to, fetchSize);
    }
    @Override public Object readValue(ResultSet rs, int index, ValueKind kind) throws SQLException {
        return real.readValue(rs, index, kind);
    }
    @Override public String selectSql(String table, List<String> columns, String orderBy) {
        return real.selectSql(table, columns, orderBy);
    }
    @Override public String keyRangeSql(String table, List<String> columns, String key) {
        return real.keyRangeSql(table, columns, key);
    }
    @Override public long[] keyBounds(Connection c, String table, String key) throws SQLException {
        return real.keyBounds(c, table, key);
    }
    @Override public String beginReadSnapshot(Connection c) throws SQLException { return real.beginReadSnapshot(c); }
    @Override public void endReadSnapshot(Connection c) throws SQLException { real.endReadSnapshot(c); }
    @Override public String exportSnapshot(Connection c) throws SQLException { return real.exportSnapshot(c); }
    @Override public void importSnapshot(Connection c, String s) throws SQLException { real.importSnapshot(c, s); }
    @Override public boolean loadsOneTableConcurrently() { return real.loadsOneTableConcurrently(); }
    @Override public String lengthSql(String quotedColumn, ValueKind kind) { return real.lengthSql(quotedColumn, kind); }
    @Override public long deleteAll(Connection c, String table) throws SQLException { return real.deleteAll(c, table); }
    @Override public long clearColumn(Connection c, String table, String column) throws SQLException {
        return real.clearColumn(c, table, column);
    }
    @Override public BulkWriter openBulkWriter(Connection c, String table, List<PhysicalColumn> columns)
            throws SQLException {
        return real.openBulkWriter(c, table, columns);
    }
    @Override public void reseedIdentity(Connection c, String table, String column) throws SQLException {
        real.reseedIdentity(c, table, column);
    }
    @Override public List<MissingRight> missingRights(Connection c, String table, String identifier,
                                                      Set<Right> rights) throws SQLException {
        return real.missingRights(c, table, identifier, rights);
    }
    @Override public void bind(PreparedStatement ps, int index, Object value, ValueKind kind) throws SQLException {
        real.bind(ps, index, value, kind);
    }
}
