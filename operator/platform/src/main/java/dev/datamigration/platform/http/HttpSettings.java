package dev.datamigration.platform.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retry bounds of every platform call. The defaults keep one call (all attempts included) under
 * about a minute, so a reconcile that makes a call never blocks for long.
 *
 * @param connectTimeout  TCP/TLS connect timeout
 * @param requestTimeout  time to wait for the response of one attempt
 * @param maxAttempts     attempts per call, first one included (1 = no retry)
 * @param initialBackoff  wait before the first retry; doubled per retry, with jitter
 * @param maxBackoff      cap of one wait between attempts (also caps a server's Retry-After)
 * @param callDeadline    no new attempt starts once the call has taken this long
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, Duration callDeadline) {

    public HttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(callDeadline, "callDeadline");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** 5 s connect, 20 s per attempt, 3 attempts, backoff 250 ms doubling up to 5 s, 60 s per call. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofMillis(250),
                Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff, callDeadline);
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, callDeadline);
    }

    public HttpSettings withBackoff(Duration initial, Duration max) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, initial, max, callDeadline);
    }

    public HttpSettings withCallDeadline(Duration deadline) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, deadline);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
