package dev.datamigration.devtools.demo;

import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.devtools.local.ProgressView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's {@link ProgressView}: turns each status poll of the local run into a {@link MigrationSnapshot} (status
 * plus the Jobs' progress documents), measures rows per second and elapsed time, and hands them to a
 * {@link Screen}. It keeps the last snapshot for the summary.
 */
final class DemoView implements ProgressView {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    private final Screen screen;
    private final Function<DataMigration, Map<String, Progress>> progress;
    private final Clock clock;
    private final Instant started;
    private final RowRate rate = new RowRate(RATE_WINDOW);
    private volatile MigrationSnapshot last;

    /**
     * @param progress reads the progress documents of a migration's Jobs, by app
     */
    DemoView(Screen screen, Function<DataMigration, Map<String, Progress>> progress, Clock clock) {
        this.screen = screen;
        this.progress = progress;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void show(List<DataMigration> migrations) {
        Instant now = clock.instant();
        MigrationSnapshot snapshot = snapshot(migrations);
        screen.draw(snapshot, Duration.between(started, now), rate.add(now, snapshot.rowsCopied()));
    }

    @Override
    public void finish(List<DataMigration> migrations) {
        Instant now = clock.instant();
        MigrationSnapshot snapshot = snapshot(migrations);
        screen.end(snapshot, Duration.between(started, now), rate.add(now, snapshot.rowsCopied()));
    }

    /** The last state shown, or null before the first poll. */
    MigrationSnapshot last() {
        return last;
    }

    private MigrationSnapshot snapshot(List<DataMigration> migrations) {
        if (migrations.size() != 1) {
            throw new IllegalStateException("the demo runs one DataMigration, the manifests hold "
                    + migrations.size());
        }
        DataMigration migration = migrations.get(0);
        MigrationSnapshot snapshot = Snapshots.of(migration, progress.apply(migration));
        last = snapshot;
        return snapshot;
    }
}
