package dev.datamigration.api.task;

/** Names shared by the operator (writer of tasks, reader of progress) and the copier (the other way round). */
public final class Contracts {

    /** Label on every object the operator creates. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "datamigration-operator";
    /** Label naming the DataMigration an object belongs to. */
    public static final String MIGRATION_LABEL = "datamigration.dev/migration";
    /** Label naming the application a copy Job copies. */
    public static final String APP_LABEL = "datamigration.dev/app";

    /** Key of the task in the task ConfigMap, and where the Job mounts it. */
    public static final String TASK_KEY = "task.json";
    public static final String TASK_MOUNT_DIR = "/etc/datamigration/task";
    /** Where the Job mounts the source and target credentials Secrets (files username, password). */
    public static final String SOURCE_CREDENTIALS_DIR = "/etc/datamigration/secrets/source";
    public static final String TARGET_CREDENTIALS_DIR = "/etc/datamigration/secrets/target";
    /**
     * Where the Job mounts the ODC platform API Secret (files clientId, clientSecret): ODC targets matching end users
     * by e-mail, whose plan and copy Jobs call the Identity API.
     */
    public static final String ODC_PLATFORM_CREDENTIALS_DIR = "/etc/datamigration/secrets/odc-platform";

    /** Where the Job mounts the masking key Secret (file {@code key}), when the migration masks attributes. */
    public static final String MASKING_KEY_DIR = "/etc/datamigration/secrets/masking";
    public static final String MASKING_KEY_FILE = "key";
    /**
     * Where the Job mounts the ODC mapping ConfigMap (file {@code mapping.yaml}), for an ODC target. Mounted, not
     * copied into task.json: a ConfigMap holds at most 1 MiB, so a large mapping would not fit beside the task.
     */
    public static final String ODC_MAPPING_DIR = "/etc/datamigration/odc-mapping";
    public static final String ODC_MAPPING_FILE = "mapping.yaml";
    /** Shortest masking key accepted, in bytes (the copier's MaskingKey refuses shorter ones too). */
    public static final int MASKING_KEY_MIN_BYTES = 16;

    /** Keys in a Job's progress ConfigMap {@code <job>-progress}. */
    public static final String PROGRESS_KEY = "progress.json";
    public static final String PLAN_KEY = "plan.json";
    public static final String PROGRESS_SUFFIX = "-progress";
    /** Suffix of a Job's task ConfigMap ({@code <job>-task}, written by the operator, holding {@link #TASK_KEY}). */
    public static final String TASK_SUFFIX = "-task";
    /**
     * Key the operator adds to the task ConfigMap of a Job created with {@code awaitRelease} (a catch-up Job started
     * before the source environment stops) when the Job may run: the time of the release. The Job polls for it.
     */
    public static final String RELEASE_KEY = "release";

    /** Copier exit codes: 0 done, 2 permanent (do not retry), anything else transient. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_PERMANENT = 2;
    public static final int EXIT_TRANSIENT = 1;

    private Contracts() {
    }
}
