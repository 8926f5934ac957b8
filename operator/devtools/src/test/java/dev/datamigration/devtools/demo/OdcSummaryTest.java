package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.TargetSpec;
import dev.datamigration.api.v1alpha1.UserCountsStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ODC part of the closing report: apps with their ODC app and rows in the stage, then the end users. */
class OdcSummaryTest {

    private static DataMigration migration(UserCountsStatus users) {
        DataMigration migration = new DataMigration();
        migration.setSpec(new DataMigrationSpec());
        migration.getSpec().setTarget(new TargetSpec());
        migration.getSpec().getTarget().setEnvironment("Test");
        DataMigrationStatus status = new DataMigrationStatus();
        status.setApps(List.of(app("Catalog", "CatalogApp", "Category", "Product"), app("Orders", null)));
        status.setUsers(users);
        migration.setStatus(status);
        return migration;
    }

    private static AppStatus app(String name, String odcApp, String... migrated) {
        AppStatus app = new AppStatus();
        app.setName(name);
        app.setOdcApp(odcApp);
        app.setMigratedEntities(migrated.length == 0 ? null : List.of(migrated));
        return app;
    }

    @Test
    void namesEachAppsOdcAppMigratedEntitiesAndStageRowsThenTheUserCounts() {
        Map<String, Long> inStage = Map.of("Catalog/Category", 6000L, "Catalog/Product", 20000L,
                "Orders/Order", 25000L);

        List<String> lines = new OdcSummary(Style.plain()).render(migration(new UserCountsStatus(2L, 3L, 1L)),
                inStage, 5);

        assertThat(lines).containsExactly(
                "ODC apps in stage Test",
                "  App      ODC app     Migrated entities  Rows in stage",
                "  Catalog  CatalogApp                  2         26,000",
                "  Orders   -                           0         25,000",
                "",
                "End users (users.match Email, unmatched Create): 2 matched by e-mail, 3 created through the"
                        + " Identity API, 1 set to NULL; 5 users in ODC now",
                "");
    }

    @Test
    void aStatusWithoutUserCountsSaysSo() {
        List<String> lines = new OdcSummary(Style.plain()).render(migration(null), Map.of(), 0);

        assertThat(lines).contains("End users: no counts in the status");
    }
}
