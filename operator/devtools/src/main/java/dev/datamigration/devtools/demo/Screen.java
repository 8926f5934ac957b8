package dev.datamigration.devtools.demo;

import java.time.Duration;

/** Where the demo's progress goes: redrawn in place on a terminal, or as lines in a log. */
interface Screen {

    /** Shows the migration now; called about twice a second. */
    void draw(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond);

    /** The last frame: the terminal is left as a normal terminal afterwards. */
    void end(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond);

    /**
     * Ends the view early (an error, Ctrl-C): later draws are ignored, so that messages printed next are not
     * drawn over, and any terminal state (a hidden cursor) is undone. Safe to call at any time, more than once.
     */
    void stop();
}
