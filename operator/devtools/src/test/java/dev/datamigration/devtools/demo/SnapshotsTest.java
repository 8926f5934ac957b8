package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A DataMigration's status joined with its Jobs' progress documents. */
class SnapshotsTest {

    private static final String SPEC = """
            apiVersion: datamigration.dev/v1alpha1
            kind: DataMigration
            metadata: {name: prod-to-qa, namespace: demo}
            spec:
              source: {environment: Production, database: {engine: PostgreSQL, url: "jdbc:postgresql://h/p", credentialsSecret: p}}
              target: {environment: QA, database: {engine: PostgreSQL, url: "jdbc:postgresql://h/q", credentialsSecret: q}}
              apps: [Catalog, Customers]
            """;

    @Test
    void beforeTheOperatorWritesAStatusTheRequestedAppsArePending() {
        MigrationSnapshot snapshot = Snapshots.of(Serialization.unmarshal(SPEC, DataMigration.class), Map.of());

        assertThat(snapshot).isEqualTo(new MigrationSnapshot("prod-to-qa", "Production", "QA", Phase.Pending,
                java.util.List.of(new AppSnapshot("Catalog", AppPhase.Pending, 0, 0, java.util.List.of(), null),
                        new AppSnapshot("Customers", AppPhase.Pending, 0, 0, java.util.List.of(), null)),
                0, null, null, null));
    }

    @Test
    void appsComeFromTheStatusAndEntitiesFromTheJobsProgress() {
        DataMigration migration = Serialization.unmarshal(SPEC + """
                status:
                  phase: Copying
                  elapsed: 41s
                  message: "Wave 0: 2 Jobs running, 1 of 2 apps copied"
                  rows: {copied: 9000, estimated: 30000}
                  apps:
                    - {name: Catalog, phase: Succeeded, job: prod-to-qa-catalog, entities: {total: 1, migrated: 1}}
                    - {name: Customers, phase: Running, job: prod-to-qa-customers, entities: {total: 2, migrated: 0}}
                """, DataMigration.class);
        Progress customers = JobProgress.parse("prod-to-qa-customers-progress", """
                {"app":"Customers","state":"Running","entities":[
                  {"name":"Customer","state":"Copying","sourceRows":12000,"copiedRows":6500},
                  {"name":"Address","state":"Pending"}],"updatedAt":"2025-06-02T10:00:00Z"}
                """);

        MigrationSnapshot snapshot = Snapshots.of(migration, Map.of("Customers", customers));

        assertThat(snapshot.phase()).isEqualTo(Phase.Copying);
        assertThat(snapshot.elapsed()).isEqualTo("41s");
        assertThat(snapshot.message()).isEqualTo("Wave 0: 2 Jobs running, 1 of 2 apps copied");
        assertThat(snapshot.rowsEstimated()).isEqualTo(30000L);
        assertThat(snapshot.rowsCopied()).as("the status' count is newer than the one Job seen here").isEqualTo(9000);
        assertThat(snapshot.apps()).extracting(AppSnapshot::name, AppSnapshot::phase, AppSnapshot::migrated,
                AppSnapshot::total).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Catalog", AppPhase.Succeeded, 1, 1),
                        org.assertj.core.groups.Tuple.tuple("Customers", AppPhase.Running, 0, 2));
        assertThat(snapshot.apps().get(1).entities()).extracting(e -> e.getName() + " " + e.getState() + " "
                + e.getCopiedRows()).containsExactly("Customer Copying 6500", "Address Pending null");
        assertThat(snapshot.apps().get(1).entities().get(0).getState()).isEqualTo(EntityState.Copying);
    }

    @Test
    void aBrokenProgressDocumentNamesItsConfigMap() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobProgress.parse("prod-to-qa-orders-progress",
                "{\"app\": "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ConfigMap prod-to-qa-orders-progress holds no valid progress.json: ");
    }
}
