package dev.datamigration.deploy.chart;

import static dev.datamigration.deploy.support.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.deploy.support.RenderedChart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

/** Cluster-wide install with the copier placed in the namespaces that hold migrations, and overridden images. */
class HelmChartClusterWideTest {

    private static final String FULLNAME = "dm-datamigration-operator";

    @Test
    void copierRolesGoToTheListedNamespacesInsteadOfTheReleaseNamespace() {
        RenderedChart chart = RenderedChart.render("cluster-wide");

        assertThat(ExpectedRbac.flatten(chart.get(ClusterRole.class, null, FULLNAME).getRules()))
                .containsExactlyEntriesOf(ExpectedRbac.OPERATOR);
        assertThat(chart.all(Role.class)).map(RenderedChart::describe).containsExactlyInAnyOrder(
                "Role datamigration-system/dm-datamigration-operator-leader-election",
                "Role refresh/dm-datamigration-operator-copier",
                "Role odc-migration/dm-datamigration-operator-copier");
        assertThat(chart.all(RoleBinding.class)).map(RenderedChart::describe).containsExactlyInAnyOrder(
                "RoleBinding datamigration-system/dm-datamigration-operator-leader-election",
                "RoleBinding refresh/dm-datamigration-operator-copier",
                "RoleBinding odc-migration/dm-datamigration-operator-copier");
        for (String namespace : new String[] {"refresh", "odc-migration"}) {
            assertThat(ExpectedRbac.flatten(chart.get(Role.class, namespace, FULLNAME + "-copier").getRules()))
                    .containsExactlyEntriesOf(ExpectedRbac.COPIER);
        }
    }

    @Test
    void replicasImageAndExtraEnvComeFromValues() {
        RenderedChart chart = RenderedChart.render("cluster-wide");
        Deployment deployment = chart.get(Deployment.class, NAMESPACE, FULLNAME);
        Container operator = HelmChartDefaultsTest.operatorContainer(chart);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(operator.getImage()).isEqualTo("registry.example.com/platform/datamigration:0.1.0-rc1");
        assertThat(HelmChartDefaultsTest.env(operator, "COPIER_IMAGE").getValue())
                .isEqualTo("registry.example.com/platform/datamigration:0.1.0-rc1");
        assertThat(operator.getEnv()).last().extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly("EXTRA_SETTING", "on");
    }

    @Test
    void copierImageAndServiceAccountCanBeSetApart() {
        RenderedChart chart = RenderedChart.render(command -> command
                .set("copier.image", "registry.example.com/platform/datamigration-copier:7")
                .set("copier.serviceAccount.name", "migration-copier"));
        Container operator = HelmChartDefaultsTest.operatorContainer(chart);

        assertThat(HelmChartDefaultsTest.env(operator, "COPIER_IMAGE").getValue())
                .isEqualTo("registry.example.com/platform/datamigration-copier:7");
        assertThat(HelmChartDefaultsTest.env(operator, "COPIER_SERVICE_ACCOUNT").getValue())
                .isEqualTo("migration-copier");
        assertThat(chart.get(RoleBinding.class, NAMESPACE, FULLNAME + "-copier").getSubjects())
                .singleElement().satisfies(subject -> assertThat(subject.getName()).isEqualTo("migration-copier"));
    }

    @Test
    void rbacCanBeLeftToTheClusterAdministrator() {
        RenderedChart chart = RenderedChart.render(command -> command.set("rbac.create", false));

        assertThat(chart.ofKind("Role")).isEmpty();
        assertThat(chart.ofKind("RoleBinding")).isEmpty();
        assertThat(chart.ofKind("ClusterRole")).isEmpty();
        assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(chart.ofKind("Deployment")).hasSize(1);
    }
}
