package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.FailureClassifier;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.testing.CountingConnections;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Entities copied at once within one app (CopyOptions.concurrentEntities &gt; 1 with connection factories for both
 * sides), against the fixture's O11 factory and its oracle: the rows are exactly the oracle's, no entity starts before
 * the entities it waits for are committed, loads really overlap, every opened connection is closed, and a load that
 * fails while others run fails the app with its own message, leaves its table empty, and a rerun from the checkpoint
 * finishes the app without reloading what was verified.
 */
class ConcurrentEntitiesTest {

    /** Records the entity events in order and the most loads in flight at once. */
    private static final class Recorder implements ProgressListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> inFlight = new HashSet<>();
        int maxInFlight;

        @Override
        public synchronized void entityStarted(EntityPlan entity, long sourceRows) {
            events.add("started " + entity.label());
            inFlight.add(entity.label());
            maxInFlight = Math.max(maxInFlight, inFlight.size());
        }

        @Override
        public synchronized void entityCopied(EntityPlan entity, long rows, long millis) {
            events.add("copied " + entity.label());
            inFlight.remove(entity.label());
        }

        @Override
        public synchronized void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
            events.add("verified " + entity.label());
        }

        @Override
        public synchronized void entityFailed(EntityPlan entity, String message) {
            events.add("failed " + entity.label() + ": " + message);
            inFlight.remove(entity.label());
        }
    }

    private static Plan plan(FactoryDatabases dbs, List<String> apps) throws Exception {
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            return Engine.plan(s, t, apps);
        }
    }

    private static CopyResult copy(FactoryDatabases dbs, List<String> apps, String app, CopyOptions options,
                                   CheckpointStore store, ProgressListener listener, CountingConnections sources,
                                   CountingConnections targets) throws Exception {
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            return Engine.copy(CopyRequest.of(s, t, apps, app).withOptions(options).withCheckpoints(store)
                    .withListener(listener).withConnections(sources, targets));
        }
    }

    /** Every entity starts only after each earlier entity it waits for has been copied (committed). */
    private static void assertOrderRespected(AppPlan app, Plan plan, List<String> events) {
        LoadDependencies dependencies = new LoadDependencies(app, plan);
        for (EntityPlan entity : app.entities()) {
            int started = events.indexOf("started " + entity.label());
            if (started < 0) {
                continue;
            }
            for (EntityKey before : dependencies.loadAfter(entity.key())) {
                EntityPlan earlier = plan.entity(before).orElseThrow();
                int copied = events.indexOf("copied " + earlier.label());
                assertThat(copied).as("%s copied before %s started", earlier.label(), entity.label())
                        .isBetween(0, started);
            }
        }
    }

    private static void assertQaMatchesOracle(FactoryDatabases dbs, ExpectedOutcome expected) throws Exception {
        try (Connection qa = dbs.connectQa()) {
            for (String table : expected.tables()) {
                assertThat(Rows.read(qa, table)).as(table).isEqualTo(expected.rows(table));
            }
        }
    }

    @Test
    void entitiesCopiedAtOnceGiveExactlyTheOracleRowsInADependencyRespectingOrder() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "concurrent");
        try {
            CountingConnections sources = new CountingConnections(dbs::connectProduction);
            CountingConnections targets = new CountingConnections(dbs::connectQa);
            CopyOptions options = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL)
                    .withBatchSize(2).withStreams(2).withConcurrentEntities(3);
            Plan plan = plan(dbs, factory.apps());
            int maxInFlight = 0;
            for (AppPlan app : plan.apps()) {
                Recorder recorder = new Recorder();
                copy(dbs, factory.apps(), app.name(), options, new InMemoryCheckpointStore(), recorder, sources,
                        targets);
                assertOrderRespected(app, plan, recorder.events);
                for (EntityPlan entity : app.entities()) {
                    assertThat(recorder.events).as(entity.label()).containsOnlyOnce("verified " + entity.label());
                }
                maxInFlight = Math.max(maxInFlight, recorder.maxInFlight);
            }
            assertQaMatchesOracle(dbs, factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL));
            assertThat(maxInFlight).as("loads in flight at once").isBetween(2, 3);
            assertThat(targets.opened.get()).isGreaterThanOrEqualTo(2);
            assertThat(sources.open.get()).isZero();
            assertThat(targets.open.get()).isZero();
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aLoadFailingWhileOthersRunFailsTheAppLeavesItsTableEmptyAndTheRerunFinishesIt() throws Exception {
        O11Factory factory = O11Factory.builder().scale(3).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "concurrentfail");
        try {
            Plan plan = plan(dbs, factory.apps());
            // The first entity that can load while another one does: it has a sibling with no order between them.
            AppPlan failing = null;
            EntityPlan victim = null;
            for (AppPlan app : plan.apps()) {
                LoadDependencies dependencies = new LoadDependencies(app, plan);
                for (EntityPlan e : app.entities()) {
                    boolean hasSibling = app.entities().stream().anyMatch(o -> !o.equals(e)
                            && !dependencies.loadAfter(e.key()).contains(o.key())
                            && !dependencies.loadAfter(o.key()).contains(e.key()));
                    if (victim == null && hasSibling && e.estimatedRows() > 0) {
                        failing = app;
                        victim = e;
                    }
                }
            }
            assertThat(victim).as("an entity with an independent sibling").isNotNull();
            EntityPlan failed = victim;
            try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
                st.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION"
                        + " 'refused by a test trigger'; END $$ LANGUAGE plpgsql");
                st.execute("CREATE TRIGGER refuse BEFORE INSERT ON \"" + victim.targetTable()
                        + "\" FOR EACH ROW EXECUTE FUNCTION refuse()");
            }
            CountingConnections sources = new CountingConnections(dbs::connectProduction);
            CountingConnections targets = new CountingConnections(dbs::connectQa);
            CopyOptions options = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL)
                    .withBatchSize(2).withConcurrentEntities(4);
            for (AppPlan app : plan.apps()) {
                if (app != failing) {
                    copy(dbs, factory.apps(), app.name(), options, new InMemoryCheckpointStore(), ProgressListener.NONE,
                            sources, targets);
                }
            }
            InMemoryCheckpointStore store = new InMemoryCheckpointStore();
            Recorder first = new Recorder();
            String app = failing.name();
            assertThatThrownBy(() -> copy(dbs, factory.apps(), app, options, store, first, sources, targets))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("refused by a test trigger")
                    .satisfies(e -> assertThat(FailureClassifier.isPermanent(e)).as("permanent").isTrue());
            assertThat(first.events).filteredOn(e -> e.startsWith("failed ")).singleElement()
                    .satisfies(e -> assertThat(e).startsWith("failed " + failed.label() + ": ")
                            .contains("refused by a test trigger"));
            assertThat(sources.open.get()).isZero();
            assertThat(targets.open.get()).isZero();
            try (Connection qa = dbs.connectQa()) {
                assertThat(Rows.count(qa, victim.targetTable())).as(victim.label()).isZero();
            }
            // The checkpoint holds exactly the entities reported copied.
            Checkpoint checkpoint = store.load(app);
            Set<String> copied = new HashSet<>();
            for (EntityPlan e : failing.entities()) {
                if (first.events.contains("copied " + e.label())) {
                    copied.add(e.key().toString());
                }
            }
            assertThat(checkpoint.entities().keySet()).containsExactlyInAnyOrderElementsOf(copied);

            try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
                st.execute("DROP TRIGGER refuse ON \"" + victim.targetTable() + "\"");
            }
            Recorder second = new Recorder();
            copy(dbs, factory.apps(), app, options, store, second, sources, targets);
            for (EntityPlan e : failing.entities()) {
                boolean verifiedBefore = checkpoint.entity(e.key().toString()) != null
                        && first.events.contains("verified " + e.label());
                assertThat(second.events.contains("started " + e.label())).as(e.label() + " reloaded")
                        .isEqualTo(!copied.contains(e.key().toString()));
                if (verifiedBefore) {
                    assertThat(second.events).doesNotContain("started " + e.label());
                }
            }
            assertQaMatchesOracle(dbs, factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL));
            assertThat(sources.open.get()).isZero();
            assertThat(targets.open.get()).isZero();
        } finally {
            dbs.drop();
        }
    }
}
