package dev.datamigration.engine.testing;

import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-built O11 factory database for engine tests: the fixture module's metamodel DDL plus helpers that
 * insert metamodel rows. Application tables are created by the test with quoted names whose case differs from
 * OSSYS_ENTITY.PHYSICAL_TABLE_NAME, as in a real factory on PostgreSQL.
 */
public final class MiniO11 implements AutoCloseable {

    public static final String SC_KEY = "00000000-0000-0000-0000-00000000005c";
    public static final String USER_KEY = "00000000-0000-0000-0000-0000000005e1";
    public static final String USER_TYPE = "bt" + SC_KEY + "*" + USER_KEY;

    private final EmbeddedPostgres pg;
    private final String database;
    private final String url;
    private final Connection connection;
    private int nextId = 1000;

    private MiniO11(EmbeddedPostgres pg, String database, String url, Connection connection) {
        this.pg = pg;
        this.database = database;
        this.url = url;
        this.connection = connection;
    }

    /** A fresh PostgreSQL database with the metamodel, ServiceCenter with its User entity, and two tenants. */
    public static MiniO11 create(String prefix) throws SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String name = EmbeddedPostgres.uniqueDatabaseName(prefix);
        pg.createDatabase(name);
        return init(new MiniO11(pg, name, pg.jdbcUrl(name), pg.connect(name)));
    }

    /**
     * The same in an in-memory H2 database in PostgreSQL mode: it stands in for a source engine that can hold what
     * PostgreSQL cannot (a NUL character in text, as SQL Server nvarchar can).
     */
    public static MiniO11 createH2(String name) throws SQLException {
        String url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        return init(new MiniO11(null, name, url, DriverManager.getConnection(url)));
    }

    /** The same in an in-memory H2 database in another compatibility mode (MSSQLServer, Oracle). */
    public static MiniO11 createH2(String name, String mode) throws SQLException {
        String url = "jdbc:h2:mem:" + name + ";MODE=" + mode + ";DB_CLOSE_DELAY=-1";
        return init(new MiniO11(null, name, url, DriverManager.getConnection(url)));
    }

    private static MiniO11 init(MiniO11 o11) throws SQLException {
        o11.sql(metamodelDdl());
        o11.sql("INSERT INTO OSSYS_TENANT (ID, NAME) VALUES (1, 'ServiceCenter'), (2, 'Users')");
        int sc = o11.module(0, "ServiceCenter", SC_KEY, true);
        int user = o11.entity(sc, USER_KEY, "User", "OSSYS_USER", "u-id", "entity", true);
        o11.attr(user, "u-id", "Id", "rtInteger", true, null, true, null);
        return o11;
    }

    private static String metamodelDdl() {
        try (InputStream in = MiniO11.class.getResourceAsStream(
                "/dev/datamigration/fixtures/o11/metamodel-postgresql.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    public Connection connect() throws SQLException {
        return pg == null ? DriverManager.getConnection(url) : pg.connect(database);
    }

    public void sql(String statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(statements);
        }
    }

    public void user(int id, int tenant, String username) throws SQLException {
        sql("INSERT INTO OSSYS_USER (ID, TENANT_ID, USERNAME) VALUES (" + id + ", " + tenant + ", '" + username + "')");
    }

    public int app(String name, boolean active) throws SQLException {
        int id = nextId++;
        sql("INSERT INTO OSSYS_APPLICATION (ID, NAME, SS_KEY, IS_ACTIVE) VALUES (" + id + ", '" + name + "', 'app-"
                + id + "', " + active + ")");
        return id;
    }

    /** A module (espace) linked to {@code app} (0: no app). Returns the espace id. */
    public int module(int app, String name, String ssKey, boolean system) throws SQLException {
        return module(app, name, ssKey, system, true);
    }

    public int module(int app, String name, String ssKey, boolean system, boolean active) throws SQLException {
        int espace = nextId++;
        sql("INSERT INTO OSSYS_ESPACE (ID, NAME, SS_KEY, IS_ACTIVE, IS_SYSTEM) VALUES (" + espace + ", '" + name
                + "', '" + ssKey + "', " + active + ", " + system + ")");
        int module = nextId++;
        sql("INSERT INTO OSSYS_MODULE (ID, ESPACE_ID) VALUES (" + module + ", " + espace + ")");
        if (app != 0) {
            sql("INSERT INTO OSSYS_APP_DEFINITION_MODULE (ID, APPLICATION_ID, MODULE_ID) VALUES (" + nextId++ + ", "
                    + app + ", " + module + ")");
        }
        return espace;
    }

    public int entity(int espace, String ssKey, String name, String table, String pkKey, String kind,
                      boolean system) throws SQLException {
        return entity(espace, ssKey, name, table, pkKey, kind, system, true, null);
    }

    public int entity(int espace, String ssKey, String name, String table, String pkKey, String kind,
                      boolean system, boolean active, String eventTable) throws SQLException {
        int id = nextId++;
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO OSSYS_ENTITY (ID, NAME,"
                + " PHYSICAL_TABLE_NAME, ESPACE_ID, SS_KEY, PRIMARYKEY_SS_KEY, IS_ACTIVE, IS_SYSTEM, DATA_KIND,"
                + " EVENT_TABLE_NAME) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, name);
            ps.setString(3, table);
            ps.setInt(4, espace);
            ps.setString(5, ssKey);
            ps.setString(6, pkKey);
            ps.setBoolean(7, active);
            ps.setBoolean(8, system);
            ps.setString(9, kind);
            ps.setString(10, eventTable);
            ps.executeUpdate();
        }
        return id;
    }

    public void attr(int entity, String ssKey, String name, String type, boolean mandatory, String deleteRule,
                     boolean active, String defaultValue) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO OSSYS_ENTITY_ATTR (ID, ENTITY_ID, NAME,"
                + " SS_KEY, TYPE, IS_MANDATORY, DELETE_RULE, IS_ACTIVE, DEFAULT_VALUE) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?)")) {
            ps.setInt(1, nextId++);
            ps.setInt(2, entity);
            ps.setString(3, name);
            ps.setString(4, ssKey);
            ps.setString(5, type);
            ps.setBoolean(6, mandatory);
            ps.setString(7, deleteRule);
            ps.setBoolean(8, active);
            ps.setString(9, defaultValue);
            ps.executeUpdate();
        }
    }

    public void record(int espace, String entityKey, String recordKey, String name, String dataId, boolean active)
            throws SQLException {
        sql("INSERT INTO OSSYS_ENTITY_RECORD (ID, DATA_ID, NAME, SS_KEY, ENTITY_SS_KEY, ESPACE_ID, IS_ACTIVE) VALUES ("
                + nextId++ + ", '" + dataId + "', '" + name + "', '" + recordKey + "', '" + entityKey + "', " + espace
                + ", " + active + ")");
    }

    /** Rows of a query, each as a list of column values rendered with {@link String#valueOf}, for exact asserts. */
    public List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        sb.append('|');
                    }
                    Object v = rs.getObject(i);
                    sb.append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v));
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (pg == null) {
            sql("SHUTDOWN");
        }
        connection.close();
        if (pg != null) {
            pg.dropDatabase(database);
        }
    }
}
