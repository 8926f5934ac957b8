package dev.datamigration.engine.odc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.mask.MaskingSpec;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.odc.OdcExpected;
import dev.datamigration.fixtures.odc.OdcStage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Copies the fixture's O11 Production (made ODC-ready) into an ODC-laid-out stage, app by app in wave order, and
 * compares every stage table with the fixture's ODC oracle: exact rows, converted types, user keys, static remaps,
 * ids kept and identities moved past them.
 */
class OdcCopyTest {

    private static OdcStageRig rig;
    private static Plan plan;
    private static final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void copy() throws Exception {
        rig = new OdcStageRig(true);
        List<String> apps = rig.factory.apps();
        try (Connection s = rig.source(); Connection t = rig.target()) {
            plan = Engine.planOdc(s, t, apps, MaskingSpec.NONE, rig.mapping());
        }
        assertThat(plan.errors()).isEmpty();
        for (AppPlan app : plan.apps()) {
            try (Connection s = rig.source(); Connection t = rig.target()) {
                CopyResult result = Engine.copy(CopyRequest.of(s, t, apps, app.name())
                        .withOdcMapping(rig.mapping()).withOdcUserKeys(rig.userKeys()));
                warnings.addAll(result.warnings());
            }
        }
    }

    @AfterAll
    static void drop() {
        rig.close();
    }

    @Test
    void everyStageTableHoldsExactlyTheOracleRows() throws Exception {
        OdcExpected expected = new OdcExpected(rig.stage);
        try (Connection t = rig.target()) {
            for (String table : expected.copiedTables()) {
                assertThat(Rows.read(t, table)).as(expected.entity(table).toString()).isEqualTo(expected.rows(table));
            }
        }
    }

    @Test
    void identitiesContinueAfterTheLargestCopiedId() throws Exception {
        OdcExpected expected = new OdcExpected(rig.stage);
        String orders = rig.stage.table(rig.factory.model().order);
        try (Connection t = rig.target(); Statement st = t.createStatement();
             ResultSet rs = st.executeQuery("SELECT nextval(pg_get_serial_sequence('" + orders + "', 'id'))")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(expected.maxId(orders) + 1);
        }
    }

    @Test
    void staticTablesAndUsersStayAsTheStageHadThem() throws Exception {
        String statuses = rig.stage.table(rig.factory.model().productStatus);
        try (Connection t = rig.target()) {
            assertThat(Rows.read(t, statuses)).extracting(r -> r.get("ID") + " " + r.get("LABEL"))
                    .containsExactly("1 Discontinued", "2 Pre-order", "3 Available");
            assertThat(Rows.count(t, rig.stage.userTable())).isEqualTo(rig.stage.odcUsers().size());
        }
    }

    @Test
    void referencesToAnInactiveStaticRecordAndToUsersWithoutKeyBecomeNullAndAreReported() {
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Catalog.Product.StatusId: 4 row(s) referenced"
                + " static records without an active target record and were set to NULL (ProductStatus.Discontinued"
                + " (id 12, inactive))"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Catalog.Product.CreatedBy: ")
                .contains("users without an ODC user key"));
    }

    @Test
    void theOldStageRowsAreReplaced() throws Exception {
        try (Connection t = rig.target()) {
            assertThat(Rows.read(t, rig.stage.table(rig.factory.model().promotion)))
                    .noneMatch(r -> Long.valueOf(OdcStage.OLD_PROMOTION_ID).equals(r.get("ID")));
        }
    }
}
