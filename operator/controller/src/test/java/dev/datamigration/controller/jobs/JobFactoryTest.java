package dev.datamigration.controller.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.MaskingStrategy;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.controller.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.PlatformEndpoint;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobFactoryTest {

    private final JobFactory factory = new JobFactory(OperatorHarness.SETTINGS);
    private DataMigration migration;

    @BeforeEach
    void setUp() {
        migration = OperatorHarness.migration("prod-to-qa", "Orders", "Customers");
        migration.getMetadata().setUid("uid-1");
        MaskingRule rule = new MaskingRule();
        rule.setApp("Customers");
        rule.setEntity("Customer");
        rule.setAttribute("Email");
        rule.setStrategy(MaskingStrategy.Email);
        migration.getSpec().setMasking(List.of(rule));
        migration.getSpec().setMaskingKeySecret("masking-key");
    }

    @Test
    @DisplayName("A copy Job: contract labels, owner reference, command, restricted security, Secret volumes, policy")
    void copyJob() {
        JobTask task = TaskFactory.copy(migration, "prod-to-qa-orders", "Orders", List.of("Customers", "Orders"));
        Job job = factory.job(migration, "prod-to-qa-orders", task);

        assertThat(job.getMetadata().getName()).isEqualTo("prod-to-qa-orders");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("refresh");
        assertThat(job.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/managed-by", "datamigration-operator",
                "datamigration.dev/migration", "prod-to-qa",
                "datamigration.dev/task", "copy",
                "datamigration.dev/app", "Orders"));
        assertThat(job.getMetadata().getAnnotations()).containsExactlyEntriesOf(Map.of("datamigration.dev/app-name",
                "Orders"));
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("DataMigration");
            assertThat(owner.getApiVersion()).isEqualTo("datamigration.dev/v1alpha1");
            assertThat(owner.getName()).isEqualTo("prod-to-qa");
            assertThat(owner.getUid()).isEqualTo("uid-1");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(21600L);
        List<PodFailurePolicyRule> rules = job.getSpec().getPodFailurePolicy().getRules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(2);
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("copier");
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnPodConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getType()).isEqualTo("DisruptionTarget");
            assertThat(condition.getStatus()).isEqualTo("True");
        });

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("datamigration-copier");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().get(0);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(container.getName()).isEqualTo("copier");
        assertThat(container.getImage()).isEqualTo("registry.example/datamigration:test");
        assertThat(container.getArgs()).containsExactly("copy", "--task", "/etc/datamigration/task/task.json");
        assertThat(container.getEnv()).isEmpty();
        assertThat(container.getEnvFrom()).isEmpty();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getVolumeMounts()).extracting(m -> m.getName() + "@" + m.getMountPath() + ":"
                        + Boolean.TRUE.equals(m.getReadOnly()))
                .containsExactly("task@/etc/datamigration/task:true",
                        "source-credentials@/etc/datamigration/secrets/source:true",
                        "target-credentials@/etc/datamigration/secrets/target:true",
                        "tmp@/tmp:false",
                        "masking-key@/etc/datamigration/secrets/masking:true");
        assertThat(pod.getVolumes()).hasSize(5);
        assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("prod-to-qa-orders-task");
        assertThat(pod.getVolumes().get(1).getSecret().getSecretName()).isEqualTo("prod-db-readonly");
        assertThat(pod.getVolumes().get(1).getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(pod.getVolumes().get(1).getSecret().getItems()).extracting(item -> item.getKey())
                .containsExactly("username", "password");
        assertThat(pod.getVolumes().get(2).getSecret().getSecretName()).isEqualTo("qa-db-writer");
        assertThat(pod.getVolumes().get(3).getEmptyDir()).isNotNull();
        assertThat(pod.getVolumes().get(4).getSecret().getSecretName()).isEqualTo("masking-key");
        assertThat(pod.getVolumes().get(4).getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(pod.getVolumes().get(4).getSecret().getItems()).extracting(item -> item.getKey() + "->"
                + item.getPath()).containsExactly("key->key");
    }

    @Test
    @DisplayName("Without masking rules no masking key is mounted and the task names none")
    void noMaskingNoKey() {
        migration.getSpec().setMasking(null);
        JobTask task = TaskFactory.copy(migration, "prod-to-qa-orders", "Orders", List.of("Orders"));
        Job job = factory.job(migration, "prod-to-qa-orders", task);
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
                .containsExactly("task", "source-credentials", "target-credentials", "tmp");
        assertThat(task.getMasking()).isNull();
        assertThat(task.getMaskingKeyDir()).isNull();
    }

    @Test
    @DisplayName("An ODC target's Jobs mount its mapping ConfigMap (optional: a missing one fails in the copier)")
    void odcMappingMounted() {
        DataMigration odc = OperatorHarness.migration("prod-to-stage", "Orders");
        odc.getMetadata().setUid("uid-2");
        odc.getSpec().getTarget().setPlatform(dev.datamigration.api.v1alpha1.Platform.ODC);
        dev.datamigration.api.v1alpha1.OdcMappingSpec mapping = new dev.datamigration.api.v1alpha1.OdcMappingSpec();
        mapping.setConfigMap("orders-mapping");
        odc.getSpec().getTarget().setMapping(mapping);
        JobTask task = TaskFactory.plan(odc, "prod-to-stage-plan");
        Job job = factory.job(odc, "prod-to-stage-plan", task);
        assertThat(task.getOdcMappingDir()).isEqualTo("/etc/datamigration/odc-mapping");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .extracting(m -> m.getName() + "@" + m.getMountPath() + ":" + Boolean.TRUE.equals(m.getReadOnly()))
                .contains("odc-mapping@/etc/datamigration/odc-mapping:true");
        io.fabric8.kubernetes.api.model.Volume volume = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("odc-mapping")).findFirst().orElseThrow();
        assertThat(volume.getConfigMap().getName()).isEqualTo("orders-mapping");
        assertThat(volume.getConfigMap().getOptional()).isTrue();
        assertThat(volume.getConfigMap().getItems()).extracting(item -> item.getKey() + "->" + item.getPath())
                .containsExactly("mapping.yaml->mapping.yaml");
    }

    @Test
    @DisplayName("ODC target matching users by e-mail: the ODC platform Secret is mounted (clientId, clientSecret)"
            + " and the task names the portal, the directory and the users ledger, never a credential")
    void odcPlatformSecretForEndUsers() {
        migration.getSpec().setMasking(null);
        migration.getSpec().getTarget().setPlatform(Platform.ODC);
        UsersSpec users = new UsersSpec();
        users.setMatch(UserMatch.Email);
        users.setUnmatched(UnmatchedUsers.Create);
        migration.getSpec().setUsers(users);
        PlatformEndpoint odc = new PlatformEndpoint();
        odc.setUrl("https://acme.outsystems.dev");
        odc.setCredentialsSecret("odc-client");
        migration.getSpec().getPlatformApi().setTarget(odc);

        for (JobTask task : List.of(TaskFactory.plan(migration, "prod-to-qa-plan"),
                TaskFactory.copy(migration, "prod-to-qa-orders", "Orders", List.of("Orders")))) {
            Job job = factory.job(migration, "prod-to-qa-x", task);
            var pod = job.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("task", "source-credentials",
                    "target-credentials", "tmp", "odc-platform-credentials");
            assertThat(pod.getVolumes().get(4).getSecret().getSecretName()).isEqualTo("odc-client");
            assertThat(pod.getVolumes().get(4).getSecret().getDefaultMode()).isEqualTo(0400);
            assertThat(pod.getVolumes().get(4).getSecret().getItems()).extracting(item -> item.getKey())
                    .containsExactly("clientId", "clientSecret");
            assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getName() + "@"
                    + m.getMountPath()).contains("odc-platform-credentials@/etc/datamigration/secrets/odc-platform");
            assertThat(pod.getContainers().get(0).getEnv()).isEmpty();
            assertThat(task.getOdcPlatform().getPortalUrl()).isEqualTo("https://acme.outsystems.dev");
            assertThat(task.getOdcPlatform().getCredentialsDir()).isEqualTo("/etc/datamigration/secrets/odc-platform");
            assertThat(task.getOdcPlatform().getUsersConfigMap()).isEqualTo("prod-to-qa-users");
        }

        migration.getSpec().getTarget().setPlatform(Platform.O11);
        users.setMatch(UserMatch.Username);
        JobTask o11 = TaskFactory.copy(migration, "prod-to-qa-orders", "Orders", List.of("Orders"));
        assertThat(o11.getOdcPlatform()).isNull();
        assertThat(factory.job(migration, "prod-to-qa-orders", o11).getSpec().getTemplate().getSpec().getVolumes())
                .extracting(v -> v.getName()).doesNotContain("odc-platform-credentials");
    }

    @Test
    @DisplayName("spec.copier overrides image, limits, deadline and resources")
    void copierOverrides() {
        CopierSpec copier = new CopierSpec();
        copier.setImage("mirror.example/dm:1.2");
        copier.setBackoffLimit(0);
        copier.setActiveDeadlineSeconds(600L);
        copier.setStreams(4);
        copier.setConcurrentEntities(3);
        copier.setSqlServerLoad(SqlServerLoad.BatchInsert);
        copier.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi"))
                .addToRequests("cpu", new Quantity("1")).build());
        migration.getSpec().setCopier(copier);
        assertThat(TaskFactory.copy(migration, "prod-to-qa-orders", "Orders", List.of("Orders")))
                .extracting(JobTask::getStreams, JobTask::getConcurrentEntities, JobTask::getSqlServerLoad)
                .containsExactly(4, 3, SqlServerLoad.BatchInsert);
        Job job = factory.job(migration, "prod-to-qa-plan", TaskFactory.plan(migration, "prod-to-qa-plan"));
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("mirror.example/dm:1.2");
        assertThat(container.getArgs()).containsExactly("plan", "--task", "/etc/datamigration/task/task.json");
        assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("1"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(job.getMetadata().getLabels()).containsEntry("datamigration.dev/task", "plan")
                .doesNotContainKey("datamigration.dev/app");
    }

    @Test
    @DisplayName("The task ConfigMap holds task.json as the copier reads it: paths, never credentials")
    void taskConfigMap() throws Exception {
        JobTask task = TaskFactory.copy(migration, "prod-to-qa-customers", "Customers", List.of("Customers", "Orders"));
        ConfigMap configMap = factory.taskConfigMap(migration, "prod-to-qa-customers", task);
        assertThat(configMap.getMetadata().getName()).isEqualTo("prod-to-qa-customers-task");
        assertThat(configMap.getMetadata().getLabels()).containsEntry("datamigration.dev/app", "Customers");
        String json = configMap.getData().get("task.json");
        assertThat(json).doesNotContain("r-secret", "w-secret", "password\"");
        JobTask read = new ObjectMapper().readValue(json, JobTask.class);
        assertThat(read.getKind()).isEqualTo(TaskKind.Copy);
        assertThat(read.getMigration()).isEqualTo("prod-to-qa");
        assertThat(read.getNamespace()).isEqualTo("refresh");
        assertThat(read.getApp()).isEqualTo("Customers");
        assertThat(read.getApps()).containsExactly("Customers", "Orders");
        assertThat(read.getSource().getUrl()).isEqualTo("jdbc:sqlserver://prod-db:1433;databaseName=outsystems");
        assertThat(read.getSource().getCredentialsDir()).isEqualTo("/etc/datamigration/secrets/source");
        assertThat(read.getTarget().getCredentialsDir()).isEqualTo("/etc/datamigration/secrets/target");
        assertThat(read.getTarget().getEnvironment()).isEqualTo("QA");
        assertThat(read.getBatchSize()).isEqualTo(10000);
        assertThat(read.getStreams()).isEqualTo(1);
        assertThat(read.getConcurrentEntities()).isEqualTo(1);
        assertThat(read.getSqlServerLoad()).isEqualTo(SqlServerLoad.BulkCopy);
        assertThat(read.getProgressConfigMap()).isEqualTo("prod-to-qa-customers-progress");
        assertThat(read.getMasking()).extracting(MaskingRule::getAttribute).containsExactly("Email");
        assertThat(read.getMaskingKeyDir()).isEqualTo("/etc/datamigration/secrets/masking");
        // Every task gets every rule: a rule may name "*", and each copy plans the whole scope.
        assertThat(TaskFactory.copy(migration, "prod-to-qa-orders", "Orders", List.of("Orders")).getMasking())
                .extracting(MaskingRule::getApp).containsExactly("Customers");
        assertThat(Serialization.asJson(factory.job(migration, "prod-to-qa-customers", task))).doesNotContain("r-secret");
    }
}
