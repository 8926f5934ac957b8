package dev.datamigration.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.SourceStatus;
import dev.datamigration.api.v1alpha1.SyncStats;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CutoverStatusTest {

    private static final Instant STOPPED = Instant.parse("2026-12-03T06:00:00Z");

    @Test
    @DisplayName("No stop after the bulk copy: status.source stays absent")
    void nothingWithoutStop() {
        DataMigrationStatus status = new DataMigrationStatus();
        status.setApps(List.of(app(new SyncStats(4, 1, 1, 1, 1))));
        CutoverStatus.apply(status, Conditions.of(null));
        assertThat(status.getSource()).isNull();
    }

    @Test
    @DisplayName("While catching up: the rows changed so far, no downtime yet; then the downtime until Copied settled")
    void downtimeOnceTheCatchUpEnded() {
        DataMigrationStatus status = new DataMigrationStatus();
        SourceStatus source = new SourceStatus();
        source.setStoppedAt("2026-12-03T06:00:00Z");
        status.setSource(source);
        status.setApps(List.of(app(new SyncStats(10, 2, 1, 3, 1)), app(null), app(new SyncStats(1, 0, 0, 0, 0))));
        Conditions conditions = Conditions.of(null);
        conditions.set(ConditionType.Copied, Conditions.UNKNOWN, "CatchUpJobsRunning", "Catch-up wave 0", 1,
                STOPPED.plusSeconds(5));

        CutoverStatus.apply(status, conditions);
        assertThat(status.getSource().getCatchUpRows()).isEqualTo(5L);
        assertThat(status.getSource().getDowntime()).isNull();

        conditions.set(ConditionType.Copied, Conditions.TRUE, "Copied", "Copied", 1, STOPPED.plusSeconds(125));
        CutoverStatus.apply(status, conditions);
        assertThat(status.getSource().getDowntime()).isEqualTo("2m05s");
        // the same on every later reconcile: derived from the transition time, not the clock
        CutoverStatus.apply(status, conditions);
        assertThat(status.getSource().getDowntime()).isEqualTo("2m05s");
    }

    @Test
    @DisplayName("A catch-up that failed or was cancelled still records how long the source has been stopped")
    void downtimeOfAFailedCatchUp() {
        DataMigrationStatus status = new DataMigrationStatus();
        SourceStatus source = new SourceStatus();
        source.setStoppedAt("2026-12-03T06:00:00Z");
        status.setSource(source);
        Conditions conditions = Conditions.of(null);
        conditions.set(ConditionType.Copied, Conditions.FALSE, "Cancelled", "Cancelled by spec.cancel", 1,
                STOPPED.plusSeconds(42));
        CutoverStatus.apply(status, conditions);
        assertThat(status.getSource().getDowntime()).isEqualTo("42s");
        assertThat(status.getSource().getCatchUpRows()).isZero();
    }

    private static AppStatus app(SyncStats sync) {
        AppStatus app = new AppStatus();
        app.setName("App");
        app.setSync(sync);
        return app;
    }
}
