package dev.datamigration.engine.odc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.oracle.OracleDialect;
import dev.datamigration.engine.dialect.postgres.PostgresDialect;
import dev.datamigration.engine.dialect.sqlserver.SqlServerDialect;
import dev.datamigration.engine.testing.CountStarDialect;
import dev.datamigration.engine.testing.H2Catalogs;
import dev.datamigration.engine.testing.MiniO11;
import dev.datamigration.fixtures.o11.BinaryValue;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * O11 data as SQL Server and Oracle hold it (H2 in MODE=MSSQLServer and MODE=Oracle with the dialects' real catalog
 * SQL over {@link H2Catalogs}) copied into an ODC-laid-out PostgreSQL stage: bit/NUMBER(1) become boolean, datetime
 * keeps NullDate, a Date becomes a date and a Time a time, uniqueidentifier becomes its lower-case text, Oracle's
 * {@code ' '} becomes {@code ''}, Currency stays exact, a static reference takes the ODC id of the record with the same
 * label (NULL for an inactive record), a user reference the ODC user key, and the stage's identity moves past the ids.
 */
class OdcTypedSourcesTest {

    private static final String KEY_ANN = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final BigDecimal BIG = new BigDecimal("12345678901234567890123456789.12345678");

    @ParameterizedTest
    @ValueSource(strings = {"MSSQLServer", "Oracle"})
    void convertsEveryO11TypeExactly(String mode) throws Exception {
        boolean oracle = mode.equals("Oracle");
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String stageDb = EmbeddedPostgres.uniqueDatabaseName("odc_typed");
        pg.createDatabase(stageDb);
        try (MiniO11 o11 = MiniO11.createH2("odc" + mode + System.nanoTime(), mode)) {
            buildSource(o11, oracle);
            try (Connection stage = pg.connect(stageDb)) {
                buildStage(stage);
            }
            Dialect sourceDialect = new CountStarDialect(oracle ? new OracleDialect() : new SqlServerDialect());
            OdcMapping mapping = OdcMappingParser.parse("""
                    apps:
                      - app: Shop
                        entities:
                          - entity: Shop.Thing
                            table: thing_b2
                          - entity: Shop.Status
                            table: statu_a1
                    """);
            CopyResult result;
            try (Connection source = o11.connect(); Connection stage = pg.connect(stageDb)) {
                result = Engine.copy(CopyRequest.of(source, stage, List.of("Shop"), "Shop")
                        .withDialects(sourceDialect, new PostgresDialect()).withOdcMapping(mapping)
                        .withOdcUserKeys(id -> id == 7 ? Optional.of(KEY_ANN) : Optional.empty()));
            }
            assertThat(result.entities()).extracting(CopyResult.EntityResult::name).containsExactly("Thing");
            try (Connection stage = pg.connect(stageDb)) {
                assertThat(Rows.read(stage, "thing_b2")).containsExactly(
                        row(1, true, LocalDateTime.of(1900, 1, 1, 0, 0), LocalDate.of(2025, 3, 4), LocalTime.of(8, 30),
                                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", BIG, "Zoë", BinaryValue.of(new byte[] {1, 2}),
                                2, KEY_ANN),
                        row(2, false, LocalDateTime.of(2024, 2, 29, 23, 59, 59), LocalDate.of(1900, 1, 1),
                                LocalTime.MIDNIGHT, null, new BigDecimal("-0.00000001"), "", BinaryValue.EMPTY, null,
                                null),
                        row(3, null, null, null, null, null, null, null, null, 1, null));
                try (Statement st = stage.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT nextval(pg_get_serial_sequence('thing_b2', 'id'))")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(4);
                }
                assertThat(Rows.read(stage, "statu_a1")).extracting(r -> r.get("ID") + " " + r.get("LABEL"))
                        .containsExactly("1 Hold", "2 Open");
            }
        } finally {
            pg.dropDatabase(stageDb);
        }
    }

