package dev.datamigration.controller.status;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps (second precision, as Kubernetes writes them) and the human elapsed time of the status. */
public final class Times {

    private Times() {
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    /** 45s, 12m03s, 2h05m09s. */
    public static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return String.format("%dh%02dm%02ds", hours, minutes, rest);
        }
        if (minutes > 0) {
            return String.format("%dm%02ds", minutes, rest);
        }
        return rest + "s";
    }
}
