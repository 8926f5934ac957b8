package dev.datamigration.platform.http;

import java.time.Duration;
import java.util.Locale;

/**
 * Sees every attempt of every platform call, so the controller can back it with Micrometer counters and timers.
 * All values are low-cardinality: the platform ("lifetime", "odc"), a fixed operation name per adapter method
 * (e.g. "listEnvironments"), never a key, name or URL.
 */
@FunctionalInterface
public interface CallObserver {

    /** Observes nothing. */
    CallObserver NONE = (platform, operation, outcome, duration) -> {
    };

    /**
     * One attempt ended.
     *
     * @param outcome  {@link Outcome#RETRY} when another attempt follows, else the call's final outcome
     * @param duration time of this attempt (not including the backoff before it)
     */
    void attempt(String platform, String operation, Outcome outcome, Duration duration);

    /** How an attempt ended. {@link #tag()} is the metric tag value. */
    enum Outcome {
        SUCCESS,
        RETRY,
        FAILURE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