    private static Map<String, Object> row(Object... values) {
        List<String> columns = List.of("ID", "FLAG", "CREATEDON", "DUEON", "WINDOW", "TOKEN", "AMOUNT", "NAME",
                "PHOTO", "STATUSID", "OWNERID");
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), values[i]);
        }
        return row;
    }

    private static void buildSource(MiniO11 o11, boolean oracle) throws Exception {
        try (Connection c = o11.connect()) {
            if (oracle) {
                H2Catalogs.installOracle(c);
            } else {
                H2Catalogs.installSqlServer(c);
                // the copy asks whether SNAPSHOT isolation is allowed; H2 has no SNAPSHOT level: OFF, READ COMMITTED
                H2Catalogs.installSqlServerDatabases(c, 0);
            }
        }
        int app = o11.app("Shop", true);
        int shop = o11.module(app, "Shop", "m-shop", false);
        int status = o11.entity(shop, "e-status", "Status", "OSUSR_S1_STATUS", "a-st-id", "staticEntity", false);
        o11.attr(status, "a-st-id", "Id", "rtInteger", true, null, true, null);
        o11.attr(status, "a-st-label", "Label", "rtText", false, null, true, null);
        o11.record(shop, "e-status", "r-open", "Open", "5", true);
        o11.record(shop, "e-status", "r-closed", "Closed", "6", false);
        o11.record(shop, "e-status", "r-hold", "Hold", "7", true);
        int thing = o11.entity(shop, "e-thing", "Thing", "OSUSR_S1_THING", "a-id", "entity", false);
        o11.attr(thing, "a-id", "Id", "rtInteger", true, null, true, null);
        o11.attr(thing, "a-flag", "Flag", "rtBoolean", false, null, true, null);
        o11.attr(thing, "a-created", "CreatedOn", "rtDateTime", false, null, true, null);
        o11.attr(thing, "a-due", "DueOn", "rtDate", false, null, true, null);
        o11.attr(thing, "a-window", "Window", "rtTime", false, null, true, null);
        o11.attr(thing, "a-token", "Token", "rtText", false, null, true, null);
        o11.attr(thing, "a-amount", "Amount", "rtCurrency", false, null, true, null);
        o11.attr(thing, "a-name", "Name", "rtText", false, null, true, null);
        o11.attr(thing, "a-photo", "Photo", "rtBinaryData", false, null, true, null);
        o11.attr(thing, "a-status", "StatusId", "btm-shop*e-status", false, "Protect", true, null);
        o11.attr(thing, "a-owner", "OwnerId", MiniO11.USER_TYPE, false, "Ignore", true, null);
        o11.sql("UPDATE OSSYS_ENTITY_ATTR SET LENGTH = 36 WHERE SS_KEY = 'a-token'");
        o11.sql("UPDATE OSSYS_ENTITY_ATTR SET LENGTH = 50 WHERE SS_KEY IN ('a-name', 'a-st-label')");
        for (String user : List.of("7, 2, 'ann'", "8, 2, 'bob'")) {
            // ' ' for the text columns: Oracle turns the metamodel's '' defaults into NULL.
            o11.sql("INSERT INTO OSSYS_USER (ID, TENANT_ID, USERNAME, NAME, EMAIL, PASSWORD, MOBILEPHONE, EXTERNAL_ID)"
                    + " VALUES (" + user + ", ' ', ' ', ' ', ' ', ' ')");
        }
        if (oracle) {
            o11.sql("CREATE TABLE \"OSUSR_S1_STATUS\" (\"ID\" NUMBER(10) PRIMARY KEY, \"LABEL\" VARCHAR2(50))");
            o11.sql("CREATE TABLE \"OSUSR_S1_THING\" (\"ID\" NUMBER(10) NOT NULL PRIMARY KEY, \"FLAG\" NUMBER(1),"
                    + " \"CREATEDON\" DATE, \"DUEON\" DATE, \"WINDOW\" DATE, \"TOKEN\" VARCHAR2(36),"
                    + " \"AMOUNT\" NUMBER(37,8), \"NAME\" VARCHAR2(50), \"PHOTO\" BLOB, \"STATUSID\" NUMBER(10),"
                    + " \"OWNERID\" NUMBER(10))");
        } else {
            o11.sql("CREATE TABLE [OSUSR_S1_STATUS] ([ID] INT PRIMARY KEY, [LABEL] NVARCHAR(50))");
            o11.sql("CREATE TABLE [OSUSR_S1_THING] ([ID] INT NOT NULL PRIMARY KEY, [FLAG] BIT,"
                    + " [CREATEDON] DATETIME2(3), [DUEON] DATETIME2(3), [WINDOW] DATETIME2(3),"
                    + " [TOKEN] UNIQUEIDENTIFIER, [AMOUNT] DECIMAL(37,8), [NAME] NVARCHAR(50),"
                    + " [PHOTO] VARBINARY(MAX), [STATUSID] INT, [OWNERID] INT)");
        }
        o11.sql("INSERT INTO \"OSUSR_S1_STATUS\" VALUES (5, 'Open'), (7, 'Hold')");
        try (Connection c = o11.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO \"OSUSR_S1_THING\" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Object token = oracle ? "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
                    : UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            insert(ps, 1, oracle ? (Object) 1 : true, LocalDateTime.of(1900, 1, 1, 0, 0),
                    LocalDateTime.of(2025, 3, 4, 0, 0), LocalDateTime.of(1900, 1, 1, 8, 30), token, BIG, "Zoë",
                    new byte[] {1, 2}, 5, 7);
            // O11 on Oracle stores empty text as ' ' (Oracle turns '' into NULL); ODC holds ''.
            insert(ps, 2, oracle ? (Object) 0 : false, LocalDateTime.of(2024, 2, 29, 23, 59, 59),
                    LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(1900, 1, 1, 0, 0), null,
                    new BigDecimal("-0.00000001"), oracle ? " " : "", new byte[0], 6, 8);
            insert(ps, 3, null, null, null, null, null, null, null, null, 7, null);
        }
    }

    private static void insert(PreparedStatement ps, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.executeUpdate();
        Arrays.fill(values, null);
    }

    private static void buildStage(Connection stage) throws Exception {
        try (Statement st = stage.createStatement()) {
            st.execute("CREATE COLLATION odc_ciai (provider = icu, locale = 'und-u-ks-level1', deterministic = false)");
            st.execute("CREATE TABLE statu_a1 (id integer PRIMARY KEY, label varchar(50) COLLATE odc_ciai)");
            st.execute("INSERT INTO statu_a1 VALUES (1, 'Hold'), (2, 'Open')");
            st.execute("CREATE TABLE thing_b2 (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, flag boolean,"
                    + " createdon timestamp, dueon date, \"window\" time, token varchar(36) COLLATE odc_ciai,"
                    + " amount numeric(37,8), name varchar(50) COLLATE odc_ciai, photo bytea,"
                    + " statusid integer REFERENCES statu_a1, ownerid varchar(36) COLLATE odc_ciai)");
            st.execute("INSERT INTO thing_b2 (id, name) VALUES (99, 'old')");
        }
    }
}
