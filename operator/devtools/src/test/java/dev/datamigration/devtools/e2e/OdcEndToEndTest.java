package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * O11 -> ODC through the local cluster (real operator, real plan Jobs as child JVMs, the simulator's LifeTime and ODC
 * APIs) against an ODC-laid-out embedded PostgreSQL stage and its mapping ConfigMap: a run whose O11 data breaks ODC's
 * limits fails in Planning, before anything is stopped, undeployed or written; once the O11 side is ODC-ready, a dry
 * run plans every entity of the three apps into its stage table without an error.
 */
class OdcEndToEndTest {

    @Test
    void odcLimitsBlockTheRunBeforeAnyDowntimeAndAReadySourcePlansCleanly(@TempDir Path dir) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String stageDb = EmbeddedPostgres.uniqueDatabaseName("e2e_odc_stage");
        pg.createDatabase(stageDb);
        O11Factory factory = E2eCluster.matchedUsersFactory();
        OdcStage stage = new OdcStage(factory.model(), factory.apps());
        // every O11 end user has an ODC user with the same e-mail: users.unmatched (Fail) has nothing to refuse
        try (E2eCluster e2e = E2eCluster.start(dir, factory, "e2e_odc", stage.odcUsers())) {
            try (Connection s = pg.connect(stageDb)) {
                stage.create(s);
            }
            Map<String, Long> before = counts(pg, stageDb, stage);
            e2e.configMap("orders-odc-mapping", "mapping.yaml", stage.mappingYaml());

            DataMigration blocked = e2e.odcMigration("to-odc", pg.jdbcUrl(stageDb), "orders-odc-mapping",
                    "Catalog", "Customers", "Orders");
            blocked.getSpec().getSource().setDowntime(SourceDowntime.StopEnvironment);
            blocked.getSpec().getTarget().setDowntime(TargetDowntime.UndeployApps);
            e2e.create(blocked);
            DataMigration failed = e2e.awaitStatus("to-odc", "phase Failed", s -> s.getPhase() == Phase.Failed);
            assertThat(failed.getStatus().getMessage()).contains("plan has 3 error(s): ",
                    "Catalog.ProductStatus: static entity with an auto-number identifier (Id)",
                    "Customers.CitySize: static entity with an auto-number identifier (Id)",
                    "Customers.LoyaltyAccount: multi-tenant entity with rows in tenants other than the default tenant"
                            + " Users: Acme (10 rows), Globex (10 rows)");
            assertThat(changes(e2e)).isEmpty();
            assertThat(e2e.simulator().maintenanceMode("Production")).isFalse();
            assertThat(e2e.jobNames()).containsExactly("to-odc-plan");
            assertThat(counts(pg, stageDb, stage)).isEqualTo(before);

            try (Connection production = pg.connect(e2e.databases().production())) {
                stage.prepareSource(production);
            }
            DataMigration dry = e2e.odcMigration("to-odc-dry", pg.jdbcUrl(stageDb), "orders-odc-mapping",
                    "Catalog", "Customers", "Orders");
            dry.getSpec().setDryRun(true);
            e2e.create(dry);
            e2e.awaitPhase("to-odc-dry", Phase.Succeeded);
            PlanReport plan = e2e.plan("to-odc-dry");
            assertThat(plan.getErrors()).isEmpty();
            assertThat(plan.getApps()).extracting(a -> a.getName()).containsExactlyInAnyOrder("Catalog", "Customers",
                    "Orders");
            assertThat(e2e.plannedTargetTable("to-odc-dry", "Product"))
                    .isEqualTo(stage.table(e2e.factory().model().product));
            assertThat(changes(e2e)).isEmpty();
            assertThat(counts(pg, stageDb, stage)).isEqualTo(before);
        } finally {
            pg.dropDatabase(stageDb);
        }
    }

    /** The platform calls that change something (getting an OAuth token changes nothing). */
    private static java.util.List<String> changes(E2eCluster e2e) {
        return e2e.sideEffects().stream().filter(call -> !call.endsWith("/identity/connect/token")).toList();
    }

    private static Map<String, Long> counts(EmbeddedPostgres pg, String db, OdcStage stage) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = pg.connect(db)) {
            for (String table : stage.tables().values()) {
                counts.put(table, Rows.count(c, table));
            }
        }
        return counts;
    }
}
