package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.fixtures.o11.ExpectedFailure;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Parallel key-range streams (CopyOptions.streams &gt; 1 with a source connection factory) against the fixture's O11
 * factory: the result is exactly the oracle's, every stream connection is closed, unmapped-value warnings are merged
 * across streams, and a failure in one stream leaves the app's tables as they were (one target transaction).
 */
class ParallelStreamsTest {

    /** Counts the stream connections opened and still open. */
    private static final class CountingFactory implements ConnectionFactory {
        private final FactoryDatabases dbs;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();

        CountingFactory(FactoryDatabases dbs) {
            this.dbs = dbs;
        }

        @Override
        public Connection open() throws java.sql.SQLException {
            Connection c = dbs.connectProduction();
            opened.incrementAndGet();
            open.incrementAndGet();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && !c.isClosed()) {
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private static Map<String, String> copyAll(FactoryDatabases dbs, List<String> apps, CopyOptions options,
                                               ConnectionFactory streams, List<String> warnings) throws Exception {
        Map<String, String> outcome = new LinkedHashMap<>();
        Plan plan;
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            plan = Engine.plan(s, t, apps);
        }
        for (AppPlan app : plan.apps()) {
            try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
                CopyResult r = Engine.copy(s, t, apps, app.name(), options, new InMemoryCheckpointStore(),
                        ProgressListener.NONE, streams);
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

    @Test
    void parallelStreamsCopyExactlyWhatOneStreamCopiesAndCloseTheirConnections() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "streams");
        try {
            CountingFactory connections = new CountingFactory(dbs);
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
            CountingFactory connections = new CountingFactory(dbs);
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
}
