package dev.datamigration.engine.sync;

import static dev.datamigration.engine.testing.Savepoints.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.mask.MaskRule;
import dev.datamigration.engine.mask.MaskStrategy;
import dev.datamigration.engine.mask.MaskingKey;
import dev.datamigration.engine.mask.MaskingSpec;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.RefKind;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * existingData Sync against the O11 factory (Production to QA on embedded PostgreSQL) with its hard cases: reference
 * cycles and self references (deferred second passes), static and user remaps, multi-tenant rows, and masking. After
 * a Replace, Production changes (updates, inserts, deletes in every app entity); the Sync must leave QA exactly as a
 * fresh Replace does, count what it did, write nothing when nothing changed, and end exactly after a failure in the
 * middle of an entity.
 */
class SyncCopyTest {

    private static final MaskingSpec MASKING = new MaskingSpec(List.of(
            new MaskRule("Customers", "Customer", "Email", MaskStrategy.EMAIL),
            new MaskRule("*", "*", "Phone", MaskStrategy.HASH),
            new MaskRule("Customers", "Customer", "Notes", MaskStrategy.REDACT)),
            MaskingKey.of("test masking key, 32 bytes long!".getBytes(StandardCharsets.US_ASCII)));
    private static final CopyOptions REPLACE = CopyOptions.defaults()
            .withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL).withMasking(MASKING);
    private static final CopyOptions SYNC = REPLACE.withSync(true);

    private static O11Factory factory;
    private static FactoryDatabases dbs;
    private static ExpectedOutcome expected;
    private static Plan plan;

    @BeforeAll
    static void createFactory() throws Exception {
        factory = O11Factory.builder().build();
        dbs = factory.createDatabases(EmbeddedPostgres.shared(), "sync");
        expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
        try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
            plan = Engine.plan(s, t, factory.apps(), MASKING);
        }
        assertThat(plan.errors()).isEmpty();
    }

    @AfterAll
    static void dropFactory() {
        dbs.drop();
    }

    /** Copies every app in wave order with {@code options}; returns the Sync counts per entity label. */
    private static Map<String, SyncCounts> copyAll(CopyOptions options) throws SQLException {
        Map<String, SyncCounts> counts = new LinkedHashMap<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void entitySynced(EntityPlan entity, SyncCounts c) {
                counts.put(entity.label(), c);
            }
        };
        for (AppPlan app : plan.apps()) {
            try (Connection s = dbs.connectProduction(); Connection t = dbs.connectQa()) {
                Engine.copy(CopyRequest.of(s, t, factory.apps(), app.name()).withOptions(options)
                        .withListener(listener));
            }
        }
        return counts;
    }

    private static Map<String, List<Map<String, Object>>> qa() throws SQLException {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        try (Connection qa = dbs.connectQa()) {
            for (String table : expected.tables()) {
                tables.put(table, Rows.read(qa, table));
            }
        }
        return tables;
    }

    /**
     * Changes Production in every app entity with an integer identifier: one row's text (or number) attribute
     * updated, one row inserted (a copy of the last one under a new id), one row deleted (when nothing blocks it).
     */
    private static int changeProduction() throws SQLException {
        int changed = 0;
        try (Connection s = dbs.connectProduction()) {
            s.setAutoCommit(false);
            for (AppPlan app : plan.apps()) {
                for (EntityPlan e : app.entities()) {
                    if (e.identifier().source().kind() != ValueKind.INTEGER) {
                        continue;
                    }
                    String table = q(e.sourceTable());
                    String id = q(e.identifier().source().name());
                    for (ColumnPlan c : e.columns()) {
                        if (c.copied() && c.ref() == RefKind.NONE && c.referenced() == null && c != e.identifier()
                                && !c.source().name().equals(e.identifier().source().name())) {
                            String set = switch (c.source().kind()) {
                                case TEXT -> q(c.source().name()) + " = left(coalesce(" + q(c.source().name())
                                        + ", '') || 'x', 20)";
                                case INTEGER, DECIMAL -> q(c.source().name()) + " = coalesce("
                                        + q(c.source().name()) + ", 0) + 1";
                                default -> null;
                            };
                            if (set != null) {
                                changed += attempt(s, "UPDATE " + table + " SET " + set + " WHERE " + id
                                        + " = (SELECT min(" + id + ") FROM " + table + ")");
                                break;
                            }
                        }
                    }
                    List<String> all = Rows.columns(s, e.sourceTable());
                    String others = all.stream().filter(c -> !c.equals(e.identifier().source().name()))
                            .map(SyncCopyTest::q).collect(Collectors.joining(", "));
                    changed += attempt(s, "INSERT INTO " + table + " (" + id + (others.isEmpty() ? "" : ", "
                            + others) + ") SELECT " + id + " + 1000" + (others.isEmpty() ? "" : ", " + others)
                            + " FROM " + table + " WHERE " + id + " = (SELECT max(" + id + ") FROM " + table + ")");
                    changed += attempt(s, "DELETE FROM " + table + " WHERE " + id + " = (SELECT min(" + id + ") + 1"
                            + " FROM " + table + ")");
                }
            }
            s.commit();
        }
        return changed;
    }

    private static String q(String name) {
        return "\"" + name + "\"";
    }

    @Test
    void syncLeavesQaExactlyAsAFreshReplaceAndRewritesNothingTheSecondTime() throws Exception {
        syncEqualsReplace(REPLACE, SYNC);
    }

    /**
     * Without masking every entity's written form has an SQL form (user, tenant and static references remapped by
     * joins in the source's query), so both databases hash every entity: the cycles, self references and
     * multi-tenant rows of the factory go through that path.
     */
    @Test
    void withoutMaskingBothDatabasesHashEveryEntityAndTheSyncStillEqualsAFreshReplace() throws Exception {
        CopyOptions replace = CopyOptions.defaults().withUnmatchedUsers(CopyOptions.UnmatchedUsers.SET_NULL);
        syncEqualsReplace(replace, replace.withSync(true));
    }

    /** Replace, change Production, Sync twice (the second writes nothing), Replace again: QA is the same. */
    private static void syncEqualsReplace(CopyOptions replace, CopyOptions sync) throws Exception {
        copyAll(replace);
        int changes = changeProduction();
        assertThat(changes).isGreaterThan(10);

        Map<String, SyncCounts> first = copyAll(sync);
        Map<String, List<Map<String, Object>>> synced = qa();
        long rowsChanged = first.values().stream().mapToLong(SyncCounts::rowsChanged).sum();
        assertThat(rowsChanged).isGreaterThanOrEqualTo(changes / 2);
        assertThat(first.values()).allSatisfy(c -> assertThat(c.rangesCompared()).isPositive());

        Map<String, SyncCounts> second = copyAll(sync);
        assertThat(second).isNotEmpty().allSatisfy((entity, c) -> {
            assertThat(c.rangesRewritten()).as(entity).isZero();
            assertThat(c.rowsChanged()).as(entity).isZero();
        });
        assertThat(qa()).isEqualTo(synced);

        copyAll(replace);
        assertThat(synced).isEqualTo(qa());
    }
}
