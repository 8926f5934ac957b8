package dev.datamigration.engine.odc;

import static dev.datamigration.engine.testing.Savepoints.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.ProgressListener;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.mask.MaskingSpec;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.RefKind;
import dev.datamigration.engine.sync.SyncCounts;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.odc.OdcExpected;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * existingData Sync into an ODC stage: the plan's tables and columns are the mapping's, user references become ODC
 * user keys (text, so those entities' source rows stream through the transformer) and static references the
 * stage's identifiers. After a Replace and changes in Production (an update, an insert and a delete per entity with
 * an integer identifier), the Sync leaves every stage table exactly as a fresh Replace does, and a second Sync
 * writes nothing. A text changed only in case (equal under the stage's non-deterministic collation) is rewritten too.
 */
class OdcSyncTest {

    private static Map<String, SyncCounts> copyAll(OdcStageRig rig, Plan plan, CopyOptions options)
            throws SQLException {
        Map<String, SyncCounts> counts = new LinkedHashMap<>();
        for (AppPlan app : plan.apps()) {
            try (Connection s = rig.source(); Connection t = rig.target()) {
                Engine.copy(CopyRequest.of(s, t, rig.factory.apps(), app.name()).withOptions(options)
                        .withOdcMapping(rig.mapping()).withOdcUserKeys(rig.userKeys())
                        .withListener(new ProgressListener() {
                            @Override
                            public void entitySynced(EntityPlan entity, SyncCounts c) {
                                counts.put(entity.label(), c);
                            }
                        }));
            }
        }
        return counts;
    }

    private static Map<String, List<Map<String, Object>>> stage(OdcStageRig rig) throws SQLException {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        try (Connection t = rig.target()) {
            for (String table : new OdcExpected(rig.stage).copiedTables()) {
                tables.put(table, Rows.read(t, table));
            }
        }
        return tables;
    }

    /** Changes Production's rows of one entity (its quoted table and identifier given); returns the rows changed. */
    private interface EntityChange {
        int apply(Connection s, EntityPlan e, String table, String id) throws SQLException;
    }

    /** Applies {@code change} to every integer-keyed entity of the plan, in one Production transaction. */
    private static int changeEachIntegerKeyed(OdcStageRig rig, Plan plan, EntityChange change) throws SQLException {
        int changed = 0;
        try (Connection s = rig.source()) {
            s.setAutoCommit(false);
            for (AppPlan app : plan.apps()) {
                for (EntityPlan e : app.entities()) {
                    if (e.identifier().source().kind() == ValueKind.INTEGER) {
                        changed += change.apply(s, e, q(e.sourceTable()), q(e.identifier().source().name()));
                    }
                }
            }
            s.commit();
        }
        return changed;
    }

    /** One update of a plain text or number attribute, one insert, one delete per integer-keyed entity. */
    private static int changeProduction(OdcStageRig rig, Plan plan) throws SQLException {
        return changeEachIntegerKeyed(rig, plan, (s, e, table, id) -> {
            int changed = 0;
            for (ColumnPlan c : e.columns()) {
                if (c.copied() && c.ref() == RefKind.NONE && c.referenced() == null
                        && !c.source().name().equals(e.identifier().source().name())
                        && c.source().kind() == c.target().kind()
                        && (c.source().kind() == ValueKind.TEXT || c.source().kind() == ValueKind.INTEGER)) {
                    String col = q(c.source().name());
                    String set = c.source().kind() == ValueKind.TEXT
                            ? col + " = left(coalesce(" + col + ", '') || 'x', 20)"
                            : col + " = coalesce(" + col + ", 0) + 1";
                    changed += attempt(s, "UPDATE " + table + " SET " + set + " WHERE " + id
                            + " = (SELECT min(" + id + ") FROM " + table + ")");
                    break;
                }
            }
            List<String> all = Rows.columns(s, e.sourceTable());
            String others = String.join(", ", all.stream()
                    .filter(c -> !c.equals(e.identifier().source().name())).map(OdcSyncTest::q).toList());
            changed += attempt(s, "INSERT INTO " + table + " (" + id + (others.isEmpty() ? "" : ", "
                    + others) + ") SELECT " + id + " + 1000" + (others.isEmpty() ? "" : ", " + others)
                    + " FROM " + table + " WHERE " + id + " = (SELECT max(" + id + ") FROM " + table + ")");
            changed += attempt(s, "DELETE FROM " + table + " WHERE " + id + " = (SELECT min(" + id
                    + ") + 1 FROM " + table + ")");
            return changed;
        });
    }

    /**
     * Per integer-keyed entity, upper-cases one row's first plain text attribute that has a lower-case letter: the
     * stage's case- and accent-insensitive collation calls the two values equal, a Replace writes the new one.
     */
    private static int changeCaseOnly(OdcStageRig rig, Plan plan) throws SQLException {
        return changeEachIntegerKeyed(rig, plan, (s, e, table, id) -> {
            for (ColumnPlan c : e.columns()) {
                if (c.copied() && c.ref() == RefKind.NONE && c.mask() == null
                        && c.source().kind() == ValueKind.TEXT && c.target().kind() == ValueKind.TEXT) {
                    String col = q(c.source().name());
                    int rows = attempt(s, "UPDATE " + table + " SET " + col + " = upper(" + col + ") WHERE " + id
                            + " = (SELECT max(" + id + ") FROM " + table + " WHERE " + col + " <> upper(" + col
                            + "))");
                    if (rows > 0) {
                        return rows;
                    }
                }
            }
            return 0;
        });
    }

    private static String q(String name) {
        return "\"" + name + "\"";
    }

    @Test
    void syncIntoAnOdcStageEndsExactlyAsAFreshReplace() throws Exception {
        try (OdcStageRig rig = new OdcStageRig(true)) {
            Plan plan;
            try (Connection s = rig.source(); Connection t = rig.target()) {
                plan = Engine.planOdc(s, t, rig.factory.apps(), MaskingSpec.NONE, rig.mapping());
            }
            assertThat(plan.errors()).isEmpty();
            CopyOptions replace = CopyOptions.defaults();
            copyAll(rig, plan, replace);
            assertThat(changeProduction(rig, plan)).isGreaterThan(10);

            Map<String, SyncCounts> first = copyAll(rig, plan, replace.withSync(true));
            assertThat(first.values().stream().mapToLong(SyncCounts::rowsChanged).sum()).isPositive();
            Map<String, List<Map<String, Object>>> synced = stage(rig);

            int caseOnly = changeCaseOnly(rig, plan);
            assertThat(caseOnly).as("case-only changes").isPositive();
            Map<String, SyncCounts> cased = copyAll(rig, plan, replace.withSync(true));
            assertThat(cased.values().stream().mapToLong(SyncCounts::updated).sum()).isEqualTo(caseOnly);
            synced = stage(rig);

            Map<String, SyncCounts> second = copyAll(rig, plan, replace.withSync(true));
            assertThat(second).isNotEmpty().allSatisfy((entity, c) ->
                    assertThat(c.rowsChanged()).as(entity).isZero());
            assertThat(stage(rig)).isEqualTo(synced);

            copyAll(rig, plan, replace);
            assertThat(stage(rig)).isEqualTo(synced);
        }
    }
}
