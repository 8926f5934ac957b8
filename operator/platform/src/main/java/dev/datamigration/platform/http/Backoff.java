package dev.datamigration.platform.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: the n-th retry waits a random time in [d/2, d], d = initial * 2^(n-1) capped. */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    Duration beforeRetry(int retry) {
        long capMillis = max.toMillis();
        long millis = initial.toMillis();
        for (int i = 1; i < retry && millis < capMillis; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, capMillis);
        long half = millis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(millis - half + 1));
    }

    /** A server-requested wait (Retry-After), capped so one call stays bounded. */
    Duration serverRequested(Duration requested) {
        return requested.compareTo(max) > 0 ? max : requested;
    }
}
