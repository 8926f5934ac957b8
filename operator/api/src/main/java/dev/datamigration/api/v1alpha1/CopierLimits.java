package dev.datamigration.api.v1alpha1;

/**
 * Bounds and defaults of the copier settings ({@code spec.copier.*}) and of {@code spec.parallelism}, declared once.
 * The CRD schema (the {@code @Min}/{@code @Max}/{@code @Default} annotations of {@link CopierSpec} and
 * {@link DataMigrationSpec}), the operator's spec validator, the task defaults (the controller's TaskFactory and
 * {@link dev.datamigration.api.task.JobTask}) and the copy Job's own checks all read them here, so they cannot drift.
 * <p>
 * Annotation values must be compile-time constants: the bounds are {@code int}/{@code long} constants and each default
 * also exists as the String the CRD's {@code @Default} takes ({@code ..._DEFAULT_TEXT}, derived from the number).
 */
public final class CopierLimits {

    /** Rows per source fetch ({@code spec.copier.batchSize}). */
    public static final int BATCH_SIZE_MIN = 100;
    public static final int BATCH_SIZE_MAX = 1_000_000;
    public static final int BATCH_SIZE_DEFAULT = 10_000;
    public static final String BATCH_SIZE_DEFAULT_TEXT = "" + BATCH_SIZE_DEFAULT;
    /**
     * The smallest batch the copy Job itself accepts (task file or {@code copy --batch-size}). Lower than
     * {@link #BATCH_SIZE_MIN} on purpose: tests and local runs use batches of a few rows to go through many batches on
     * small tables; a DataMigration cannot ask for them, as the CRD and the validator keep the minimum.
     */
    public static final int BATCH_SIZE_JOB_MIN = 1;

    public static final int STREAMS_MIN = 1;
    public static final int STREAMS_MAX = 8;
    public static final int STREAMS_DEFAULT = 1;
    public static final String STREAMS_DEFAULT_TEXT = "" + STREAMS_DEFAULT;

    public static final int CONCURRENT_ENTITIES_MIN = 1;
    public static final int CONCURRENT_ENTITIES_MAX = 8;
    public static final int CONCURRENT_ENTITIES_DEFAULT = 1;
    public static final String CONCURRENT_ENTITIES_DEFAULT_TEXT = "" + CONCURRENT_ENTITIES_DEFAULT;

    public static final int BACKOFF_LIMIT_MIN = 0;
    public static final int BACKOFF_LIMIT_MAX = 20;
    public static final int BACKOFF_LIMIT_DEFAULT = 3;
    public static final String BACKOFF_LIMIT_DEFAULT_TEXT = "" + BACKOFF_LIMIT_DEFAULT;

    /** A copy Job's deadline: a floor, no upper bound. */
    public static final long ACTIVE_DEADLINE_SECONDS_MIN = 60;
    public static final long ACTIVE_DEADLINE_SECONDS_DEFAULT = 21_600;
    public static final String ACTIVE_DEADLINE_SECONDS_DEFAULT_TEXT = "" + ACTIVE_DEADLINE_SECONDS_DEFAULT;

    /** App copy Jobs running at once ({@code spec.parallelism}). */
    public static final int PARALLELISM_MIN = 1;
    public static final int PARALLELISM_MAX = 32;
    public static final int PARALLELISM_DEFAULT = 2;
    public static final String PARALLELISM_DEFAULT_TEXT = "" + PARALLELISM_DEFAULT;

    private CopierLimits() {
    }

    /** How a range reads in messages: {@code between 1 and 8} (the validator's and the copy Job's refusals). */
    public static String between(long min, long max) {
        return "between " + min + " and " + max;
    }
}
