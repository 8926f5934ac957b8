package dev.datamigration.devtools.demo;

import java.time.Duration;

/** Short human formats for the demo's clocks. */
final class Durations {

    private Durations() {
    }

    /** {@code m:ss}, or {@code h:mm:ss} from one hour on. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 3600) {
            return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** Milliseconds as seconds with one decimal, e.g. {@code 12.3s}. */
    static String seconds(long millis) {
        return String.format("%d.%ds", millis / 1000, millis % 1000 / 100);
    }
}
