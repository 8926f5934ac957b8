package dev.datamigration.deploy.chart;

import static dev.datamigration.deploy.support.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RenderedChart;
import dev.datamigration.deploy.support.RepoFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `helm template` with the chart's default values: a cluster-wide, two-replica, restricted install. */
class HelmChartDefaultsTest {

    private static final String FULLNAME = "dm-datamigration-operator";
    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render();
    }

    @Test
    void rendersExactlyTheCoreObjectsAndNoOptionalOnes() {
        assertThat(chart.objects()).map(RenderedChart::describe).containsExactlyInAnyOrder(
                "ServiceAccount datamigration-system/dm-datamigration-operator",
                "ServiceAccount datamigration-system/dm-datamigration-operator-copier",
                "ClusterRole dm-datamigration-operator",
                "ClusterRoleBinding dm-datamigration-operator",
                "Role datamigration-system/dm-datamigration-operator-leader-election",
                "RoleBinding datamigration-system/dm-datamigration-operator-leader-election",
                "Role datamigration-system/dm-datamigration-operator-copier",
                "RoleBinding datamigration-system/dm-datamigration-operator-copier",
                "Service datamigration-system/dm-datamigration-operator-metrics",
                "Deployment datamigration-system/dm-datamigration-operator");
    }

    @Test
    void everyObjectCarriesTheStandardLabels() {
        for (HasMetadata object : chart.objects()) {
            assertThat(object.getMetadata().getLabels()).as(RenderedChart.describe(object)).containsAllEntriesOf(Map.of(
                    "helm.sh/chart", "datamigration-operator-0.1.0",
                    "app.kubernetes.io/name", "datamigration-operator",
                    "app.kubernetes.io/instance", "dm",
                    "app.kubernetes.io/version", "0.1.0",
                    "app.kubernetes.io/managed-by", "Helm"));
        }
    }

    @Test
    void deploymentRunsTwoReplicasOfTheOperatorCommandFromTheChartImage() {
        Deployment deployment = chart.get(Deployment.class, NAMESPACE, FULLNAME);
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String appVersion = RepoFiles.yamlObject(RepoFiles.path("helm/datamigration-operator/Chart.yaml"))
                .path("appVersion").asText();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/datamigration-dev/datamigration:" + appVersion);
        assertThat(operator.getCommand()).as("the image's ENTRYPOINT runs the jar").isEmpty();
        assertThat(operator.getArgs()).containsExactly("operator");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(FULLNAME);
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "datamigration-operator", "app.kubernetes.io/instance", "dm"));
    }

    @Test
    void environmentNamesTheWatchScopeThePodAndTheCopier() {
        Container operator = operatorContainer(chart);

        assertThat(operator.getEnv()).map(EnvVar::getName).containsExactly("WATCH_NAMESPACES", "POD_NAME",
                "POD_NAMESPACE", "COPIER_IMAGE", "COPIER_SERVICE_ACCOUNT", "METRICS_PORT", "LEASE_NAME", "JAVA_TOOL_OPTIONS");
        assertThat(env(operator, "METRICS_PORT").getValue()).isEqualTo("8080");
        assertThat(env(operator, "LEASE_NAME").getValue()).isEqualTo(FULLNAME + "-leader");
        assertThat(env(operator, "WATCH_NAMESPACES").getValue()).isEmpty();
        assertThat(env(operator, "POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env(operator, "POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env(operator, "COPIER_IMAGE").getValue()).isEqualTo(operator.getImage());
        assertThat(env(operator, "COPIER_SERVICE_ACCOUNT").getValue()).isEqualTo(FULLNAME + "-copier");
        assertThat(env(operator, "JAVA_TOOL_OPTIONS").getValue()).isEqualTo("-XX:MaxRAMPercentage=75");
    }

    @Test
    void probesAndMetricsUseTheOperatorsHttpPort() {
        Container operator = operatorContainer(chart);
        Service service = chart.get(Service.class, NAMESPACE, FULLNAME + "-metrics");

        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http-metrics");
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(operatorPodLabels(chart)).containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void podAndContainerFollowTheRestrictedPodSecurityStandard() {
        Deployment deployment = chart.get(Deployment.class, NAMESPACE, FULLNAME);
        PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        Container operator = operatorContainer(chart);
        SecurityContext container = operator.getSecurityContext();

        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getRunAsUser()).isEqualTo(10001L);
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getName()).isEqualTo("tmp");
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
        });
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getName()).isEqualTo("tmp");
            assertThat(volume.getEmptyDir().getSizeLimit().toString()).isEqualTo("64Mi");
        });
        assertThat(operator.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
        assertThat(operator.getResources().getLimits()).containsOnlyKeys("memory");
    }

    @Test
    void clusterWideOperatorRightsAreExactlyTheListedOnes() {
        ClusterRole role = chart.get(ClusterRole.class, null, FULLNAME);
        ClusterRoleBinding binding = chart.get(ClusterRoleBinding.class, null, FULLNAME);

        assertThat(ExpectedRbac.flatten(role.getRules())).containsExactlyEntriesOf(ExpectedRbac.OPERATOR);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(FULLNAME);
            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
        });
    }

    @Test
    void leaderElectionLeaseRightsAreInTheReleaseNamespaceOnly() {
        Role lease = chart.get(Role.class, NAMESPACE, FULLNAME + "-leader-election");
        RoleBinding binding = chart.get(RoleBinding.class, NAMESPACE, FULLNAME + "-leader-election");

        assertThat(ExpectedRbac.flatten(lease.getRules())).containsExactlyEntriesOf(ExpectedRbac.LEADER_ELECTION);
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME + "-leader-election");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo(FULLNAME));
    }

    @Test
    void copierMayOnlyWriteConfigMapsInTheReleaseNamespace() {
        Role copier = chart.get(Role.class, NAMESPACE, FULLNAME + "-copier");
        RoleBinding binding = chart.get(RoleBinding.class, NAMESPACE, FULLNAME + "-copier");
        ServiceAccount account = chart.get(ServiceAccount.class, NAMESPACE, FULLNAME + "-copier");

        assertThat(ExpectedRbac.flatten(copier.getRules())).containsExactlyEntriesOf(ExpectedRbac.COPIER);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
        });
        assertThat(account.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "copier");
    }

    static Container operatorContainer(RenderedChart rendered) {
        return rendered.get(Deployment.class, NAMESPACE, FULLNAME).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, String> operatorPodLabels(RenderedChart rendered) {
        return rendered.get(Deployment.class, NAMESPACE, FULLNAME).getSpec().getTemplate().getMetadata().getLabels();
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getEnv()));
    }
}
