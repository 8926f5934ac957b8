package dev.datamigration.devtools.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Rows per second over a sliding window, from (time, rows copied so far) samples. */
final class RowRate {

    private record Sample(Instant at, long rows) {
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RowRate(Duration window) {
        this.window = window;
    }

    /** Records a sample and returns the rate over the window (0 until two samples are at least a second apart). */
    long add(Instant at, long rows) {
        samples.addLast(new Sample(at, rows));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(at.minus(window))) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long millis = Duration.between(first.at(), at).toMillis();
        if (millis < 1000 || rows < first.rows()) {
            return 0;
        }
        return (rows - first.rows()) * 1000 / millis;
    }
}
