package dev.datamigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.controller.validation.SpecValidator;
import dev.datamigration.job.TaskCopyOptions;
import dev.datamigration.job.TaskException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The copier's bounds and defaults come from one place, {@link CopierLimits}: the CRD schema (generated from the
 * annotations on CopierSpec and DataMigrationSpec), the operator's SpecValidator and the copy Job's own checks name the
 * same ranges, and the defaults of the CRD, of CopierSpec and of the task agree.
 */
class CopierLimitsTest {

    /** The CRD as the api module generates it (CommittedCrdTest keeps it equal to the committed one). */
    private static final String GENERATED_CRD = "META-INF/fabric8/datamigrations.datamigration.dev-v1.yml";

    private static JSONSchemaProps spec;

    @BeforeAll
    static void readTheCrd() throws Exception {
        try (InputStream in = CopierLimitsTest.class.getClassLoader().getResourceAsStream(GENERATED_CRD)) {
            assertThat(in).as(GENERATED_CRD).isNotNull();
            CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        }
    }

    private static JSONSchemaProps copier(String field) {
        return spec.getProperties().get("copier").getProperties().get(field);
    }

    @Test
    void theCrdSchemaHasTheBoundsAndDefaultsOfCopierLimits() {
        assertSchema(copier("batchSize"), CopierLimits.BATCH_SIZE_MIN, (double) CopierLimits.BATCH_SIZE_MAX,
                CopierLimits.BATCH_SIZE_DEFAULT_TEXT);
        assertSchema(copier("streams"), CopierLimits.STREAMS_MIN, (double) CopierLimits.STREAMS_MAX,
                CopierLimits.STREAMS_DEFAULT_TEXT);
        assertSchema(copier("concurrentEntities"), CopierLimits.CONCURRENT_ENTITIES_MIN,
                (double) CopierLimits.CONCURRENT_ENTITIES_MAX, CopierLimits.CONCURRENT_ENTITIES_DEFAULT_TEXT);
        assertSchema(copier("backoffLimit"), CopierLimits.BACKOFF_LIMIT_MIN, (double) CopierLimits.BACKOFF_LIMIT_MAX,
                CopierLimits.BACKOFF_LIMIT_DEFAULT_TEXT);
        assertSchema(copier("activeDeadlineSeconds"), CopierLimits.ACTIVE_DEADLINE_SECONDS_MIN, null,
                CopierLimits.ACTIVE_DEADLINE_SECONDS_DEFAULT_TEXT);
        assertSchema(spec.getProperties().get("parallelism"), CopierLimits.PARALLELISM_MIN,
                (double) CopierLimits.PARALLELISM_MAX, CopierLimits.PARALLELISM_DEFAULT_TEXT);
        // and the numbers themselves, so that a change of a bound is a visible change of this test too
        assertThat(copier("streams").getMaximum()).isEqualTo(8.0);
        assertThat(copier("batchSize").getDefault().asText()).isEqualTo("10000");
    }

    private static void assertSchema(JSONSchemaProps field, double min, Double max, String defaultText) {
        assertThat(field.getMinimum()).isEqualTo(min);
        assertThat(field.getMaximum()).isEqualTo(max);
        assertThat(field.getDefault().asText()).isEqualTo(defaultText);
    }

    @Test
    void theValidatorAndTheCopyJobRefuseStreamsNineNamingTheSameRange() {
        assertThat(validatorProblems(c -> c.setStreams(9)))
                .contains("spec.copier.streams must be between 1 and 8, got 9");
        assertThat(jobRefusal(t -> t.setStreams(9))).isEqualTo("streams must be between 1 and 8, not 9");
        assertThat(CopierLimits.between(copier("streams").getMinimum().longValue(),
                copier("streams").getMaximum().longValue())).isEqualTo("between 1 and 8");
    }

