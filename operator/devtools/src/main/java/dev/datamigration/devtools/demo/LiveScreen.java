package dev.datamigration.devtools.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Redraws the dashboard in place with ANSI cursor movement: the cursor goes up over the last frame and rewrites it. */
final class LiveScreen implements Screen {

    static final String HIDE_CURSOR = "\u001b[?25l";
    static final String SHOW_CURSOR = "\u001b[?25h";
    private static final String CLEAR_LINE = "\u001b[2K";
    private static final String CLEAR_BELOW = "\u001b[J";

    private final PrintStream out;
    private final Dashboard dashboard;
    private int drawn;
    private boolean cursorHidden;
    private boolean stopped;

    LiveScreen(PrintStream out, Dashboard dashboard) {
        this.out = out;
        this.dashboard = dashboard;
    }

    @Override
    public synchronized void draw(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond) {
        if (stopped) {
            return;
        }
        out.print(frame(dashboard.render(snapshot, elapsed, rowsPerSecond)));
        out.flush();
    }

    @Override
    public synchronized void end(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond) {
        if (stopped) {
            return;
        }
        draw(snapshot, elapsed, rowsPerSecond);
        stop();
        out.println();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (cursorHidden) {
            out.print(SHOW_CURSOR);
            out.flush();
            cursorHidden = false;
        }
    }

    /** The escape sequences and text that replace the previous frame with {@code lines}. */
    String frame(List<String> lines) {
        StringBuilder text = new StringBuilder();
        if (!cursorHidden) {
            text.append(HIDE_CURSOR);
            cursorHidden = true;
        }
        if (drawn > 0) {
            text.append("\u001b[").append(drawn).append('A');
        }
        for (String line : lines) {
            text.append('\r').append(CLEAR_LINE).append(line).append('\n');
        }
        text.append(CLEAR_BELOW);
        drawn = lines.size();
        return text.toString();
    }
}
