package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line view prints what changed, rows at most every five seconds, never the same state twice. */
class ProgressLinesTest {

    private static MigrationSnapshot at(Phase phase, long rows, String message, AppSnapshot... apps) {
        return new MigrationSnapshot("prod-to-qa", "Production", "QA", phase, List.of(apps), rows, null, null,
                message);
    }

    private static AppSnapshot app(String name, AppPhase phase, int migrated, int total) {
        return new AppSnapshot(name, phase, migrated, total, List.of(), null);
    }

    @Test
    void printsChangesOnly() {
        ProgressLines lines = new ProgressLines();
        MigrationSnapshot pending = at(Phase.Pending, 0, null, app("Catalog", AppPhase.Pending, 0, 0),
                app("Customers", AppPhase.Pending, 0, 0));

        assertThat(lines.next(pending, Duration.ofSeconds(1), 0)).containsExactly("[0:01] phase Pending");
        assertThat(lines.next(pending, Duration.ofSeconds(2), 0)).isEmpty();

        assertThat(lines.next(at(Phase.Copying, 0, "Wave 0: 2 Jobs running, 0 of 2 apps copied",
                app("Catalog", AppPhase.Running, 0, 4), app("Customers", AppPhase.Pending, 0, 3)),
                Duration.ofSeconds(10), 0)).containsExactly(
                        "[0:10] phase Copying",
                        "[0:10] Catalog    0/4 entities  Running",
                        "[0:10] Customers  0/3 entities  Pending",
                        "[0:10] Wave 0: 2 Jobs running, 0 of 2 apps copied");

        assertThat(lines.next(at(Phase.Copying, 12000, "Wave 0: 2 Jobs running, 0 of 2 apps copied",
                app("Catalog", AppPhase.Running, 1, 4), app("Customers", AppPhase.Pending, 0, 3)),
                Duration.ofSeconds(12), 6000)).containsExactly(
                        "[0:12] Catalog    1/4 entities  Running",
                        "[0:12] rows 12,000 copied  6,000 rows/s");
        assertThat(lines.next(at(Phase.Copying, 20000, "Wave 0: 2 Jobs running, 0 of 2 apps copied",
                app("Catalog", AppPhase.Running, 1, 4), app("Customers", AppPhase.Pending, 0, 3)),
                Duration.ofSeconds(14), 4000)).as("rows again only after 5 s").isEmpty();
        assertThat(lines.next(at(Phase.Copying, 30000, "Wave 0: 2 Jobs running, 0 of 2 apps copied",
                app("Catalog", AppPhase.Running, 1, 4), app("Customers", AppPhase.Pending, 0, 3)),
                Duration.ofSeconds(17), 3600)).containsExactly("[0:17] rows 30,000 copied  3,600 rows/s");
    }

    @Test
    void aFailedAppLineCarriesItsMessage() {
        ProgressLines lines = new ProgressLines();
        AppSnapshot failed = new AppSnapshot("Orders", AppPhase.Failed, 2, 6, List.of(),
                "unmatched user ghost.user in Order.CreatedBy");

        assertThat(lines.next(at(Phase.Failed, 10, "Copy failed for Orders", failed), Duration.ofSeconds(75), 0))
                .containsExactly("[1:15] phase Failed",
                        "[1:15] Orders  2/6 entities  Failed  unmatched user ghost.user in Order.CreatedBy",
                        "[1:15] Copy failed for Orders");
    }
}
