package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.LoadPath;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.ExpectedWarning;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.TdsFactoryDatabases;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.fixtures.tds.BabelfishDatabases;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The O11 factory in T-SQL on a TDS server (Babelfish), copied by the engine over mssql-jdbc: SQL Server to SQL Server
 * and SQL Server to PostgreSQL, every QA table compared with the oracle; and bulk copy on Babelfish, whose silent
 * corruption verification must catch.
 */
class SqlServerCopyTdsTest {

    @RegisterExtension
    static final BabelfishDatabases TDS = new BabelfishDatabases("copytds");

    private static final CopyOptions BATCH_INSERT = CopyOptions.defaults()
            .withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL).withSqlServerLoad(LoadPath.BATCH_INSERT);

    private static O11Factory factory() {
        return O11Factory.builder().largeBinaryBytes(2 << 20).build();
    }

    /** Copies every app in plan order; returns the warnings of the plan and the copies. */
    private static List<String> copyAll(Connector source, Connector target, List<String> apps, CopyOptions options)
            throws Exception {
        List<String> warnings = new ArrayList<>();
        Plan plan;
        try (Connection s = source.connect(); Connection t = target.connect()) {
            plan = Engine.plan(s, t, apps);
        }
        assertThat(plan.errors()).isEmpty();
        warnings.addAll(plan.warnings());
        for (AppPlan app : plan.apps()) {
            try (Connection s = source.connect(); Connection t = target.connect()) {
                CopyResult result = Engine.copy(CopyRequest.of(s, t, apps, app.name()).withOptions(options));
                assertThat(result.entities()).as(app.name()).isNotEmpty();
                warnings.addAll(result.warnings());
            }
        }
        return warnings;
    }

    private static void assertExact(Connector qa, ExpectedOutcome expected, List<String> warnings) throws Exception {
        try (Connection c = qa.connect()) {
            for (String table : expected.tables()) {
                assertThat(Rows.read(c, table)).as(table).isEqualTo(expected.rows(table));
            }
        }
        for (ExpectedWarning w : expected.warnings()) {
            String subject = w.app() + "." + w.entity() + (w.attribute() == null ? "" : "." + w.attribute());
            assertThat(warnings).as("warning for %s", w).anySatisfy(m -> assertThat(m).contains(subject));
        }
    }

    @Test
    void sqlServerToSqlServerWithBatchInsertIsExactAndVerified() throws Exception {
        O11Factory factory = factory();
        TdsFactoryDatabases dbs = factory.createOn(TDS.server(), TDS.create("ssprod"), TDS.create("ssqa"));

        List<String> warnings = copyAll(dbs::connectProduction, dbs::connectQa, factory.apps(), BATCH_INSERT);

        assertExact(dbs::connectQa, factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL), warnings);
        // Babelfish allows SNAPSHOT isolation, so no copy reported reading without a snapshot
        assertThat(warnings).noneMatch(w -> w.contains("SNAPSHOT"));
    }

    @Test
    void sqlServerToPostgresIsExactAndVerified() throws Exception {
        O11Factory factory = factory();
        String prod = TDS.create("sspgprod");
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String qa = EmbeddedPostgres.uniqueDatabaseName("sspgqa");
        pg.createDatabase(qa);
        try {
            try (Connection p = TDS.server().connect(prod); Connection q = pg.connect(qa)) {
                factory.createProduction(p);
                factory.createQa(q);
            }

            List<String> warnings = copyAll(() -> TDS.server().connect(prod), () -> pg.connect(qa), factory.apps(),
                    CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL));

            assertExact(() -> pg.connect(qa), factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL),
                    warnings);
        } finally {
            pg.dropDatabase(qa);
        }
    }

    /**
     * Babelfish reads the temporal and GUID values SQLServerBulkCopy sends as garbage, without an error (see its
     * README). The copy must not report success: verification re-reads both sides and fails the entity, naming it and
     * the first differing column.
     */
    @Test
    void bulkCopyOnBabelfishCorruptsSilentlyAndVerificationFailsTheEntity() throws Exception {
        O11Factory factory = factory();
        TdsFactoryDatabases dbs = factory.createOn(TDS.server(), TDS.create("bcprod"), TDS.create("bcqa"));
        CopyOptions bulk = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL);
        assertThat(bulk.sqlServerLoad()).isEqualTo(LoadPath.BULK_COPY);

        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, factory.apps(), "Customers")
                    .withOptions(bulk))).isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("verification failed for Customers.Customer: source 30 rows, ")
                    .hasMessageContaining("first difference: row 1, column ExternalRef: source"
                            + " '2a7207c7-d68e-3da6-af96-c7a4991a15cf', target '");
        }
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, factory.apps(), "Catalog")
                    .withOptions(bulk))).isInstanceOf(MigrationException.class)
                    .hasMessageMatching("(?s)verification failed for Catalog\\.(Product|Promotion): source \\d+ rows, .*"
                            + "first difference: row \\d+, column (LaunchedOn|ValidUntil): source .*");
        }
    }

    @FunctionalInterface
    private interface Connector {
        Connection connect() throws Exception;
    }
}