    @Test
    void theValidatorAndTheCopyJobRefuseConcurrentEntitiesNineNamingTheSameRange() {
        assertThat(validatorProblems(c -> c.setConcurrentEntities(9)))
                .contains("spec.copier.concurrentEntities must be between 1 and 8, got 9");
        assertThat(jobRefusal(t -> t.setConcurrentEntities(9)))
                .isEqualTo("concurrentEntities must be between 1 and 8, not 9");
    }

    /** Every value the CRD and the validator let through, the Job takes (its batch floor is lower on purpose). */
    @Test
    void theCopyJobTakesEveryValueTheValidatorAccepts() {
        for (int[] edge : new int[][] {{CopierLimits.BATCH_SIZE_MIN, CopierLimits.STREAMS_MIN,
                CopierLimits.CONCURRENT_ENTITIES_MIN}, {CopierLimits.BATCH_SIZE_MAX, CopierLimits.STREAMS_MAX,
                CopierLimits.CONCURRENT_ENTITIES_MAX}}) {
            assertThat(validatorProblems(c -> {
                c.setBatchSize(edge[0]);
                c.setStreams(edge[1]);
                c.setConcurrentEntities(edge[2]);
            })).noneMatch(p -> p.startsWith("spec.copier."));
            JobTask task = new JobTask();
            task.setBatchSize(edge[0]);
            task.setStreams(edge[1]);
            task.setConcurrentEntities(edge[2]);
            assertThat(TaskCopyOptions.of(task)).satisfies(o -> {
                assertThat(o.batchSize()).isEqualTo(edge[0]);
                assertThat(o.streams()).isEqualTo(edge[1]);
                assertThat(o.concurrentEntities()).isEqualTo(edge[2]);
            });
        }
        assertThat(validatorProblems(c -> c.setBatchSize(CopierLimits.BATCH_SIZE_MIN - 1)))
                .contains("spec.copier.batchSize must be between 100 and 1000000, got 99");
        assertThat(CopierLimits.BATCH_SIZE_JOB_MIN).isLessThanOrEqualTo(CopierLimits.BATCH_SIZE_MIN);
    }

    @Test
    void theSpecAndTheTaskDefaultToTheCrdDefaults() {
        CopierSpec copier = new CopierSpec();
        JobTask task = new JobTask();
        assertThat(List.of(copier.getBatchSize(), copier.getStreams(), copier.getConcurrentEntities(),
                task.getBatchSize(), task.getStreams(), task.getConcurrentEntities()))
                .containsExactly(copierDefault("batchSize"), copierDefault("streams"),
                        copierDefault("concurrentEntities"), copierDefault("batchSize"), copierDefault("streams"),
                        copierDefault("concurrentEntities"));
        assertThat(copier.getBackoffLimit()).isEqualTo(copierDefault("backoffLimit"));
        assertThat(copier.getActiveDeadlineSeconds()).isEqualTo(copier("activeDeadlineSeconds").getDefault()
                .asLong());
        assertThat(new DataMigrationSpec().getParallelism())
                .isEqualTo(spec.getProperties().get("parallelism").getDefault().asInt());
    }

    private static int copierDefault(String field) {
        return copier(field).getDefault().asInt();
    }

    private static List<String> validatorProblems(Consumer<CopierSpec> settings) {
        CopierSpec copier = new CopierSpec();
        settings.accept(copier);
        DataMigrationSpec dmSpec = new DataMigrationSpec();
        dmSpec.setCopier(copier);
        DataMigration migration = new DataMigration();
        migration.setMetadata(new ObjectMeta());
        migration.getMetadata().setName("dm");
        migration.setSpec(dmSpec);
        return SpecValidator.validate(migration);
    }

    private static String jobRefusal(Consumer<JobTask> settings) {
        JobTask task = new JobTask();
        settings.accept(task);
        try {
            TaskCopyOptions.of(task);
        } catch (TaskException e) {
            return e.getMessage();
        }
        throw new AssertionError("the copy Job took the task");
    }
}
