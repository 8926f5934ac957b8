package dev.datamigration.devtools.e2e;

import static dev.datamigration.devtools.e2e.OdcE2eSupport.DEPLOYMENTS;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.MAPPING;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.assertUndeployedThenRedeployedTheSameBuilds;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.nextId;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.stage;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.withKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserCountsStatus;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.data.FactoryModel;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.o11.model.UserSpec;
import dev.datamigration.fixtures.odc.OdcExpected;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.platform.EndUserDirectory.EndUser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full O11 -> ODC copy through the local cluster: the real operator, plan and copy Jobs as child JVMs, the
 * simulator's LifeTime (source stop) and ODC APIs (Identity, Deployments) and an ODC-laid-out embedded PostgreSQL
 * stage with its mapping ConfigMap. Users are matched by e-mail, the unmatched ones created in ODC. The stage ends up
 * holding exactly the oracle's rows, with ODC user keys, ODC static ids and identities continuing after the copied
 * ids; the ODC apps the mapping names were undeployed before the copy and their exact builds redeployed after it.
 */
class OdcCopyEndToEndTest {


    @Test
    void copiesTheO11AppsIntoTheOdcStageWithItsEndUsers(@TempDir Path dir) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String stageDb = EmbeddedPostgres.uniqueDatabaseName("e2e_odc_copy_stage");
        pg.createDatabase(stageDb);
        FactoryModel model = E2eCluster.matchedUsersFactory().model();
        // john and maria exist in ODC already (matched, keys kept); Li Wei and the inactive former.staff do not
        List<UserSpec> existing = List.of(model.john, model.maria);
        try (E2eCluster e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_odc_copy", existing)) {
            OdcStage stage = stage(e2e, pg, stageDb, model);

            DataMigration migration = e2e.odcMigration("to-odc", pg.jdbcUrl(stageDb), MAPPING,
                    "Catalog", "Customers", "Orders");
            migration.getSpec().getSource().setDowntime(SourceDowntime.StopEnvironment);
            migration.getSpec().getTarget().setDowntime(TargetDowntime.UndeployApps);
            migration.getSpec().getUsers().setUnmatched(UnmatchedUsers.Create);
            e2e.create(migration);
            DataMigrationStatus status = e2e.awaitPhase("to-odc", Phase.Succeeded).getStatus();

            // end users: the two ODC users kept as they were, Li Wei and former.staff created (inactive stays so)
            List<EndUser> odcUsers = e2e.simulator().odcUsers();
            assertThat(odcUsers).extracting(EndUser::email, EndUser::name, EndUser::active).containsExactly(
                    tuple(model.john.email(), model.john.displayName(), true),
                    tuple(model.maria.email(), model.maria.displayName(), true),
                    tuple(model.liWei.email(), model.liWei.displayName(), true),
                    tuple(model.formerStaff.email(), model.formerStaff.displayName(), false));
            assertThat(odcUsers.get(0).key()).isEqualTo(OdcStage.userKey(model.john));
            assertThat(odcUsers.get(1).key()).isEqualTo(OdcStage.userKey(model.maria));
            assertThat(status.getUsers()).isEqualTo(new UserCountsStatus(2L, 2L, 0L));

            // the oracle expects the stage fixture's keys; created users have the keys the Identity API gave them
            Map<Object, Object> createdKeys = new LinkedHashMap<>();
            createdKeys.put(OdcStage.userKey(model.liWei), odcUsers.get(2).key());
            createdKeys.put(OdcStage.userKey(model.formerStaff), odcUsers.get(3).key());
            OdcExpected expected = new OdcExpected(stage);
            try (Connection t = pg.connect(stageDb)) {
                for (String table : expected.copiedTables()) {
                    assertThat(Rows.read(t, table)).as(expected.entity(table).toString())
                            .isEqualTo(withKeys(expected.rows(table), createdKeys));
                }
                // identities continue after the largest copied id (setval, no DDL)
                List<String> reseeded = new ArrayList<>();
                for (String table : expected.copiedTables()) {
                    EntitySpec entity = expected.entity(table);
                    String id = stage.column(entity, entity.identifier());
                    if (hasIdentity(t, table, id)) {
                        assertThat(nextId(t, table, id)).as("next id of %s", table)
                                .isEqualTo(expected.maxId(table) + 1);
                        reseeded.add(entity.name());
                    }
                }
                assertThat(reseeded).contains("Order", "OrderLine", "Customer", "Product");
                // a user reference holds a created user's key: Li Wei's orders
                assertThat(Rows.read(t, stage.table(model.order)).stream().map(r -> r.get("CREATEDBY")))
                        .contains(odcUsers.get(2).key(), odcUsers.get(0).key());
                // static tables stay as the stage had them
                assertThat(Rows.read(t, stage.table(model.productStatus)))
                        .extracting(r -> r.get("ID") + " " + r.get("LABEL"))
                        .containsExactly("1 Discontinued", "2 Pre-order", "3 Available");
            }

            assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase, AppStatus::getOdcApp)
                    .containsExactly(tuple("Catalog", AppPhase.Succeeded, "CatalogApp"),
                            tuple("Customers", AppPhase.Succeeded, "CustomersApp"),
                            tuple("Orders", AppPhase.Succeeded, "OrdersApp"));

            // Production stopped; each ODC app undeployed before the copy, the same build redeployed after it
            assertThat(e2e.simulator().maintenanceMode("Production")).isTrue();
            // what changed on the platform, in order: the users created once (one bulk operation for three copy Jobs)
            assertThat(e2e.sideEffects().stream().filter(call -> !call.endsWith("/identity/connect/token")))
                    .containsExactly("Production maintenance on",
                            "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS,
                            "POST /api/identity/v1/users/bulk",
                            "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS);
            assertUndeployedThenRedeployedTheSameBuilds(e2e);
        } finally {
            pg.dropDatabase(stageDb);
        }
    }

    private static boolean hasIdentity(Connection c, String table, String column) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_get_serial_sequence('" + table + "', '" + column + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
