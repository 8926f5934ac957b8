package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.datamigration.engine.ConnectionFactory;
import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.FailureClassifier;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.testing.CountingConnections;
import dev.datamigration.fixtures.o11.ExpectedFailure;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parallel key-range streams (CopyOptions.streams &gt; 1 with a source connection factory) against the fixture's O11
 * factory: the result is exactly the oracle's, every stream connection is closed, unmapped-value warnings are merged
 * across streams, and a failure in one stream leaves the app's tables as they were (one target transaction). With a
 * target connection factory too, each stream writes on its own target connection: the same exact rows, and a stream
 * failing after the others have loaded leaves the entity empty (every stream's transaction rolled back).
 */
class ParallelStreamsTest {

    private static Map<String, String> copyAll(FactoryDatabases dbs, List<String> apps, CopyOptions options,
                                               ConnectionFactory streams, List<String> warnings) throws Exception {
        return copyAll(dbs, apps, options, streams, ConnectionFactory.NONE, warnings);
    }

    private static Map<String, String> copyAll(FactoryDatabases dbs, List<String> apps, CopyOptions options,
                                               ConnectionFactory streams, ConnectionFactory targets,
                                               List<String> warnings) throws Exception {
        Map<String, String> outcome = new LinkedHashMap<>();
        Plan plan;
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            plan = Engine.plan(s, t, apps);
        }
        for (AppPlan app : plan.apps()) {
            try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
                CopyResult r = Engine.copy(CopyRequest.of(s, t, apps, app.name()).withOptions(options)
                        .withConnections(streams, targets));
                warnings.addAll(r.warnings());
                outcome.put(app.name(), null);
            } catch (MigrationException e) {
                outcome.put(app.name(), e.getMessage());
            }
        }
        return outcome;
    }

    private static void assertQaMatchesOracle(FactoryDatabases dbs, ExpectedOutcome expected) throws Exception {
        try (Connection qa = dbs.connectQa()) {
            for (String table : expected.tables()) {
                assertThat(Rows.read(qa, table)).as(table).isEqualTo(expected.rows(table));
            }
        }
    }

    private static Plan plan(FactoryDatabases dbs, O11Factory factory) throws Exception {
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            return Engine.plan(s, t, factory.apps());
        }
    }

    /**
     * Copies {@code app} with 3 streams, each on its own source and target connection; checks that every connection
     * was closed and returns what the copy threw (null when it did not).
     */
    private static Throwable failedCopyOnOwnTargets(FactoryDatabases dbs, O11Factory factory, String app)
            throws Exception {
        CountingConnections sources = new CountingConnections(dbs::connectProduction);
        CountingConnections targets = new CountingConnections(dbs::connectQa);
        CopyOptions options = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL)
                .withBatchSize(2).withStreams(3);
        Throwable thrown;
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            thrown = catchThrowable(() -> Engine.copy(CopyRequest.of(s, t, factory.apps(), app).withOptions(options)
                    .withConnections(sources, targets)));
        }
        assertThat(targets.opened.get()).isGreaterThanOrEqualTo(3);
        assertThat(sources.open.get()).isZero();
        assertThat(targets.open.get()).isZero();
        return thrown;
    }

    /** The highest identifier of {@code entity} in Production. */
    private static long lastId(FactoryDatabases dbs, EntityPlan entity) throws SQLException {
        try (Connection prod = dbs.connectProduction(); Statement st = prod.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(\"" + entity.identifier().source().name() + "\") FROM \""
                     + entity.sourceTable() + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A QA trigger that runs {@code action} (PL/pgSQL) before the row {@code id} of {@code entity} is inserted. */
    private static void onInsertOfRow(FactoryDatabases dbs, EntityPlan entity, long id, String action)
            throws SQLException {
        try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
            st.execute("CREATE FUNCTION on_row() RETURNS trigger AS $$ BEGIN IF NEW.\""
                    + entity.identifier().target().name() + "\" = " + id + " THEN " + action + " END IF;"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql");
            st.execute("CREATE TRIGGER on_row BEFORE INSERT ON \"" + entity.targetTable()
                    + "\" FOR EACH ROW EXECUTE FUNCTION on_row()");
        }
    }

    @Test
    void parallelStreamsCopyExactlyWhatOneStreamCopiesAndCloseTheirConnections() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streams");
        try {
            CountingConnections connections = new CountingConnections(dbs::connectProduction);
            List<String> warnings = new ArrayList<>();
            Map<String, String> outcome = copyAll(dbs, factory.apps(), CopyOptions.defaults()
                    .withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL).withBatchSize(2).withStreams(3),
                    connections, warnings);
            assertThat(outcome).allSatisfy((app, failure) -> assertThat(failure).as(app).isNull());
            ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
            assertQaMatchesOracle(dbs, expected);
            assertThat(connections.opened.get()).isGreaterThanOrEqualTo(3);
            assertThat(connections.open.get()).isZero();
            // One merged message per column, not one per stream.
            for (var w : expected.warnings()) {
                if (w.rows() > 0) {
                    String subject = w.app() + "." + w.entity() + (w.attribute() == null ? "" : "." + w.attribute());
                    assertThat(warnings).filteredOn(m -> m.startsWith(subject + ":")).singleElement()
                            .satisfies(m -> assertThat(m).contains(w.rows() + " row(s)"));
                }
            }
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aFailingStreamFailsTheAppAndLeavesItsTablesAsTheyWere() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streamsfail");
        try {
            CountingConnections connections = new CountingConnections(dbs::connectProduction);
            Map<String, String> outcome = copyAll(dbs, factory.apps(), CopyOptions.defaults().withBatchSize(2)
                    .withStreams(4), connections, new ArrayList<>());
            ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.FAIL);
            for (ExpectedFailure f : expected.failures()) {
                assertThat(outcome.get(f.app())).as(f.app()).isNotNull();
                f.mentions().forEach(m -> assertThat(outcome.get(f.app())).contains(m));
            }
            outcome.forEach((app, failure) -> assertThat(failure != null).as(app)
                    .isEqualTo(expected.failedApps().contains(app)));
            assertQaMatchesOracle(dbs, expected);
            assertThat(connections.open.get()).isZero();
        } finally {
            dbs.drop();
        }
    }

    @Test
    void streamsOnTheirOwnTargetConnectionsCopyExactlyTheOracleRows() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streamsown");
        try {
            CountingConnections sources = new CountingConnections(dbs::connectProduction);
            CountingConnections targets = new CountingConnections(dbs::connectQa);
            Map<String, String> outcome = copyAll(dbs, factory.apps(), CopyOptions.defaults()
                    .withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL).withBatchSize(2).withStreams(3),
                    sources, targets, new ArrayList<>());
            assertThat(outcome).allSatisfy((app, failure) -> assertThat(failure).as(app).isNull());
            assertQaMatchesOracle(dbs, factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL));
            assertThat(targets.opened.get()).isGreaterThanOrEqualTo(3);
            assertThat(sources.open.get()).isZero();
            assertThat(targets.open.get()).isZero();
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aStreamFailingOnItsOwnTargetRollsBackEveryStreamAndLeavesTheEntityEmpty() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streamsownfail");
        try {
            Plan plan = plan(dbs, factory);
            // The largest entity; its last row is refused by the target, so the last range's stream fails at its
            // end, when the other streams have loaded theirs.
            EntityPlan big = plan.apps().stream().flatMap(a -> a.entities().stream())
                    .max(Comparator.comparingLong(EntityPlan::estimatedRows)).orElseThrow();
            long last = lastId(dbs, big);
            onInsertOfRow(dbs, big, last, "RAISE EXCEPTION 'row " + last + " refused by a test trigger';");
            assertThat(failedCopyOnOwnTargets(dbs, factory, big.app())).isInstanceOf(SQLException.class)
                    .hasMessageContaining("row " + last + " refused by a test trigger")
                    .satisfies(e -> assertThat(FailureClassifier.isPermanent(e)).as("permanent").isTrue());
            try (Connection qa = dbs.connectQa()) {
                assertThat(Rows.count(qa, big.targetTable())).as(big.label()).isZero();
            }
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aRowRefusedInTheStreamsSharedCopyFailsPermanentlyAndLeavesTheEntityEmpty() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streamsshared");
        try {
            Plan plan = plan(dbs, factory);
            EntityPlan big = plan.apps().stream().flatMap(a -> a.entities().stream())
                    .max(Comparator.comparingLong(EntityPlan::estimatedRows)).orElseThrow();
            long last = lastId(dbs, big);
            onInsertOfRow(dbs, big, last, "RAISE EXCEPTION 'row " + last + " refused by a test trigger';");
            // Streams on source connections of their own, all writing into the one COPY of the entity's transaction.
            CountingConnections sources = new CountingConnections(dbs::connectProduction);
            CopyOptions options = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL)
                    .withBatchSize(2).withStreams(3);
            Throwable thrown;
            try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
                thrown = catchThrowable(() -> Engine.copy(CopyRequest.of(s, t, factory.apps(), big.app()).withOptions(options)
                        .withConnections(sources, ConnectionFactory.NONE)));
            }
            assertThat(thrown).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("P0001"))
                    .hasMessageContaining("row " + last + " refused by a test trigger")
                    .satisfies(e -> assertThat(FailureClassifier.isPermanent(e)).as("permanent").isTrue());
            assertThat(sources.opened.get()).isGreaterThanOrEqualTo(3);
            assertThat(sources.open.get()).isZero();
            try (Connection qa = dbs.connectQa()) {
                assertThat(Rows.count(qa, big.targetTable())).as(big.label()).isZero();
            }
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aRowChangedByTheTargetFailsTheVerificationReadInRanges() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streamsverify");
        try {
            Plan plan = plan(dbs, factory);
            // The largest entity with a text column and no deferred reference (verified from the rows as written):
            // the target changes that column of its last row on insert.
            EntityPlan big = plan.apps().stream().flatMap(a -> a.entities().stream())
                    .filter(e -> plan.deferred().stream().noneMatch(d -> d.owner().equals(e.key())))
                    .filter(e -> e.columns().stream().anyMatch(c -> c.copied() && !c.equals(e.identifier())
                            && c.target().kind() == ValueKind.TEXT))
                    .max(Comparator.comparingLong(EntityPlan::estimatedRows)).orElseThrow();
            ColumnPlan text = big.columns().stream().filter(c -> c.copied() && !c.equals(big.identifier())
                    && c.target().kind() == ValueKind.TEXT).findFirst().orElseThrow();
            long last = lastId(dbs, big);
            onInsertOfRow(dbs, big, last, "NEW.\"" + text.target().name() + "\" := 'tampered';");
            assertThat(failedCopyOnOwnTargets(dbs, factory, big.app()))
                    .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessageStartingWith("verification failed for " + big.label() + ": source ")
                    .hasMessageContaining(" (hashed as written), target ")
                    .hasMessageContaining("; first difference: row " + last + ", column " + text.attribute()
                            + ": source ")
                    .hasMessageEndingWith(", target 'tampered'");
        } finally {
            dbs.drop();
        }
    }
}
