package dev.datamigration.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.fixtures.o11.ExpectedFailure;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.ExpectedWarning;
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
import org.junit.jupiter.api.Test;

/**
 * Copies the fixture's O11 Production factory into its QA factory, app by app in plan wave order, and compares every
 * QA table with the fixture's oracle (computed without engine code), plus the failures and warnings it expects.
 */
class O11FactoryCopyTest {

    /** Copies every app of the plan in wave order; returns app -> failure message (null when it succeeded). */
    private static Map<String, String> copyAll(FactoryDatabases dbs, List<String> apps, CopyOptions options,
                                               List<String> warnings) throws Exception {
        Map<String, String> outcome = new LinkedHashMap<>();
        Plan plan;
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            plan = Engine.plan(s, t, apps);
        }
        assertThat(plan.errors()).isEmpty();
        warnings.addAll(plan.warnings());
        for (AppPlan app : plan.apps()) {
            try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
                CopyResult r = Engine.copy(CopyRequest.of(s, t, apps, app.name()).withOptions(options));
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
        try (Connection prod = dbs.connectProduction()) {
            for (String table : expected.productionTables()) {
                assertThat(Rows.count(prod, table)).as(table).isEqualTo(expected.productionRows(table).size());
            }
        }
    }

    private static void assertWarningsReported(ExpectedOutcome expected, List<String> warnings) {
        for (ExpectedWarning w : expected.warnings()) {
            String subject = w.app() + "." + w.entity() + (w.attribute() == null ? "" : "." + w.attribute());
            assertThat(warnings).as("warning for %s", w).anySatisfy(m -> {
                assertThat(m).contains(subject);
                if (w.rows() > 0) {
                    assertThat(m).contains(w.rows() + " row(s)");
                }
                if (w.detail() != null) {
                    assertThat(m).contains(w.detail());
                }
            });
        }
    }

    @Test
    void everyAppCopiesExactlyAsTheOracleSaysWithUnmatchedUsersSetToNull() throws Exception {
        O11Factory factory = O11Factory.builder().build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "factory");
        try {
            List<String> warnings = new ArrayList<>();
            Map<String, String> outcome = copyAll(dbs, factory.apps(),
                    CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL), warnings);
            ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
            assertThat(outcome).allSatisfy((app, failure) -> assertThat(failure).as(app).isNull());
            assertQaMatchesOracle(dbs, expected);
            assertWarningsReported(expected, warnings);
        } finally {
            dbs.drop();
        }
    }

    @Test
    void unmatchedUserFailsOnlyTheAppThatReferencesItAndLeavesItsTablesAsTheyWere() throws Exception {
        O11Factory factory = O11Factory.builder().build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "factoryfail");
        try {
            Map<String, String> outcome = copyAll(dbs, factory.apps(), CopyOptions.defaults(), new ArrayList<>());
            ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.FAIL);
            for (ExpectedFailure f : expected.failures()) {
                assertThat(outcome.get(f.app())).as(f.app()).isNotNull();
                f.mentions().forEach(m -> assertThat(outcome.get(f.app())).contains(m));
            }
            outcome.forEach((app, failure) -> assertThat(failure != null).as(app)
                    .isEqualTo(expected.failedApps().contains(app)));
            assertQaMatchesOracle(dbs, expected);
        } finally {
            dbs.drop();
        }
    }

    @Test
    void mandatoryCycleFailsThePlanAndNothingIsWritten() throws Exception {
        O11Factory factory = O11Factory.builder().mandatoryCycle(true).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "factorycycle");
        try {
            ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
            assertThat(expected.planFails()).isTrue();
            try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
                Plan plan = Engine.plan(s, t, factory.apps());
                for (ExpectedFailure f : expected.failures()) {
                    assertThat(plan.errors()).anySatisfy(e -> f.mentions().forEach(m -> assertThat(e).contains(m)));
                }
                for (String app : factory.apps()) {
                    assertThatThrownBy(() -> Engine.copy(CopyRequest.of(s, t, factory.apps(), app)))
                            .isInstanceOf(MigrationException.class).hasMessageContaining("mandatory reference cycle");
                }
            }
            assertQaMatchesOracle(dbs, expected);
        } finally {
            dbs.drop();
        }
    }

    @Test
    void planListsThePairedEntitiesOfEveryApp() throws Exception {
        O11Factory factory = O11Factory.builder().build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "factoryplan");
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            Plan plan = Engine.plan(s, t, List.of("*"));
            ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
            assertThat(plan.apps()).extracting(AppPlan::name).containsExactlyInAnyOrderElementsOf(factory.apps());
            for (AppPlan app : plan.apps()) {
                assertThat(app.entities()).extracting(EntityPlan::name)
                        .containsExactlyInAnyOrderElementsOf(expected.plannedEntities(app.name()));
            }
        } finally {
            dbs.drop();
        }
    }
}
