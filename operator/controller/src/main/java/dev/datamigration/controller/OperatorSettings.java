package dev.datamigration.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * How the operator runs its Jobs and paces its platform calls. Everything here comes from flags or environment
 * variables of the {@code operator} command; tests shorten the durations.
 *
 * @param copierImage image of the plan and copy Jobs when the DataMigration does not name one
 * @param copierServiceAccount service account of the Job pods (it may write the progress ConfigMaps)
 * @param copierUser numeric user id the Job pods run as (restricted Pod Security needs a non-root number)
 * @param pollInterval how often a running platform operation is polled
 * @param platformRetryBase first back-off after a transient platform failure; doubled per attempt
 * @param platformRetryMax longest back-off
 * @param platformAttempts attempts of one platform step before the run fails
 */
public record OperatorSettings(String copierImage, String copierServiceAccount, long copierUser,
        Duration pollInterval, Duration platformRetryBase, Duration platformRetryMax, int platformAttempts) {

    public static final String DEFAULT_SERVICE_ACCOUNT = "datamigration-copier";
    public static final long DEFAULT_USER = 10001L;

    public OperatorSettings {
        Objects.requireNonNull(copierImage, "copierImage");
        Objects.requireNonNull(copierServiceAccount, "copierServiceAccount");
        if (copierUser <= 0) {
            throw new IllegalArgumentException("copierUser must be a non-root user id, got " + copierUser);
        }
        if (platformAttempts < 1) {
            throw new IllegalArgumentException("platformAttempts must be at least 1, got " + platformAttempts);
        }
    }

    /** Production pacing: poll every 5 s, back off 2 s .. 60 s, 6 attempts per platform step. */
    public static OperatorSettings defaults(String copierImage) {
        return new OperatorSettings(copierImage, DEFAULT_SERVICE_ACCOUNT, DEFAULT_USER, Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(60), 6);
    }

    /** The same settings with other polling and retry pacing (the local mode polls faster). */
    public OperatorSettings withPacing(Duration poll, Duration retryBase, Duration retryMax, int attempts) {
        return new OperatorSettings(copierImage, copierServiceAccount, copierUser, poll, retryBase, retryMax,
                attempts);
    }

    /** Back-off before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration delay = platformRetryBase.multipliedBy(factor);
        return delay.compareTo(platformRetryMax) > 0 ? platformRetryMax : delay;
    }
}
