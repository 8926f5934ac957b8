package dev.datamigration.devtools.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the bench entities in the source with generated rows. Rows are generated inside PostgreSQL, so millions of
 * rows cost seconds, not a Java round trip per row. A BenchRow row is about 410 bytes on disk: an auto-number bigint
 * identifier, a reference to BenchGroup (NULL in 30% of rows), to the static BenchStatus (source DATA_IDs 1..5) and
 * to a user (source ids 1..50), a DateTime, a Currency, Text(2000) of 192 characters, an Email, a Boolean, a long
 * Text of about 300 characters with non-ASCII letters (NULL in 50%) and Binary Data of 256 bytes (NULL in 80%).
 */
public final class BenchTable {

    /** BenchGroup rows; GroupId values point into 1..GROUPS. */
    public static final int GROUPS = 1000;

    private BenchTable() {
    }

    /** Replaces the rows of both source tables: {@code rows} BenchRow rows and {@link #GROUPS} groups. */
    public static void fill(Connection connection, String groupTable, String rowTable, long rows) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + quote(groupTable) + ", " + quote(rowTable));
            statement.execute("INSERT INTO " + quote(groupTable) + " (\"ID\", \"NAME\") SELECT g, 'Group ' || g"
                    + " FROM generate_series(1, " + GROUPS + ") g");
            statement.execute("INSERT INTO " + quote(rowTable) + " (\"ID\", \"GROUPID\", \"STATUSID\", \"CREATEDBY\","
                    + " \"CREATEDON\", \"AMOUNT\", \"DESCRIPTION\", \"EMAIL\", \"ISACTIVE\", \"NOTES\", \"ATTACHMENT\") "
                    + "SELECT g, CASE WHEN g % 10 < 3 THEN NULL ELSE g % " + GROUPS + " + 1 END, "
                    + "(g % " + BenchModel.STATUSES + ") + 1, (g % " + BenchModel.USERS + ") + 1, "
                    + "timestamp '2020-01-01 00:00:00' + g * interval '1 second' + (g % 1000) * interval '1 ms', "
                    + "CASE WHEN g % 7 = 0 THEN -((g * 7919) % 100000000000)::numeric / 1000 - 0.00000001"
                    + " ELSE ((g * 7919) % 100000000000)::numeric / 1000 + 0.00000001 END, "
                    + "repeat(md5(g::text), 6), "
                    + "'user' || g || '@example.com', "
                    + "g % 3 = 0, "
                    + "CASE WHEN g % 2 = 0 THEN NULL ELSE repeat(md5((g + 1)::text) || ' ünïcødé ', 7) END, "
                    + "CASE WHEN g % 5 = 0 THEN decode(repeat(md5(g::text), 16), 'hex') ELSE NULL END "
                    + "FROM generate_series(1::bigint, " + rows + ") g");
            for (String table : new String[] {groupTable, rowTable}) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + quote(table) + "', 'ID'),"
                        + " (SELECT COALESCE(max(\"ID\"), 0) + 1 FROM " + quote(table) + "), false)");
                statement.execute("VACUUM ANALYZE " + quote(table));
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Rows currently in a table. */
    public static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
            result.next();
            return result.getLong(1);
        }
    }

    /** On-disk size of a table with its TOAST data, in bytes. */
    public static long bytes(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT pg_total_relation_size('" + quote(table) + "')")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Whether a table exists in the connection's current schema. */
    public static boolean exists(Connection connection, String table) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
