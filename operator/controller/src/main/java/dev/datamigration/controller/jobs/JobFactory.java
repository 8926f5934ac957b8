package dev.datamigration.controller.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the plan and copy Jobs and their task ConfigMaps (design.md §5, a contract). Jobs are create-only: the
 * pod template is immutable, so a rerun is a new Job, never an edit of this one.
 */
public final class JobFactory {

    /** Label telling plan Jobs from copy Jobs. */
    public static final String TASK_LABEL = "datamigration.dev/task";
    /** Annotation holding the real app name when the label value had to be shortened. */
    public static final String APP_NAME_ANNOTATION = "datamigration.dev/app-name";
    public static final String CONTAINER = "copier";
    public static final String TMP_DIR = "/tmp";
    /** task.json is indented and key-ordered so a human reading the ConfigMap finds things. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final OperatorSettings settings;

    public JobFactory(OperatorSettings settings) {
        this.settings = settings;
    }

    /** Labels on every object of one Job: its ConfigMaps carry the same ones. */
    public static Map<String, String> labels(DataMigration migration, TaskKind kind, String app) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Contracts.MANAGED_BY_LABEL, Contracts.MANAGED_BY);
        labels.put(Contracts.MIGRATION_LABEL, migration.getMetadata().getName());
        labels.put(TASK_LABEL, kind == TaskKind.Plan ? "plan" : "copy");
        if (app != null) {
            labels.put(Contracts.APP_LABEL, ResourceNames.appLabelValue(app));
        }
        return labels;
    }

    /** The task ConfigMap {@code <job>-task} holding task.json. */
    public ConfigMap taskConfigMap(DataMigration migration, String job, JobTask task) {
        return new ConfigMapBuilder()
                .withMetadata(metadata(migration, ResourceNames.taskConfigMap(job), task))
                .addToData(Contracts.TASK_KEY, toJson(task))
                .build();
    }

    /** The Job running {@code plan|copy --task /etc/datamigration/task/task.json}. */
    public Job job(DataMigration migration, String name, JobTask task) {
        CopierSpec copier = migration.getSpec().getCopier() == null ? new CopierSpec() : migration.getSpec().getCopier();
        String image = copier.getImage() == null || copier.getImage().isBlank() ? settings.copierImage()
                : copier.getImage();
        String command = task.getKind() == TaskKind.Plan ? "plan" : "copy";
        ObjectMeta metadata = metadata(migration, name, task);
        return new JobBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                    .withBackoffLimit(copier.getBackoffLimit() == null ? CopierLimits.BACKOFF_LIMIT_DEFAULT
                            : copier.getBackoffLimit())
                    .withActiveDeadlineSeconds(copier.getActiveDeadlineSeconds() == null
                            ? CopierLimits.ACTIVE_DEADLINE_SECONDS_DEFAULT
                            : copier.getActiveDeadlineSeconds())
                    .withNewPodFailurePolicy()
                        .addNewRule()
                            .withAction("FailJob")
                            .withNewOnExitCodes()
                                .withContainerName(CONTAINER)
                                .withOperator("In")
                                .withValues(Contracts.EXIT_PERMANENT)
                            .endOnExitCodes()
                        .endRule()
                        .addNewRule()
                            .withAction("Ignore")
                            .addNewOnPodCondition()
                                .withType("DisruptionTarget")
                                .withStatus("True")
                            .endOnPodCondition()
                        .endRule()
                    .endPodFailurePolicy()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(metadata.getLabels())
                            .withAnnotations(metadata.getAnnotations())
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(settings.copierServiceAccount())
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withRunAsUser(settings.copierUser())
                                .withRunAsGroup(settings.copierUser())
                                .withFsGroup(settings.copierUser())
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(image)
                                .withArgs(command, "--task", Contracts.TASK_MOUNT_DIR + "/" + Contracts.TASK_KEY)
                                .withResources(copier.getResources())
                                .withTerminationMessagePolicy("FallbackToLogsOnError")
                                .withNewSecurityContext()
                                    .withRunAsNonRoot(true)
                                    .withRunAsUser(settings.copierUser())
                                    .withAllowPrivilegeEscalation(false)
                                    .withReadOnlyRootFilesystem(true)
                                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                                .endSecurityContext()
                                .withVolumeMounts(mounts(migration))
                            .endContainer()
                            .withVolumes(volumes(migration, name))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static List<VolumeMount> mounts(DataMigration migration) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                new VolumeMountBuilder().withName("task").withMountPath(Contracts.TASK_MOUNT_DIR).withReadOnly(true)
                        .build(),
                new VolumeMountBuilder().withName("source-credentials")
                        .withMountPath(Contracts.SOURCE_CREDENTIALS_DIR).withReadOnly(true).build(),
                new VolumeMountBuilder().withName("target-credentials")
                        .withMountPath(Contracts.TARGET_CREDENTIALS_DIR).withReadOnly(true).build(),
                new VolumeMountBuilder().withName("tmp").withMountPath(TMP_DIR).build()));
        if (TaskFactory.masks(migration.getSpec())) {
            mounts.add(new VolumeMountBuilder().withName("masking-key").withMountPath(Contracts.MASKING_KEY_DIR)
                    .withReadOnly(true).build());
        }
        if (TaskFactory.odcMapped(migration.getSpec())) {
            mounts.add(new VolumeMountBuilder().withName("odc-mapping").withMountPath(Contracts.ODC_MAPPING_DIR)
                    .withReadOnly(true).build());
        }
        if (TaskFactory.odcPlatform(migration.getSpec()).isPresent()) {
            mounts.add(new VolumeMountBuilder().withName("odc-platform-credentials")
                    .withMountPath(Contracts.ODC_PLATFORM_CREDENTIALS_DIR).withReadOnly(true).build());
        }
        return mounts;
    }

    private static List<Volume> volumes(DataMigration migration, String job) {
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder().withName("task").withNewConfigMap()
                        .withName(ResourceNames.taskConfigMap(job)).withDefaultMode(0444).endConfigMap().build(),
                secretVolume("source-credentials",
                        migration.getSpec().getSource().getDatabase().getCredentialsSecret(), "username", "password"),
                secretVolume("target-credentials",
                        migration.getSpec().getTarget().getDatabase().getCredentialsSecret(), "username", "password"),
                new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build()));
        if (TaskFactory.masks(migration.getSpec())) {
            volumes.add(secretVolume("masking-key", migration.getSpec().getMaskingKeySecret(),
                    Contracts.MASKING_KEY_FILE));
        }
        if (TaskFactory.odcMapped(migration.getSpec())) {
            // Optional: a missing ConfigMap or key must not leave the pod waiting to start; the copier then fails
            // at once, naming the ConfigMap (plan Job, before anything is stopped or written).
            volumes.add(new VolumeBuilder().withName("odc-mapping").withNewConfigMap()
                    .withName(migration.getSpec().getTarget().getMapping().getConfigMap()).withDefaultMode(0444)
                    .withOptional(true)
                    .withItems(new KeyToPath(Contracts.ODC_MAPPING_FILE, null, Contracts.ODC_MAPPING_FILE))
                    .endConfigMap().build());
        }
        TaskFactory.odcPlatform(migration.getSpec()).ifPresent(odc -> volumes.add(
                secretVolume("odc-platform-credentials", odc.credentialsSecret(), "clientId", "clientSecret")));
        return volumes;
    }

    /** A Secret volume exposing only the keys the copier reads, readable by the pod's user alone. */
    private static Volume secretVolume(String name, String secret, String... keys) {
        return new VolumeBuilder().withName(name).withNewSecret()
                .withSecretName(secret)
                .withDefaultMode(0400)
                .withItems(Arrays.stream(keys).map(key -> new KeyToPath(key, null, key)).toList())
                .endSecret().build();
    }

    private static ObjectMeta metadata(DataMigration migration, String name, JobTask task) {
        ObjectMetaBuilder builder = new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(migration.getMetadata().getNamespace())
                .withLabels(labels(migration, task.getKind(), task.getApp()))
                .withOwnerReferences(ownerReference(migration));
        if (task.getApp() != null) {
            builder.addToAnnotations(APP_NAME_ANNOTATION, task.getApp());
        }
        return builder.build();
    }

    /** Owner reference to the DataMigration: the garbage collector removes Jobs and ConfigMaps with it. */
    public static OwnerReference ownerReference(DataMigration migration) {
        return new OwnerReferenceBuilder()
                .withApiVersion(migration.getApiVersion())
                .withKind(migration.getKind())
                .withName(migration.getMetadata().getName())
                .withUid(migration.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** task.json exactly as the copier reads it. */
    public static String toJson(JobTask task) {
        try {
            return JSON.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JobTask always serialises", e);
        }
    }
}
