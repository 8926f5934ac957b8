package dev.datamigration.devtools.demo;

import java.io.PrintStream;
import java.time.Duration;

/** Progress as lines, for logs and pipes: only what changed, never an escape code. */
final class LineScreen implements Screen {

    private final PrintStream out;
    private final ProgressLines lines = new ProgressLines();

    LineScreen(PrintStream out) {
        this.out = out;
    }

    private boolean stopped;

    @Override
    public synchronized void draw(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond) {
        if (stopped) {
            return;
        }
        lines.next(snapshot, elapsed, rowsPerSecond).forEach(out::println);
        out.flush();
    }

    @Override
    public synchronized void end(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond) {
        draw(snapshot, elapsed, rowsPerSecond);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
    }
}
